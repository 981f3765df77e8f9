import { describe, expect, it } from 'vitest';
import { SUBTITLE_FOLLOW, createFollowState, followStep, panelPose } from '../../src/xr/follow';

const head = (yaw: number, x = 0, z = 0, y = 1.6) => ({ x, y, z, yaw });

function run(s: ReturnType<typeof createFollowState>, h: ReturnType<typeof head>, seconds: number) {
  for (let t = 0; t < seconds; t += 1 / 72) followStep(s, h, 1 / 72);
}

describe('subtitle panel lazy follow', () => {
  it('appears 1.8 m ahead, a little below the eyes, tilted towards them', () => {
    const s = createFollowState();
    followStep(s, head(0), 1 / 72);
    const p = panelPose(s);
    expect(p.position[0]).toBeCloseTo(0);
    expect(p.position[2]).toBeCloseTo(-SUBTITLE_FOLLOW.distance);
    expect(p.position[1]).toBeCloseTo(1.6 - SUBTITLE_FOLLOW.drop);
    expect(p.tilt).toBeLessThan(0);
  });

  it('stays put while the head looks around a little', () => {
    const s = createFollowState();
    followStep(s, head(0), 1 / 72);
    run(s, head(0.35), 2);
    expect(s.yaw).toBe(0);
    expect(s.following).toBe(false);
  });

  it('glides back in front once the head has turned away, then stops', () => {
    const s = createFollowState();
    followStep(s, head(0), 1 / 72);
    followStep(s, head(1.2), 1 / 72);
    expect(s.following).toBe(true);
    expect(s.yaw).toBeGreaterThan(0);
    expect(s.yaw).toBeLessThan(0.2); // eased, not a jump
    run(s, head(1.2), 3);
    expect(s.following).toBe(false);
    expect(Math.abs(s.yaw - 1.2)).toBeLessThan(SUBTITLE_FOLLOW.stopAngle);
  });

  it('follows across ±π the short way', () => {
    const s = createFollowState();
    followStep(s, head(3), 1 / 72);
    run(s, head(-2.6), 3);
    expect(Math.cos(s.yaw - -2.6)).toBeGreaterThan(0.999);
  });

  it('jumps with the visitor on a teleport', () => {
    const s = createFollowState();
    followStep(s, head(0), 1 / 72);
    followStep(s, head(0, 3, -2), 1 / 72);
    expect(s.x).toBe(3);
    expect(s.z).toBe(-2);
  });
});
