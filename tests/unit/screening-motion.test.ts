/** The projector camera's glide (src/screening/glide.ts) and the presenter's keys (src/screening/keys.ts). */
import { describe, expect, it } from 'vitest';
import { COMFORT, nearestAngle, peakSpeeds, planGlide, sampleGlide, type Pose } from '../../src/screening/glide';
import { isScreeningKey, keyAction, type KeyState } from '../../src/screening/keys';

const A: Pose = { x: 0, z: 0, yaw: 0, pitch: 0 };
const B: Pose = { x: 4, z: -3, yaw: 2.5, pitch: -0.2 };

/** Finite-difference speeds over a glide, at a fine step (independent of the module's own sampling). */
function measured(glide: ReturnType<typeof planGlide>) {
  const dt = glide.duration / 2000;
  let linear = 0;
  let angular = 0;
  let jump = 0;
  let prev = sampleGlide(glide, 0).pose;
  for (let i = 1; i <= 2000; i++) {
    const pose = sampleGlide(glide, i * dt).pose;
    linear = Math.max(linear, Math.hypot(pose.x - prev.x, pose.z - prev.z) / dt);
    angular = Math.max(angular, Math.hypot(pose.yaw - prev.yaw, pose.pitch - prev.pitch) / dt);
    jump = Math.max(jump, Math.hypot(pose.x - prev.x, pose.z - prev.z));
    prev = pose;
  }
  return { linear, angular, jump };
}

describe('the projector glide', () => {
  it('starts and ends at rest, at the two poses', () => {
    const g = planGlide(A, B);
    expect(sampleGlide(g, 0).pose).toEqual(A);
    expect(sampleGlide(g, 0).velocity).toEqual({ x: 0, z: 0, yaw: 0, pitch: 0 });
    const end = sampleGlide(g, g.duration);
    expect(end.pose.x).toBeCloseTo(4);
    expect(end.pose.yaw).toBeCloseTo(2.5);
    const nearEnd = sampleGlide(g, g.duration * 0.999).velocity;
    expect(Math.hypot(nearEnd.x, nearEnd.z)).toBeLessThan(0.01);
  });

  it('eases in and out: slow at both ends, fastest in the middle', () => {
    const g = planGlide(A, B);
    const speed = (f: number) => {
      const v = sampleGlide(g, g.duration * f).velocity;
      return Math.hypot(v.x, v.z);
    };
    expect(speed(0.05)).toBeLessThan(speed(0.25));
    expect(speed(0.25)).toBeLessThan(speed(0.5));
    expect(speed(0.95)).toBeLessThan(speed(0.75));
  });

  it('never goes faster or turns faster than the comfort limits', () => {
    for (const to of [B, { x: 0.1, z: 0, yaw: Math.PI, pitch: 0 }, { x: 12, z: 0, yaw: 0, pitch: 0 }]) {
      const g = planGlide(A, to);
      const m = measured(g);
      expect(m.linear).toBeLessThanOrEqual(COMFORT.maxSpeed * 1.01);
      expect(m.angular).toBeLessThanOrEqual(COMFORT.maxAngular * 1.01);
      expect(g.duration).toBeGreaterThanOrEqual(COMFORT.minDuration);
    }
    // A half turn at 25°/s takes at least 7.2 s.
    expect(planGlide(A, { ...A, yaw: Math.PI }).duration).toBeGreaterThan(Math.PI / COMFORT.maxAngular);
  });

  it('turns the short way round', () => {
    expect(nearestAngle(3, -3)).toBeCloseTo(-3 + 2 * Math.PI);
    const g = planGlide({ ...A, yaw: 3 }, { ...A, yaw: -3 });
    expect(Math.abs(g.to.yaw - 3)).toBeLessThan(Math.PI);
  });

  it('takes up a new target mid-glide with the current velocity (no jerk), within the limits', () => {
    const first = planGlide(A, B);
    const mid = sampleGlide(first, first.duration / 2);
    const second = planGlide(mid.pose, { x: -2, z: 5, yaw: -1, pitch: 0.1 }, mid.velocity);
    const start = sampleGlide(second, 0);
    expect(start.pose).toEqual(mid.pose);
    for (const k of ['x', 'z', 'yaw', 'pitch'] as const) expect(start.velocity[k]).toBeCloseTo(mid.velocity[k], 9);
    const m = measured(second);
    expect(m.linear).toBeLessThanOrEqual(COMFORT.maxSpeed * 1.01);
    expect(m.angular).toBeLessThanOrEqual(COMFORT.maxAngular * 1.01);
    expect(peakSpeeds(second).linear).toBeLessThanOrEqual(COMFORT.maxSpeed * 1.0001);
  });

  it('does nothing for no move', () => {
    expect(planGlide(A, { ...A, yaw: 2 * Math.PI }).duration).toBe(0);
  });
});

describe('presenter keys and clicker', () => {
  const press = (keys: string[], stations = 9) => {
    let state: KeyState = { digits: '' };
    const actions = [];
    for (const key of keys) {
      const r = keyAction(key, state, stations);
      state = r.state;
      actions.push(r.action);
    }
    return actions;
  };

  it('maps clicker keys to next, previous and black screen', () => {
    const [down, up, b, dot, right, left] = press(['PageDown', 'PageUp', 'b', '.', 'ArrowRight', 'ArrowLeft']);
    expect(down).toEqual({ kind: 'command', command: { type: 'next' } });
    expect(up).toEqual({ kind: 'command', command: { type: 'previous' } });
    expect(b).toEqual({ kind: 'command', command: { type: 'toggle-black' } });
    expect(dot).toEqual(b);
    expect(right).toEqual(down);
    expect(left).toEqual(up);
    expect(press(['F5'])[0]).toEqual({ kind: 'fullscreen' });
    expect(press([' '])[0]).toEqual({ kind: 'command', command: { type: 'toggle-narration' } });
    expect(press(['Escape'])[0]).toEqual({ kind: 'none' });
  });

  it('jumps to a stop number typed before Enter, and ignores one out of range', () => {
    expect(press(['3', 'Enter']).at(-1)).toEqual({ kind: 'command', command: { type: 'goto', station: 2 } });
    expect(press(['1', '2', 'Enter']).at(-1)).toEqual({ kind: 'none' });
    expect(press(['0', 'Enter']).at(-1)).toEqual({ kind: 'none' });
    // Enter alone is "next"; a digit then another key forgets the digit.
    expect(press(['Enter'])[0]).toEqual({ kind: 'command', command: { type: 'next' } });
    expect(press(['4', 'x', 'Enter']).at(-1)).toEqual({ kind: 'command', command: { type: 'next' } });
    expect(press(['End'])[0]).toEqual({ kind: 'command', command: { type: 'goto', station: 8 } });
  });

  it('claims the keys whose browser default would get in the way', () => {
    for (const key of ['PageDown', 'PageUp', ' ', 'F5', 'b', '.', '5', 'ArrowDown']) expect(isScreeningKey(key)).toBe(true);
    for (const key of ['Escape', 'Tab', 'F11', 'a']) expect(isScreeningKey(key)).toBe(false);
  });
});
