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

// A finger's tap: down, held for a few frames, up (page.touchscreen.tap
// lifts in the same instant, before the app has drawn a frame).
async function hold(cdp, x, y) {
  await cdp.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x, y}]});
  await pause(120);
  await cdp.send('Input.dispatchTouchEvent', {type: 'touchEnd', touchPoints: []});
  await pause(500);
}

async function chord(page, key) {
  await page.keyboard.down('Control');
  await page.keyboard.press(key);
  await page.keyboard.up('Control');
  await pause(100);
}

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

async function listedInPage(page) {
  const file = await copyOfPageDatabase(page);
  const listed = JSON.parse(execFileSync(rolefit, ['list', '--json', '--db', file]).toString());
  rmSync(file);
  return listed;
}
const profilesInPage = async (page) => (await listedInPage(page)).length;

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
  // Idle after a tap: the page draws nothing until something happens.
  await pause(1000);
  const drawnBefore = await page.evaluate(() => Module.rolefitFramesDrawn);
  await pause(1000);
  const drawnAfter = await page.evaluate(() => Module.rolefitFramesDrawn);
  check(drawnAfter === drawnBefore, `idle after a tap: no frames drawn in a second (${drawnAfter - drawnBefore})`);

  // A new profile by touch and keyboard. "New", then the name field: the
  // page's text field takes the focus inside the tap (a phone opens its
  // keyboard only then). The name is typed on a keyboard, on the on-screen
  // keyboard (text inserted as an input method inserts it, a deletion as a
  // soft key's) and pasted from the clipboard; the form is scrolled by
  // dragging; Save.
  // What the app hands the browser's clipboard is noted on its way there.
  await page.evaluate(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => { window.copiedByApp = text; return write(text); };
  });
  let cdp = await page.createCDPSession();
  await hold(cdp, 35, 93);  // "New"
  await hold(cdp, 188, 220);  // the name field
  check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'rolefit-keyboard'),
        'a tap on a text field focuses the page\'s text field (the on-screen keyboard opens)');
  await chord(page, 'KeyA');
  await page.keyboard.type('Tapp', {delay: 20});
  // A character typed with Alt held, as a Mac's Option types it: a letter, not a shortcut.
  await cdp.send('Input.dispatchKeyEvent', {type: 'keyDown', modifiers: 1, key: 'é', code: 'KeyE', text: 'é',
                                            unmodifiedText: 'e', windowsVirtualKeyCode: 69});
  await cdp.send('Input.dispatchKeyEvent', {type: 'keyUp', modifiers: 1, key: 'é', code: 'KeyE', windowsVirtualKeyCode: 69});
  await page.keyboard.type('d', {delay: 20});
  await cdp.send('Input.insertText', {text: ' In Coo'});
  await page.evaluate(() => document.execCommand('delete'));
  await pause(300);
  await chord(page, 'KeyA');
  await chord(page, 'KeyC');
  check(await page.evaluate(() => window.copiedByApp) === 'Tappéd In Co',
        'typed on both keyboards (one letter with Alt), each letter once, one deleted; copied to the browser\'s clipboard');
  await page.keyboard.press('End');
  await page.evaluate(() => navigator.clipboard.writeText(' Ltd'));  // as another app would
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyV', {commands: ['paste']});
  await page.keyboard.up('Control');
  await pause(400);
  await page.screenshot({path: join(shots, 'web-phone-typing.png')});
  // A wheel notch is one step (emscripten's GLFW passes on raw pixels).
  await page.evaluate(() => Module.pauseMainLoop());
  await page.mouse.wheel({deltaY: 100});
  await pause(100);
  const notch = await page.evaluate(() => Module.rolefitWheel.y);
  await page.evaluate(() => { Module.rolefitWheel = {x: 0, y: 0}; Module.resumeMainLoop(); });
  check(notch < 0 && notch >= -1, `a wheel notch down is at most one step down (${notch})`);
  // Drag the form up from the regulatory-burden slider: the form scrolls, the slider stays.
  const beforeDrag = await page.screenshot();
  await cdp.send('Input.dispatchTouchEvent', {type: 'touchStart', touchPoints: [{x: 200, y: 700}]});
  for (let y = 690; y >= 300; y -= 30) {
    await pause(20);
    await cdp.send('Input.dispatchTouchEvent', {type: 'touchMove', touchPoints: [{x: 200, y}]});
  }
  await cdp.send('Input.dispatchTouchEvent', {type: 'touchEnd', touchPoints: []});
  await pause(500);
  await page.screenshot({path: join(shots, 'web-phone-dragged.png')});
  check(!beforeDrag.equals(await page.screenshot()), 'a drag scrolls the form');
  await hold(cdp, 37, 116);  // "Save"
  await page.waitForFunction(() => !Module.rolefitSaving, {timeout: 10000});
  await pause(500);
  {
    const file = await copyOfPageDatabase(page);
    const listed = JSON.parse(execFileSync(rolefit, ['list', '--json', '--db', file]).toString());
    const made = listed.find((p) => p.name === 'Tappéd In Co Ltd');
    check(listed.length === 8 && made, 'the new profile is saved, named as typed and pasted');
    check(made && made.regulatory_burden === 3, 'the slider the drag started on kept its value (3)');
    rmSync(file);
  }
  // Turned to landscape: the canvas follows, at the device's pixels.
  await page.setViewport({width: 844, height: 390, deviceScaleFactor: 3, isMobile: true, hasTouch: true});
  await pause(800);
  const turned = await page.evaluate(() => [Module.canvas.width, Module.canvas.height]);
  check(turned[0] === 844 * 3 && turned[1] === 390 * 3, `turned: the canvas has the landscape screen's pixels (${turned})`);
  await page.screenshot({path: join(shots, 'web-phone-landscape.png')});
  await page.setViewport({width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true});
  await pause(800);

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
  // File > Import session... opens the browser's file chooser (a tap is
  // the user's gesture a chooser needs); the test answers it through the
  // DevTools protocol, listening before the tap.
  await cdp.send('Page.enable');
  await cdp.send('Page.setInterceptFileChooserDialog', {enabled: true});
  const chosen = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no file chooser within 10 s')), 10000);
    cdp.once('Page.fileChooserOpened', ({backendNodeId}) => {
      clearTimeout(timer);
      resolve(cdp.send('DOM.setFileInputFiles', {files: [theirs], backendNodeId}));
    });
  });
  await hold(cdp, 27, 13);  // File
  await hold(cdp, 70, 97);  // Import session...
  await chosen;
  await cdp.send('Page.setInterceptFileChooserDialog', {enabled: false});
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
    check(listed.length === 9, 'import: the new profile is there (9 profiles)');
    const taken = listed.find((p) => p.id === profiles[0].id);
    check(taken && taken.employees === profiles[0].employees, "import: the conflict took theirs (employees + 17)");
  }
  // File > Export a backup...: offered as a download.
  await page.touchscreen.tap(27, 13);
  await pause(600);
  await page.screenshot({path: join(shots, 'web-phone-file-menu.png')});
  const downloads = join(profileDir, 'downloads');
  mkdirSync(downloads);
  cdp = await page.createCDPSession();
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
    check(listed.length === 9, 'export: the desktop binary imports the backup, all 9 profiles');
    const sender = JSON.parse(readFileSync(join(downloads, backup), 'utf8')).session.exported_by;
    check(sender === '', `export: a page claims no sender's name (emscripten's placeholder was "web_user"): "${sender}"`);
  }
  // A session file dropped on the page goes to the import preview, as on the
  // desktop (here the backup just downloaded: nothing in it is new). Cancel.
  if (backup) {
    const bytes = Array.from(readFileSync(join(downloads, backup)));
    await page.evaluate((content) => {
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array(content)], 'dropped-backup.json', {type: 'application/json'}));
      Module.canvas.dispatchEvent(new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));
    }, bytes);
    await pause(1500);
    await page.screenshot({path: join(shots, 'web-phone-dropped.png')});
    check(await page.evaluate(() => FS.analyzePath('/.glfw_dropped_files/dropped-backup.json').exists),
          'drop: the dropped file reached the app');
    await hold(cdp, 152, 215);  // Cancel
    check(await profilesInPage(page) === 9, 'drop: cancelled, nothing imported');
  }
  // File > Export a report > HTML page: a report on the current profile, downloaded.
  await hold(cdp, 27, 13);  // File
  await page.screenshot({path: join(shots, 'web-phone-file-menu-report.png')});
  await hold(cdp, 118, 196);  // HTML page (prints well)...
  let report = null;
  for (let waited = 0; waited < 10000 && !report; waited += 250) {
    await pause(250);
    report = readdirSync(downloads).find((name) => name.endsWith(' - RoleFit report.html'));
  }
  check(report && readFileSync(join(downloads, report), 'utf8').includes('<html'),
        `export: an HTML report was downloaded (${report})`);

  // Reload: the data comes back from IndexedDB.
  await page.reload({waitUntil: 'load'});
  await page.waitForFunction(() => window.Module && Module.rolefitStorage && Module.calledRun, {timeout: 30000});
  check(await page.evaluate(() => Module.rolefitHadData), 'reload: the database came back from the browser storage');
  {
    const listed = await listedInPage(page);
    check(listed.length === 9, 'reload: the nine companies, none added twice');
    check(listed.some((p) => p.name === 'Tappéd In Co Ltd'), 'reload: the profile made by touch and keyboard is there');
  }
  await browser.close();

  // A new browser on the same profile: still there.
  browser = await launch();
  page = await open(browser);
  check(await page.evaluate(() => Module.rolefitHadData), 'browser restarted: the data is still there');
  check(await profilesInPage(page) === 9, 'browser restarted: the nine companies');
  await page.screenshot({path: join(shots, 'web-phone-restarted.png')});

  // No network: the server is stopped, the page reloads from the service worker's set.
  server.kill();
  await pause(300);
  await page.reload({waitUntil: 'load'});
  await page.waitForFunction(() => window.Module && Module.rolefitStorage && Module.calledRun, {timeout: 30000});
  check(await page.evaluate(() => Module.rolefitHadData), 'offline: the app starts, with its data');
  check(await profilesInPage(page) === 9, 'offline: the nine companies');
  await pause(500);
  await page.screenshot({path: join(shots, 'web-phone-offline.png')});
} finally {
  await browser.close().catch(() => {});
  server.kill();
  rmSync(profileDir, {recursive: true, force: true});
}
console.log(failures === 0 ? 'web: all checks passed' : `web: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
