import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XR_PROFILES, filterProfilesList, profileFiles, profilesDir } from '../../tools/vite-xr-profiles';

describe('xr-profiles plugin file selection', () => {
  const dir = profilesDir();

  it('finds the installed input profiles', () => {
    expect(existsSync(join(dir, 'profilesList.json'))).toBe(true);
  });

  it('ships every profile it names, each with its layout and models', () => {
    const files = profileFiles(dir, XR_PROFILES);
    for (const id of XR_PROFILES) {
      expect(files).toContain(`${id}/profile.json`);
      expect(files.filter((f) => f.startsWith(`${id}/`) && f.endsWith('.glb')).length).toBeGreaterThanOrEqual(2);
    }
    expect(files).toContain('generic-hand/left.glb');
    expect(files).toContain('generic-hand/right.glb');
  });

  it('every layout of a shipped profile points at a shipped model', () => {
    const files = new Set(profileFiles(dir, XR_PROFILES));
    for (const id of XR_PROFILES.filter((p) => p !== 'generic-hand')) {
      const profile = JSON.parse(readFileSync(join(dir, id, 'profile.json'), 'utf8')) as { layouts: Record<string, { assetPath: string }> };
      for (const layout of Object.values(profile.layouts)) expect(files.has(`${id}/${layout.assetPath}`)).toBe(true);
    }
  });

  it('lists only shipped profiles, so the loader never asks for a missing one', () => {
    const list = JSON.parse(readFileSync(join(dir, 'profilesList.json'), 'utf8')) as Record<string, { path: string }>;
    const filtered = filterProfilesList(list, XR_PROFILES);
    expect(Object.keys(filtered).sort()).toEqual(Object.keys(list).filter((k) => XR_PROFILES.includes(k)).sort());
    expect(filtered['generic-trigger']?.path).toBe('generic-trigger/profile.json');
    expect(filtered['htc-vive']).toBeUndefined();
  });
});
