/**
 * Not a row: profiles the benchmark page (bench/browser) with the CDP Profiler while one of its rows runs, and
 * writes the profile to /tmp/prof/page-<what>.cpuprofile. `what`: terminal (ours or raw) or uilong.
 * `node --import tsx/esm bench/node/profile-page.ts terminal ours` (build the page first: the bench does).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { launchBrowser } from '../../tests/e2e/harness/browser';
import { PAGE_CONFIG, viteBuild, vitePreview } from './vite';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: Record<string, unknown>;
}

const [what = 'terminal', side = 'ours', build = 'build'] = process.argv.slice(2);
if (build !== 'nobuild') await viteBuild(['--config', PAGE_CONFIG, ...(build === 'plain' ? ['--minify', 'false'] : [])]);
const served = await vitePreview(['--config', PAGE_CONFIG]);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${served.url}/`);
  await page.waitForFunction(() => document.title === 'ready');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const trace: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => trace.push(...(event.value as unknown as TraceEvent[])));
  if (what === 'terminal') {
    await page.evaluate((s) => window.bench.terminalOnce(2, s as 'ours'), side);
    await start();
    for (let i = 0; i < 3; i++) console.log(await page.evaluate((s) => window.bench.terminalOnce(20, s as 'ours'), side));
  } else if (what === 'first') {
    // the first frames of a run on a page that has idled since its timeline was mounted
    await page.evaluate(() => window.bench.uiLongRunStart(100));
    await start();
    await page.evaluate(() => window.bench.uiLongRunFeed(40, 8));
    console.log(await page.evaluate(() => window.bench.uiLongRunStop()));
  } else if (what === 'heap') {
    // every allocation while 10 000 events are fed, collected or not
    const { events } = await page.evaluate(() => window.bench.uiLongRunStart(1250));
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let fed = 0; fed < events; fed += 1000) await page.evaluate(() => window.bench.uiLongRunFeed(1000, 8));
    const { profile: heap } = await cdp.send('HeapProfiler.stopSampling');
    writeFileSync('/tmp/prof/page-heap.json', JSON.stringify(heap));
    await page.evaluate(() => window.bench.uiLongRunStop());
    await start();
  } else {
    const { events } = await page.evaluate(() => window.bench.uiLongRunStart(5000));
    await start();
    for (let fed = 0; fed < events; fed += 1000) await page.evaluate(() => window.bench.uiLongRunFeed(1000, 8));
    console.log(await page.evaluate(() => window.bench.uiLongRunStop()));
  }
  const { profile } = await cdp.send('Profiler.stop');
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  mkdirSync('/tmp/prof', { recursive: true });
  writeFileSync(`/tmp/prof/page-${what}-${side}.cpuprofile`, JSON.stringify(profile));
  writeFileSync(`/tmp/prof/page-${what}-${side}.trace.json`, JSON.stringify(trace));
  console.log(`${trace.length} trace events`);

  async function start(): Promise<void> {
    await cdp.send('Tracing.start', { categories: process.env.CATS ?? 'devtools.timeline,toplevel,v8.execute', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
  }
} finally {
  await browser.close();
  await served.stop();
}
