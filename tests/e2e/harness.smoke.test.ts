import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { canvasNotBlank, launchBrowser, openPage, startApp } from './harness';

/** A WebGL canvas cleared to red with a green square, and a few things a test must notice. */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>harness smoke</title>
<style>html,body{margin:0;background:#fff}canvas{display:block}</style></head>
<body>
<canvas id="gl" width="320" height="240"></canvas>
<img src="http://cdn.example.com/logo.png" alt="">
<script type="module">
  const gl = document.getElementById('gl').getContext('webgl2', { preserveDrawingBuffer: true });
  window.webgl = gl ? gl.getParameter(gl.RENDERER) : null;
  if (gl) {
    gl.clearColor(0.8, 0.1, 0.1, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.SCISSOR_TEST);
    gl.scissor(100, 80, 120, 80);
    gl.clearColor(0.1, 0.7, 0.2, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
  }
  window.fetchResult = fetch('https://fonts.example.net/noto.woff').then(() => 'loaded', (e) => 'blocked: ' + e.message);
  const local = await fetch('/data.json').then((r) => r.json());
  window.localData = local;
  console.error('deliberate console error');
  setTimeout(() => { throw new Error('deliberate page error'); }, 0);
  window.ready = true;
</script>
</body></html>`;

describe('e2e harness', () => {
  const dist = mkdtempSync(join(tmpdir(), 'redtour-harness-'));
  let app: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), PAGE);
    writeFileSync(join(dist, 'data.json'), '{"ok":true}');
    app = await startApp({ distDir: dist });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('refuses to start without a build', async () => {
    await expect(startApp({ distDir: join(dist, 'nope') })).rejects.toThrow('run npm run build first');
  });

  it('records and aborts off-host requests, and collects errors', async () => {
    const opened = await openPage(browser, `${app.httpUrl}/`);
    try {
      const { page } = opened;
      await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
      expect(await page.evaluate(() => (window as unknown as { localData: unknown }).localData)).toEqual({ ok: true });
      const fetchResult = await page.evaluate(() => (window as unknown as { fetchResult: Promise<string> }).fetchResult);
      expect(fetchResult).toMatch(/^blocked/);
      await expect.poll(() => opened.pageErrors.length).toBeGreaterThan(0);
      expect(opened.offHostRequests).toEqual(
        expect.arrayContaining(['http://cdn.example.com/logo.png', 'https://fonts.example.net/noto.woff']),
      );
      expect(opened.offHostRequests.every((url) => !url.includes('127.0.0.1'))).toBe(true);
      expect(opened.consoleErrors.some((line) => line.includes('deliberate console error'))).toBe(true);
      expect(opened.pageErrors.some((line) => line.includes('deliberate page error'))).toBe(true);
      expect(opened.failedRequests).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('renders WebGL with SwiftShader and sees that the canvas is not blank', async () => {
    const opened = await openPage(browser, `${app.httpUrl}/`);
    try {
      const { page } = opened;
      await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
      const renderer = await page.evaluate(() => (window as unknown as { webgl: string | null }).webgl);
      expect(renderer).toBeTruthy();
      const stats = await canvasNotBlank(page);
      expect(stats.width).toBe(320);
      expect(stats.height).toBe(240);
      expect(stats.background).toEqual([255, 255, 255]);
      expect(stats.notBlank).toBe(true);
      expect(stats.nonBackgroundFraction).toBeGreaterThan(0.99);
      expect(stats.distinctColours).toBeGreaterThanOrEqual(2);
      const [r, g, b] = stats.dominantColour;
      expect(r).toBeGreaterThan(190);
      expect(g).toBeLessThan(50);
      expect(b).toBeLessThan(50);
      // The green square is 120×80 of 320×240: the red clear covers the rest.
      expect(stats.dominantFraction).toBeCloseTo(1 - (120 * 80) / (320 * 240), 2);
    } finally {
      await opened.close();
    }
  });

  it('reports an undrawn canvas as blank', async () => {
    const opened = await openPage(browser, `${app.httpUrl}/data.json`);
    try {
      await opened.page.setContent('<body style="margin:0;background:#123456"><canvas width="64" height="64"></canvas></body>');
      const stats = await canvasNotBlank(opened.page);
      expect(stats.background).toEqual([0x12, 0x34, 0x56]);
      expect(stats.notBlank).toBe(false);
      expect(stats.distinctColours).toBe(1);
    } finally {
      await opened.close();
    }
  });

  it('offers HTTPS whose only certificate error is the bypassable self-signed one', async () => {
    const secure = await startApp({ distDir: dist, https: true });
    try {
      const strict = await openPage(browser, `${secure.httpsUrl}/data.json`).then(
        () => 'loaded',
        (error: Error) => error.message,
      );
      // What the headset shows as "高级 → 继续访问"; not a name or validity error.
      expect(strict).toContain('ERR_CERT_AUTHORITY_INVALID');
      const accepted = await openPage(browser, `${secure.httpsUrl}/data.json`, { context: { ignoreHTTPSErrors: true } });
      try {
        expect(await accepted.page.evaluate(() => window.isSecureContext)).toBe(true);
      } finally {
        await accepted.close();
      }
    } finally {
      await secure.close();
    }
  });

  it('hides the built-in WebXR when the emulator is wanted', async () => {
    const plain = await openPage(browser, `${app.httpUrl}/data.json`);
    const xrBrowser = await launchBrowser({ xrEmulator: true });
    try {
      expect(await plain.page.evaluate(() => 'xr' in navigator)).toBe(true);
      const emulated = await openPage(xrBrowser, `${app.httpUrl}/data.json`);
      expect(await emulated.page.evaluate(() => 'xr' in navigator)).toBe(false);
    } finally {
      await plain.close();
      await xrBrowser.close();
    }
  });
});
