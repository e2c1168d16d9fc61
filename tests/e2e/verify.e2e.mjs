// The public verification page (GET /v on the console listener, docs/decisions/0029-verification-page.md) in headless
// Chromium against the real backend: every committed seal vector (SQ1, and SQ2 once the file has them) gives its
// expected verdict; a real letter signed through the workflow and SQ2 seals made here from the backend's own office
// key (node:crypto, per sq2.md) verify from the typed text and from the URL fragment; the typed-NIK check (SHA-256
// for SQ1, scrypt for SQ2); offline after the first visit; a revocation published while online; the in-page
// scanner fed the printed letter as a fake camera; screenshots at 360×740 and 1280×800.
// Exit 77 (SKIP) when Chromium, npm or the npm registry is missing; any failed check exits 1.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, scryptSync, sign } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DESA, addOfficers, backendCommand, binaryDir, check, chromiumPath, fail, finish, password, playwrightChromium,
  sourceDir, startBackend, submitRequest, workFolder } from './harness.mjs';

const chromium = playwrightChromium();
const shots = path.join(binaryDir, 'screenshots/verify');
fs.mkdirSync(shots, { recursive: true });
const { work, pki, data } = workFolder('verify-e2e-');
addOfficers(data, { fodesa: ['desa_front_office', DESA, 'Rina Petugas Desa'], kades: ['kepala_desa', DESA, 'Sugeng Riyadi'] });
const { backend, ports, consoleUrl } = await startBackend({ pki, data });
const pageUrl = `${consoleUrl}/v`;

// ---------------------------------------------------------------- a real letter through the workflow

const REG = 'REG-E2E-VERIFY';
const NIK = '3521114506800002';
const sktm = { pekerjaan: 'Petani', penghasilan: 900000, jumlahTanggungan: 3, peruntukan: 'Bantuan sosial' };
check(await submitRequest(ports.LISTENING, pki, REG, 'SKTM', 'Siti Aminah', sktm) === 201, 'a request is submitted through the kiosk API');
backendCommand(['act', '--data', data, '--as', 'fodesa', REG, 'setujui', '--checklist', '1,2,3,4'], `${password('fodesa')}\n`);
const signed = backendCommand(['act', '--data', data, '--as', 'kades', REG, 'setujui'], `${password('kades')}\n`).trim().split(' ');
check(signed[1] === 'READY' && fs.existsSync(signed[2] ?? ''), `the kepala desa signed the letter (${signed.join(' ')})`);
const letterPdf = signed[2];
const sqlite = (statement) => {
  const r = spawnSync('sqlite3', [path.join(data, 'backend.sqlite'), statement]);
  return r.status === 0 ? r.stdout.toString().trim() : null;
};
const [letterSeal, letterSerial] = (sqlite(`SELECT seal_text || '|' || serial FROM seals WHERE registration_number = '${REG}'`) ?? '|').split('|');
check(letterSeal.length > 0, `the letter's seal is stored (${letterSeal.slice(0, 12)}…)`);

// ---------------------------------------------------------------- SQ2 seals made here (sq2.md)

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const officeKeyFile = fs.readdirSync(path.join(data, 'keys')).find((f) => f.startsWith(`office-${DESA}-`) && f.endsWith('.key.pem'));
const officeKey = createPrivateKey(fs.readFileSync(path.join(data, 'keys', officeKeyFile)));
const digits = (bytes) => {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String(bytes.readUInt16BE(i)).padStart(5, '0');
  if (bytes.length % 2) out += String(bytes[bytes.length - 1]).padStart(3, '0');
  return out;
};
const bcd = (code) => Buffer.from(code, 'hex');
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const u16 = (n) => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };
const lengthPrefixed = (s) => { const b = Buffer.from(s.normalize('NFC'), 'utf8'); return Buffer.concat([Buffer.from([b.length]), b]); };
const dayNumber = (date) => Math.floor((date.getTime() - Date.UTC(2000, 0, 1)) / 86400000);

/// An SQ2 seal: body per sq2.md, ES256 raw r‖s normalised to low-S (or deliberately high-S), QR text in URL form.
function sq2Seal({ key = officeKey, office = DESA, serial, nik = NIK, name = 'Siti Aminah', highS = false }) {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const nikTag = scryptSync(nik, Buffer.concat([Buffer.from('SQ2-NIK'), bcd(office), u32(serial)]), 8,
    { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const today = dayNumber(new Date());
  const body = Buffer.concat([Buffer.from([0x21]), sha256(spki).subarray(0, 4), Buffer.from([1]), bcd(office), u32(serial),
    u16(today), u16(today + 365), lengthPrefixed(`470/0042/${office}/2026`), lengthPrefixed(name), nikTag,
    sha256('Surat uji halaman verifikasi\n')]);
  const raw = sign('sha256', body, { key, dsaEncoding: 'ieee-p1363' });
  let s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
  if ((s > N / 2n) !== highS) s = N - s;
  const signature = Buffer.concat([raw.subarray(0, 32), Buffer.from(s.toString(16).padStart(64, '0'), 'hex')]);
  return { url: `${pageUrl}#SQ2${digits(Buffer.concat([body, signature]))}`, body, signature };
}
const sq2 = sq2Seal({ serial: 0x5eed0001 });
const sq2Revoked = sq2Seal({ serial: Number(letterSerial) });
const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const sq2Cases = [
  ['SQ2 high-S signature', sq2Seal({ serial: 0x5eed0002, highS: true }).url, 'TIDAK_VALID'],
  ['SQ2 tampered body', sq2.url.replace(/#SQ2(\d{40})(\d)/, (m, head, d) => `#SQ2${head}${(Number(d) + 1) % 10}`), 'TIDAK_VALID'],
  ['SQ2 truncated', sq2.url.slice(0, -10), 'TIDAK_VALID'],
  ['SQ2 bad digits (group above 65535)', sq2.url.replace('#SQ2', '#SQ299999'), 'TIDAK_VALID'],
  ['SQ2 unknown kid', sq2Seal({ key: stranger, serial: 0x5eed0003 }).url, 'TIDAK_DIKENAL'],
];

// ---------------------------------------------------------------- the fake camera: the printed letter

/// The letter rasterised (pdftoppm, grey) into a one-frame Y4M for Chromium's fake capture device.
function letterVideo() {
  const prefix = path.join(work, 'letter');
  const raster = spawnSync('pdftoppm', ['-gray', '-r', '150', '-singlefile', letterPdf, prefix]);
  if (raster.status !== 0) return null;
  const pgm = fs.readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  const [width, height] = [Number(header[1]) & ~1, Number(header[2]) & ~1];
  const pixels = pgm.subarray(header[0].length);
  const luma = Buffer.alloc(width * height);
  for (let y = 0; y < height; y += 1) pixels.copy(luma, y * width, y * Number(header[1]), y * Number(header[1]) + width);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const file = path.join(work, 'letter.y4m');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]));
  return file;
}
const video = letterVideo();
check(video !== null || spawnSync('pdftoppm', ['-v']).error?.code === 'ENOENT', 'the letter rasterises into a camera frame');

// ---------------------------------------------------------------- browser

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
  // Chromium registers no service worker on an origin with a certificate error, whatever the context ignores.
  args: ['--no-sandbox', '--ignore-certificate-errors', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    ...(video ? [`--use-file-for-fake-video-capture=${video}`] : [])] });

/// Waits until the page has loaded its lists (and verified a seal in the fragment, if any).
async function ready(page) {
  await page.waitForSelector('body[data-siap="1"]', { timeout: 30000 });
}
/// The verdict shown after `act` (a click or a navigation) finished verifying.
async function verdictAfter(page, act) {
  await page.evaluate(() => document.getElementById('vonis').setAttribute('data-verdict', ''));
  await act();
  await page.waitForFunction(() => document.getElementById('vonis').getAttribute('data-verdict') !== '', null, { timeout: 30000 });
  return page.getAttribute('#vonis', 'data-verdict');
}
const typed = (page, text) => verdictAfter(page, async () => {
  await page.fill('#teks-segel', text);
  await page.click('#periksa');
});
// The same address with the same fragment again is no navigation at all: that one is reloaded.
const opened = (page, url) => verdictAfter(page, async () => {
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await ready(page);
});
async function nikCheck(page, nik) {
  await page.fill('#nik', nik);
  await page.click('#periksa-nik');
  await page.waitForFunction(() => document.getElementById('hasil-nik').getAttribute('data-match') !== '', null, { timeout: 120000 });
  return page.getAttribute('#hasil-nik', 'data-match');
}
const field = (page, id) => page.textContent(`#f-${id}`);
/// Whether a vector's `nik` should match its seal (sq2.md: vectors with a NIK check carry the expected match).
const nikExpectation = (v) => [v.nikMatches, v.nikMatch, v.expectedNikMatch].find((x) => typeof x === 'boolean') ?? true;
const otherNik = (nik) => nik.replace(/.$/, (d) => String((Number(d) + 1) % 10));

// 1. The committed vectors: their own root and lists (the test serves them in place of the backend's), at verifyAt.
const vectorDir = path.join(sourceDir, 'tests/data/seal');
const vectors = JSON.parse(fs.readFileSync(path.join(vectorDir, 'vectors.json'), 'utf8'));
const pemBody = (pem) => pem.toString().split('\n').filter((l) => l && !l.startsWith('-----')).join('');
const vectorRoot = pemBody(fs.readFileSync(path.join(vectorDir, vectors.rootPublicKey)));
{
  const context = await browser.newContext({ ignoreHTTPSErrors: true, serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  let trustFile = vectors.trustList;
  await context.route('**/v', async (route) => {
    const real = await route.fetch();
    const html = (await real.text()).replace(/(name="anjungan-root" content=")[^"]*/, `$1${vectorRoot}`);
    check(html.includes(vectorRoot), 'the page served with the vectors\' root key pinned');
    await route.fulfill({ response: real, body: html });
  });
  await context.route('**/api/v1/trust-list', (route) => route.fulfill({ contentType: 'application/json',
    body: fs.readFileSync(path.join(vectorDir, trustFile)) }));
  await context.route('**/api/v1/revocations', (route) => route.fulfill({ contentType: 'application/json',
    body: fs.readFileSync(path.join(vectorDir, vectors.revocations)) }));
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(vectors.verifyAt));
  await page.goto(pageUrl);
  await ready(page);
  const versions = new Set();
  for (const v of vectors.valid) {
    versions.add(v.seal.startsWith('SQ1:') ? 'SQ1' : 'SQ2');
    const verdict = await typed(page, v.seal);
    const nomor = await field(page, 'nomor');
    const nama = await field(page, 'nama');
    check(verdict === 'ASLI' && nomor === v.fields.nomorSurat && nama === v.fields.holderName,
      `vector ${v.name}: ${verdict} (${nomor}, ${nama})`);
    if (v.nik) {
      const matches = nikExpectation(v);
      check(await nikCheck(page, v.nik) === (matches ? 'ya' : 'tidak'), `vector ${v.name}: its NIK ${matches ? 'matches' : 'does not match'}`);
      if (matches) check(await nikCheck(page, otherNik(v.nik)) === 'tidak', `vector ${v.name}: another NIK does not match`);
    }
    if (/^https:/.test(v.seal)) {
      const fromFragment = await opened(page, `${pageUrl}${v.seal.slice(v.seal.indexOf('#'))}`);
      check(fromFragment === 'ASLI', `vector ${v.name} from the URL fragment: ${fromFragment}`);
    }
  }
  for (const v of vectors.invalid) {
    const verdict = await typed(page, v.seal);
    check(verdict === v.verdict, `vector ${v.name}: ${verdict}, expected ${v.verdict}`);
    if (v.nik && await page.isVisible('#cek-nik'))
      check(await nikCheck(page, v.nik) === (nikExpectation(v) ? 'ya' : 'tidak'), `vector ${v.name}: NIK check as expected`);
  }
  console.log(`# vectors of ${[...versions].join(', ')}: ${vectors.valid.length} valid, ${vectors.invalid.length} invalid`);
  for (const refused of vectors.refusedTrustLists) {
    trustFile = refused;
    await page.goto(pageUrl);
    await ready(page);
    const age = await page.textContent('#umur-daftar');
    check(age.includes('ditolak'), `${refused} is refused by the page (${age})`);
  }
  await context.close();
}

// 2. The real backend: its root in the page, its lists, its letter; the service worker on.
const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'id-ID', viewport: { width: 360, height: 740 } });
const page = await context.newPage();
page.on('pageerror', (error) => fail(`script error on the page: ${error.message}`));
const first = await page.goto(pageUrl);
const csp = first.headers()['content-security-policy'] ?? '';
check(/script-src 'self'/.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp) && /default-src 'none'/.test(csp),
  `GET /v has a strict CSP (${csp})`);
check(!(await page.content()).includes('@ROOT_SPKI@'), 'the backend put its root key into the page');
await ready(page);
check(/Daftar kunci per .+ daftar pencabutan per/.test(await page.textContent('#umur-daftar')), 'the page shows the age of both lists');
check(await typed(page, letterSeal) === 'ASLI', 'the real letter typed in: ASLI');
check(await field(page, 'nama') === 'Siti Aminah' && (await field(page, 'jenis')).includes('Tidak Mampu'),
  'the letter\'s fields are shown (nama, jenis surat)');
check((await page.textContent('#status-per')).startsWith('Status per'), 'the verdict says "Status per …"');
check(await nikCheck(page, NIK) === 'ya', 'the holder\'s NIK matches the real letter');
check(await nikCheck(page, '3521110101900001') === 'tidak', 'another NIK does not match the real letter');
await page.screenshot({ path: path.join(shots, 'asli-360x740.png'), fullPage: true });
await page.setViewportSize({ width: 1280, height: 800 });
await page.screenshot({ path: path.join(shots, 'asli-1280x800.png'), fullPage: true });
await page.setViewportSize({ width: 360, height: 740 });
const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
check(scrollWidth <= 360, `nothing is wider than a 360 px phone (${scrollWidth} px)`);

check(await opened(page, sq2.url) === 'ASLI', 'an SQ2 seal in the URL fragment (what a phone camera opens): ASLI');
const progressSeen = page.waitForSelector('#nik-kemajuan:not([hidden])', { timeout: 60000 }).then(() => true, () => false);
check(await nikCheck(page, NIK) === 'ya' && await progressSeen, 'the SQ2 NIK check (scrypt, with progress) matches the holder\'s NIK');
check(await nikCheck(page, '3521114506800003') === 'tidak', 'the SQ2 NIK check refuses another NIK');
await page.screenshot({ path: path.join(shots, 'sq2-nik-360x740.png'), fullPage: true });
for (const [what, url, expected] of sq2Cases) {
  const verdict = await opened(page, url);
  check(verdict === expected, `${what}: ${verdict}, expected ${expected}`);
}
check(await typed(page, sq2Revoked.url) === 'ASLI', 'an SQ2 seal typed in (URL form): ASLI');
await page.click('#bahasa');
check(await page.textContent('#vonis') === 'GENUINE' && await page.getAttribute('html', 'lang') === 'en', 'the English toggle translates the verdict');
await page.screenshot({ path: path.join(shots, 'english-360x740.png'), fullPage: true });
await page.click('#bahasa');
check(await page.textContent('#vonis') === 'ASLI', 'and back to Bahasa Indonesia');

// Offline after the first visit: the service worker controls the page; network cut and the backend frozen.
const registered = await page.evaluate(() => Promise.race([navigator.serviceWorker.ready.then(() => 'ready'),
  new Promise((resolve) => setTimeout(() => resolve('no service worker within 30 s'), 30000))]));
check(registered === 'ready', `the service worker is installed on the first visit (${registered})`);
await page.reload();
await ready(page);
check(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker controls the page after the first visit');
await context.setOffline(true);
backend.kill('SIGSTOP');
check(await opened(page, sq2.url.replace('#', '?offline#')) === 'ASLI', 'offline (network cut, backend frozen): the SQ2 seal still verifies ASLI');
check(await typed(page, letterSeal) === 'ASLI', 'offline: the typed SQ1 seal still verifies ASLI');
backend.kill('SIGCONT');
await context.setOffline(false);

// The in-page scanner: the printed letter as the camera's picture.
if (video) {
  const scanner = await context.newPage();
  await scanner.setViewportSize({ width: 1280, height: 800 });
  await scanner.goto(pageUrl);
  await ready(scanner);
  const scanned = await verdictAfter(scanner, () => scanner.click('#pindai'));
  check(scanned === 'ASLI' && await scanner.inputValue('#teks-segel') === letterSeal, `the letter scanned by the in-page camera: ${scanned}`);
  await scanner.screenshot({ path: path.join(shots, 'scanned-1280x800.png'), fullPage: true });
  await scanner.close();
}

// A revocation published while online changes the verdict at the next refresh.
backendCommand(['revoke', '--data', data, REG, '--reason', 'Uji pencabutan']);
await page.goto(pageUrl);
await ready(page);
check(await typed(page, letterSeal) === 'DICABUT', 'after the revocation and a refresh the real letter is DICABUT');
await page.screenshot({ path: path.join(shots, 'dicabut-360x740.png'), fullPage: true });
await page.setViewportSize({ width: 1280, height: 800 });
await page.screenshot({ path: path.join(shots, 'dicabut-1280x800.png'), fullPage: true });
check(await opened(page, sq2Revoked.url) === 'DICABUT', 'an SQ2 seal of the revoked office and serial is DICABUT');
await context.setOffline(true);
check(await opened(page, sq2Revoked.url.replace('#', '?lagi#')) === 'DICABUT', 'offline the cached revocation still says DICABUT');
await context.setOffline(false);

await browser.close();
await finish(backend, work, `screenshots in ${shots}`);
