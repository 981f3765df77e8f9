import { describe, expect, it } from 'vitest';
import { chooseFrameRate } from '../../src/xr/frameRate';

describe('chooseFrameRate', () => {
  it('never takes the highest rate by default: 72 on Quest 3 and Quest 2', () => {
    expect(chooseFrameRate([72, 80, 90, 120])).toBe(72);
    expect(chooseFrameRate(new Float32Array([72, 90, 96, 100, 120]))).toBe(72);
  });

  it('takes 90 when 72 is not offered (e.g. Pico in 90 Hz mode)', () => {
    expect(chooseFrameRate([90, 120])).toBe(90);
  });

  it('otherwise the rate closest to the 72–90 band, the lower on a tie', () => {
    expect(chooseFrameRate([60, 120])).toBe(60);
    expect(chooseFrameRate([80, 120])).toBe(80);
    expect(chooseFrameRate([96, 120])).toBe(96);
    expect(chooseFrameRate([66, 96])).toBe(66);
  });

  it('leaves the browser default when there is no choice', () => {
    expect(chooseFrameRate([])).toBeNull();
    expect(chooseFrameRate(undefined)).toBeNull();
    expect(chooseFrameRate([Number.NaN, 0])).toBeNull();
  });
});
