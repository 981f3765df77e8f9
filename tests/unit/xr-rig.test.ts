import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SceneSchema } from '../../src/content/schema';
import { lookAngles, placePlayer, player } from '../../src/state/player';
import { initialAppState, useAppStore } from '../../src/state/store';
import { storage } from '../../src/state/slices';
import { stationIndex } from '../../src/tour/progress';
import { floorPlan } from '../../src/tour/walkable';
import { recenter, rig, teleportTo } from '../../src/xr/rig';

vi.hoisted(() => {
  // The settings store persists to localStorage; give it an in-memory one in node.
  const data = new Map<string, string>();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    },
  });
});

const scene = SceneSchema.parse(JSON.parse(readFileSync(new URL('../../scenes/jiandang/scene.json', import.meta.url), 'utf8')));
const hall = scene.rooms[0]!;

describe('VR rig actions', () => {
  beforeEach(() => {
    storage.current = null;
    useAppStore.setState(initialAppState, true);
    useAppStore.getState().openBase(scene, true);
    player.plan = floorPlan(hall);
    placePlayer(0, 6.4, 0);
    rig.lastTeleport = null;
  });

  it('teleports onto walkable floor', () => {
    expect(teleportTo({ x: 1.5, y: 0, z: 5.5 })).toBe(true);
    expect([player.x, player.z]).toEqual([1.5, 5.5]);
    expect(rig.lastTeleport).toEqual({ x: 1.5, z: 5.5, accepted: true });
  });

  it('stays put when the arc hit a wall or off-limits floor', () => {
    expect(teleportTo({ x: 0, y: 1.4, z: 4.2 })).toBe(false);
    expect(teleportTo({ x: 3.5, y: 0, z: 3 })).toBe(false);
    expect([player.x, player.z]).toEqual([0, 6.4]);
    expect(rig.lastTeleport?.accepted).toBe(false);
  });

  it('a teleport cancels an automatic walk', () => {
    player.target = { x: 0, z: 4, yaw: 0, pitch: 0 };
    teleportTo({ x: -2, y: 0, z: 6 });
    expect(player.target).toBeNull();
  });

  it('recenter turns the view to the station exhibit from where the visitor stands', () => {
    const stop = hall.stops[0]!;
    player.yaw = 2.5;
    placePlayer(1, 6, 2.5);
    recenter();
    expect(player.yaw).toBeCloseTo(lookAngles(1, 1.6, 6, stop.lookAt).yaw);
    expect([player.x, player.z]).toEqual([1, 6]);
    expect(rig.remeasureLift).toBe(true);
  });

  it('recenter at a checkpoint faces the quiz panel', () => {
    useAppStore.setState({ progress: { ...useAppStore.getState().progress!, station: stationIndex(scene, 'yida-quiz') } });
    placePlayer(-1.6, 3.2, 0);
    recenter();
    const cp = hall.checkpoint!;
    expect(player.yaw).toBeCloseTo(lookAngles(-1.6, 1.6, 3.2, cp.panel).yaw);
  });
});
