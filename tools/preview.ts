/**
 * Screenshots every stop of a base as the desktop view shows it, for authors to check a new base
 * by eye (camera place, what is in view, labels). Serves the built app (`dist/`) on 127.0.0.1.
 *
 * Usage: npx tsx tools/preview.ts <base-id> [outDir] [--locale en]
 *   (run `npx vite build` first; writes <outDir>/<nn>-<station>.png, default /tmp/redtour-preview/<base-id>)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchBrowser, openPage, startApp } from '../tests/e2e/harness';

const args = process.argv.slice(2);
const localeAt = args.indexOf('--locale');
const locale = localeAt >= 0 ? (args.splice(localeAt, 2)[1] ?? 'zh') : 'zh';
const baseId = args[0];
if (!baseId) {
  console.error('usage: npx tsx tools/preview.ts <base-id> [outDir] [--locale en]');
  process.exit(2);
}
const outDir = resolve(args[1] ?? join('/tmp/redtour-preview', baseId));
await mkdir(outDir, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();
try {
  const opened = await openPage(browser, `${app.httpUrl}/?test&autostart=${encodeURIComponent(baseId)}`, {
    context: { viewport: { width: 1280, height: 800 }, locale: locale === 'en' ? 'en-US' : 'zh-CN' },
  });
  const { page } = opened;
  await page.waitForFunction(`(() => { const s = window.__redtour?.store.getState(); return !!s && !!s.progress; })()`, undefined, { timeout: 60_000 });
  if (locale === 'en') await page.evaluate(`window.__redtour.store.getState().setLocale('en')`);
  const stations = (await page.evaluate(
    `(() => { const s = window.__redtour.store.getState(); return s.scene.rooms.flatMap((r) => [...r.stops.map((st) => st.id), ...(r.checkpoint ? [r.checkpoint.id] : [])]); })()`,
  )) as string[];
  for (const [i, name] of stations.entries()) {
    // set the station directly: a preview shows rooms behind checkpoints not yet passed
    await page.evaluate(`(() => { const st = window.__redtour.store; const p = st.getState().progress; st.setState({ progress: { ...p, station: ${i} }, quizAnswers: {}, quizIndex: 0, quizResult: null }); })()`);
    // let the visitor arrive, the room load and a few frames draw (SwiftShader is slow)
    await page
      .waitForFunction(`(() => { const r = window.__redtour; return r.player.target === null && !!r.gl && r.gl.info.render.triangles > 500; })()`, undefined, { timeout: 20_000, polling: 100 })
      .catch(() => console.error(`station ${i}: still moving or loading after 20 s; screenshot taken anyway`));
    await page.waitForTimeout(800);
    const file = join(outDir, `${String(i).padStart(2, '0')}-${name.replace(/[^a-z0-9-]+/gi, '_')}.png`);
    await writeFile(file, await page.screenshot());
    console.log(file);
  }
  if (opened.consoleErrors.length) console.error('console errors:\n' + opened.consoleErrors.join('\n'));
  if (opened.failedRequests.length) console.error('failed requests:\n' + opened.failedRequests.join('\n'));
  await opened.close();
} finally {
  await browser.close();
  await app.close();
}
