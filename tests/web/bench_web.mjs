// The browser build's benchmark, in Debian's headless chromium:
// - the site's transfer size: every file gzip'd (as a server would send it),
//   at most 3 MiB;
// - time from navigation to the first drawn frame, a phone's first visit
//   (a fresh browser context each round), against the floor: the smallest
//   Dear ImGui page (the demo window, same Dear ImGui, backends and link
//   flags, its canvas and font at the device's pixels as RoleFit's must be:
//   tests/web/floor_page.cpp), loaded the same way from the same server.
//   Rounds interleaved, which side goes first alternating; the ratio is the
//   median of the rounds' own ratios (tests/bench/paired.hpp says why); at
//   most 2x.
//   node tests/web/bench_web.mjs BUILD_WEB_DIR
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import puppeteer from 'puppeteer-core';

const [webDir] = process.argv.slice(2);
if (!webDir) {
  console.error('usage: node bench_web.mjs BUILD_WEB_DIR');
  process.exit(2);
}
// 15 rounds: a round's own ratio ranged from 0.97 to 2.21 in one run, and the
// median of 9 moved from 1.38 to 1.73 between runs while the page itself
// kept its speed (two of those builds against each other: 0.93-1.05).
const kRounds = 15, kSizeLimit = 3 * 1024 * 1024, kRatioLimit = 2.0;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

const site = join(webDir, 'site');
let gzipped = 0;
for (const name of readdirSync(site)) gzipped += gzipSync(readFileSync(join(site, name)), {level: 9}).length;

const port = 20000 + Math.floor(Math.random() * 2000);
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', webDir],
                     {stdio: 'ignore'});
await pause(700);
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});

async function firstFrame(path) {
  const context = await browser.createBrowserContext();  // nothing cached, nothing stored
  const page = await context.newPage();
  await page.setViewport({width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true});
  await page.goto(`http://127.0.0.1:${port}/${path}`, {waitUntil: 'load'});
  await page.waitForFunction(() => window.Module && Module.firstFrameAt, {timeout: 30000});
  const ms = await page.evaluate(() => Module.firstFrameAt);
  await context.close();
  return ms;
}

const apps = [], floors = [], ratios = [];
try {
  for (let round = 0; round < kRounds; ++round) {
    if (round % 2 === 0) {
      floors.push(await firstFrame('floor/'));
      apps.push(await firstFrame('site/'));
    } else {
      apps.push(await firstFrame('site/'));
      floors.push(await firstFrame('floor/'));
    }
    ratios.push(apps[round] / floors[round]);
  }
} finally {
  await browser.close();
  server.kill();
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const app = median(apps), floor = median(floors), ratio = median(ratios);
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(2);
console.log(`site transfer size, gzip'd: ${mib(gzipped)} MiB (limit ${mib(kSizeLimit)} MiB)`);
console.log(`first frame of a first visit, as a phone: ${app.toFixed(0)} ms; floor ${floor.toFixed(0)} ms; ` +
            `ratio ${ratio.toFixed(2)} (limit ${kRatioLimit.toFixed(2)})`);
console.log(`  the median of ${kRounds} rounds' ratios (${Math.min(...ratios).toFixed(2)}-` +
            `${Math.max(...ratios).toFixed(2)}); times are each side's median, fastest ${Math.min(...apps).toFixed(0)} ms ` +
            `and ${Math.min(...floors).toFixed(0)} ms`);
console.log('  floor: the Dear ImGui demo window as its own page (same library, backends and link flags; canvas and ' +
            `font at the device's pixels), same server, a fresh browser context each round`);
const ok = gzipped <= kSizeLimit && ratio <= kRatioLimit;
console.log(ok ? 'web benchmark: within its limits' : 'web benchmark: OVER A LIMIT');
process.exit(ok ? 0 : 1);
