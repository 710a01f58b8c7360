// RoleFit's browser build in Debian's chromium, as a phone: 390x844 CSS
// pixels at a pixel ratio of 3, with touch. The site is served from
// build/web/site on 127.0.0.1 (a secure context) by Python's http.server.
//   node tests/web/test_web.mjs SITE_DIR ROLEFIT_BINARY SCREENSHOT_DIR
// Each step prints what it checked; a failed check exits 1. Screenshots of
// each step go to SCREENSHOT_DIR to be looked at.
import {spawn, execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync, readFileSync, readdirSync, mkdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import puppeteer from 'puppeteer-core';

const [siteDir, rolefit, shots] = process.argv.slice(2);
if (!siteDir || !rolefit || !shots) {
  console.error('usage: node test_web.mjs SITE_DIR ROLEFIT_BINARY SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, {recursive: true});
const profileDir = mkdtempSync(join(tmpdir(), 'rolefit-web-'));
const port = 18000 + Math.floor(Math.random() * 2000);
const url = `http://127.0.0.1:${port}/`;
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

function serve() {
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', siteDir],
                       {stdio: 'ignore'});
  return server;
}

async function launch() {
  return puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir: profileDir,  // one browser profile across restarts: its IndexedDB is the app's data
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}

async function open(browser) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => { console.log(`page error: ${e.message}`); failures++; });
  await page.setViewport({width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true});
  await page.goto(url, {waitUntil: 'load'});
  await page.waitForFunction(() => window.Module && Module.rolefitStorage && Module.calledRun, {timeout: 30000});
  await pause(500);
  return page;
}

// The database as the page holds it, copied out for the desktop binary.
async function copyOfPageDatabase(page) {
  const bytes = await page.evaluate(() => Array.from(FS.readFile('/rolefit/rolefit.db')));
  const file = join(profileDir, 'copy.db');
  writeFileSync(file, Buffer.from(bytes));
  return file;
}

async function profilesInPage(page) {
  const file = await copyOfPageDatabase(page);
  const listed = JSON.parse(execFileSync(rolefit, ['list', '--json', '--db', file]).toString());
  rmSync(file);
  return listed.length;
}

let server = serve();
await pause(700);
let browser = await launch();
try {
  // First visit: the sample companies, written and saved to IndexedDB.
  let page = await open(browser);
  check(!(await page.evaluate(() => Module.rolefitHadData)), 'first visit: no data yet');
  await page.waitForFunction(() => Module.rolefitSaved >= 1, {timeout: 20000});
  check(true, 'first visit: the new database was saved to the browser storage');
  check(await profilesInPage(page) === 7, 'first visit: the seven sample companies');
  await page.evaluate(() => navigator.serviceWorker.ready);
  check(true, 'first visit: the service worker is ready (the site is kept for offline use)');
  const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
  check(manifest.display === 'standalone' && manifest.icons.some((i) => i.sizes === '512x512'),
        'installable: a standalone manifest with a 512 px icon');
  await page.screenshot({path: join(shots, 'web-phone-welcome.png')});

  // A tap, where it lands: "Open the 7 profiles".
  const box = await page.evaluate(() => ({w: innerWidth, h: innerHeight}));
  check(box.w === 390 && box.h === 844, 'the page is phone-sized');
  await page.touchscreen.tap(80, 538);
  await pause(800);
  await page.screenshot({path: join(shots, 'web-phone-profiles.png')});

  // A second tab would hold a second copy of the data: it is refused, saying why.
  const second = await browser.newPage();
  await second.goto(url, {waitUntil: 'load'});
  await pause(1500);
  check(await second.evaluate(() => Module.rolefitRefused === true && !Module.calledRun),
        'a second tab does not start');
  check((await second.evaluate(() => document.getElementById('status').textContent)).includes('another tab'),
        'a second tab says RoleFit is open in another tab');
  await second.screenshot({path: join(shots, 'web-second-tab.png')});
  await second.close();
  await page.bringToFront();  // the keyboard goes to the page in front
  await pause(300);

  // Import through the browser's file chooser: a colleague's session made
  // from this very database by the desktop binary, with one profile changed
  // (a conflict) and one new.
  const copy = await copyOfPageDatabase(page);
  const theirs = join(profileDir, 'theirs.json');
  execFileSync(rolefit, ['export', theirs, '--db', copy, '--name', 'From a colleague']);
  const session = JSON.parse(readFileSync(theirs, 'utf8'));
  const profiles = session.session.profiles;
  profiles[0].employees += 17;
  profiles.push({...profiles[1], id: '6f1e5c1a-8a2b-4c3d-9e4f-0a1b2c3d4e5f', name: 'Brand New Co'});
  writeFileSync(theirs, JSON.stringify(session));
  // Ctrl+O held as a person holds it: Dear ImGui 1.86 reads keys once a
  // frame, and a press and release between two frames would not be seen.
  const [chooser] = await Promise.all([page.waitForFileChooser({timeout: 10000}), (async () => {
    await page.keyboard.down('Control');
    await page.keyboard.down('KeyO');
    await pause(150);
    await page.keyboard.up('KeyO');
    await page.keyboard.up('Control');
  })()]);
  await chooser.accept([theirs]);
  await pause(1500);
  await page.screenshot({path: join(shots, 'web-phone-import-preview.png')});
  check(await page.evaluate(() => FS.analyzePath('/incoming/theirs.json').exists),
        'import: the chosen file reached the app');
  // The conflict's own choice (its combo under the name, as the screenshot
  // shows it): take theirs. Then "Apply import".
  await page.touchscreen.tap(124, 283);
  await pause(600);
  await page.screenshot({path: join(shots, 'web-phone-import-choice.png')});
  await page.touchscreen.tap(72, 339);  // "Take theirs"
  await pause(600);
  await page.touchscreen.tap(61, 215);  // "Apply import"
  await pause(800);
  await page.waitForFunction(() => !Module.rolefitSaving, {timeout: 10000});
  await page.screenshot({path: join(shots, 'web-phone-imported.png')});
  {
    const file = await copyOfPageDatabase(page);
    const listed = JSON.parse(execFileSync(rolefit, ['list', '--json', '--db', file]).toString());
    rmSync(file);
    check(listed.length === 8, 'import: the new profile is there (8 profiles)');
    const taken = listed.find((p) => p.id === profiles[0].id);
    check(taken && taken.employees === profiles[0].employees, "import: the conflict took theirs (employees + 17)");
  }
  // File > Export a backup...: offered as a download.
  await page.touchscreen.tap(27, 13);
  await pause(600);
  await page.screenshot({path: join(shots, 'web-phone-file-menu.png')});
  const downloads = join(profileDir, 'downloads');
  mkdirSync(downloads);
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: downloads});
  await page.touchscreen.tap(75, 143);  // "Export a backup..."
  let backup = null;
  for (let waited = 0; waited < 10000 && !backup; waited += 250) {
    await pause(250);
    backup = readdirSync(downloads).find((name) => name.endsWith('.json'));
  }
  check(backup === 'rolefit-backup.json', 'export: the backup was downloaded');
  if (backup) {
    const restored = join(profileDir, 'restored.db');
    execFileSync(rolefit, ['import', join(downloads, backup), '--db', restored]);
    const listed = JSON.parse(execFileSync(rolefit, ['list', '--json', '--db', restored]).toString());
    check(listed.length === 8, 'export: the desktop binary imports the backup, all 8 profiles');
  }

  // Reload: the data comes back from IndexedDB.
  await page.reload({waitUntil: 'load'});
  await page.waitForFunction(() => window.Module && Module.rolefitStorage && Module.calledRun, {timeout: 30000});
  check(await page.evaluate(() => Module.rolefitHadData), 'reload: the database came back from the browser storage');
  check(await profilesInPage(page) === 8, 'reload: the eight companies, none added twice');
  await browser.close();

  // A new browser on the same profile: still there.
  browser = await launch();
  page = await open(browser);
  check(await page.evaluate(() => Module.rolefitHadData), 'browser restarted: the data is still there');
  check(await profilesInPage(page) === 8, 'browser restarted: the eight companies');
  await page.screenshot({path: join(shots, 'web-phone-restarted.png')});

  // No network: the server is stopped, the page reloads from the service worker's set.
  server.kill();
  await pause(300);
  await page.reload({waitUntil: 'load'});
  await page.waitForFunction(() => window.Module && Module.rolefitStorage && Module.calledRun, {timeout: 30000});
  check(await page.evaluate(() => Module.rolefitHadData), 'offline: the app starts, with its data');
  check(await profilesInPage(page) === 8, 'offline: the eight companies');
  await pause(500);
  await page.screenshot({path: join(shots, 'web-phone-offline.png')});
} finally {
  await browser.close().catch(() => {});
  server.kill();
  rmSync(profileDir, {recursive: true, force: true});
}
console.log(failures === 0 ? 'web: all checks passed' : `web: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
