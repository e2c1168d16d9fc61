// What the end-to-end tests in this folder share: the peers they need (Chromium, npm, the built backend),
// playwright-core from the committed lock file, a fresh backend data folder with officers and the test kiosk,
// `kecamatan-backend serve --console` on free ports, the kiosk API over mutual TLS, and ok/not ok reporting.
// A missing peer exits 77 (SKIP).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const SKIP = 77;
export const here = path.dirname(new URL(import.meta.url).pathname);
export const sourceDir = process.env.KIOSK_SOURCE_DIR ?? path.resolve(here, '../..');
export const binaryDir = process.env.KIOSK_BINARY_DIR ?? path.join(sourceDir, 'build/default');
export const backendBin = path.join(binaryDir, 'backend/kecamatan-backend');
export const chromiumPath = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';
export const DESA = '3521112004';
export const KECAMATAN = '352111';
const offscreen = { ...process.env, QT_QPA_PLATFORM: 'offscreen' };

export function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(SKIP);
}

let failureCount = 0;
export function check(condition, what) {
  if (condition) {
    console.log(`ok - ${what}`);
  } else {
    failureCount += 1;
    console.log(`not ok - ${what}`);
  }
}
export const failures = () => failureCount;
export function fail(what) {
  failureCount += 1;
  console.log(`not ok - ${what}`);
}

/// Chromium, npm and the backend are there, and playwright-core is installed from the committed lock file into
/// the build tree (never into the sources); returns playwright's chromium.
export function playwrightChromium() {
  if (!fs.existsSync(chromiumPath)) skip(`${chromiumPath} not installed (apt-get install chromium)`);
  if (spawnSync('npm', ['--version']).status !== 0) skip('npm not installed');
  if (!fs.existsSync(backendBin)) skip(`${backendBin} not built`);
  const nodeDir = path.join(binaryDir, 'e2e-node');
  fs.mkdirSync(nodeDir, { recursive: true });
  const lock = fs.readFileSync(path.join(here, 'package-lock.json'));
  const stamp = path.join(nodeDir, 'lock.sha256');
  const lockHash = createHash('sha256').update(lock).digest('hex');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== lockHash ||
      !fs.existsSync(path.join(nodeDir, 'node_modules/playwright-core'))) {
    fs.copyFileSync(path.join(here, 'package.json'), path.join(nodeDir, 'package.json'));
    fs.writeFileSync(path.join(nodeDir, 'package-lock.json'), lock);
    const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: nodeDir, stdio: 'inherit' });
    if (ci.status !== 0) skip('npm ci failed (no registry access?)');
    fs.writeFileSync(stamp, lockHash);
  }
  return createRequire(path.join(nodeDir, 'package.json'))('playwright-core').chromium;
}

/// A temporary folder with the test PKI (pki/) and an empty backend data folder (data/).
export function workFolder(prefix) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const pki = path.join(work, 'pki');
  const made = spawnSync(path.join(sourceDir, 'scripts/make-test-pki'), [pki], { stdio: 'ignore' });
  if (made.status !== 0) skip('scripts/make-test-pki failed (openssl missing?)');
  return { work, pki, data: path.join(work, 'data') };
}

/// Runs a kecamatan-backend command on `data`; `input` goes to stdin (passwords). Exits on failure.
export function backendCommand(args, input) {
  const run = spawnSync(backendBin, args, { input, env: offscreen });
  if (run.status !== 0) {
    console.log(`not ok - kecamatan-backend ${args.join(' ')}: ${run.stderr.toString()}`);
    process.exit(1);
  }
  return run.stdout.toString();
}

export const password = (user) => `sandi-${user}-2026!`;

/// Adds officers {user: [role, office, name]}; passwords go in on stdin like an administrator would type them.
export function addOfficers(data, officers) {
  for (const [user, [role, office, name]] of Object.entries(officers))
    backendCommand(['officer', 'add', '--data', data, '--username', user, '--role', role, '--office', office, '--name', name],
      `${password(user)}\n`);
}

/// The offline root's ceremony (seal.md §7.3) with the backend's own commands: the root made in WORK/usb, the list
/// signer's delegation exported, signed there and imported, so `serve` signs its lists and the page pins the root.
export function installOfflineRoot(data, work) {
  const usb = path.join(work, 'usb');
  const payloads = path.join(work, 'payloads');
  const signedDelegation = path.join(payloads, 'list-signer.signed.json');
  backendCommand(['root', 'create', '--out', usb, '--data', data]);
  backendCommand(['trust-list', 'export-payload', '--out', payloads, '--data', data]);
  backendCommand(['root', 'sign', '--key', path.join(usb, 'root.key.pem'), path.join(payloads, 'list-signer.payload.json'),
    signedDelegation, '--data', data]);
  backendCommand(['trust-list', 'import-signed', '--root', path.join(usb, 'root.pub.pem'), signedDelegation, '--data', data]);
}

/// Registers the test kiosk's pre-issued certificate (enrollment is tst_security's) and starts
/// `serve --console`; resolves to {backend, ports: {LISTENING, CONSOLE}, consoleUrl}. Whatever goes wrong from
/// then on kills the backend too, so ctest sees the failure at once instead of a timeout.
export async function startBackend({ pki, data }) {
  backendCommand(['kiosk', 'register', '--data', data, '--cert', path.join(pki, 'kiosk.crt')]);
  installOfflineRoot(data, path.dirname(pki));
  const backend = spawn(backendBin, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--console', '127.0.0.1:0',
    '--cert', path.join(pki, 'server.crt'), '--key', path.join(pki, 'server.key'), '--client-ca', path.join(pki, 'kiosk-ca.crt')],
  { env: offscreen, stdio: ['ignore', 'pipe', 'inherit'] });
  const ports = await new Promise((resolve, reject) => {
    const found = {};
    const timer = setTimeout(() => reject(new Error('backend did not report its ports within 30 s')), 30000);
    readline.createInterface({ input: backend.stdout }).on('line', (line) => {
      const m = /^(LISTENING|CONSOLE) (\d+)$/.exec(line);
      if (m) found[m[1]] = Number(m[2]);
      if (found.LISTENING && found.CONSOLE) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    backend.on('exit', (code) => reject(new Error(`backend exited early (${code})`)));
  });
  for (const event of ['uncaughtException', 'unhandledRejection']) {
    process.on(event, (error) => {
      console.log(`not ok - ${error?.stack || error}`);
      backend.kill('SIGKILL');
      process.exit(1);
    });
  }
  return { backend, ports, consoleUrl: `https://localhost:${ports.CONSOLE}` };
}

/// Stops the backend, removes the work folder and exits with the result of the checks.
export async function finish(backend, work, done) {
  backend.kill('SIGTERM');
  await new Promise((resolve) => backend.on('exit', resolve));
  fs.rmSync(work, { recursive: true, force: true });
  console.log(failureCount === 0 ? `all checks passed; ${done}` : `${failureCount} check(s) failed`);
  process.exit(failureCount === 0 ? 0 : 1);
}

/// Calls the kiosk API like a kiosk (mutual TLS with the test kiosk certificate); resolves to {status, body}.
export function kioskCall(port, pki, method, apiPath, body = '', headers = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', servername: 'localhost', port, path: apiPath, method,
      ca: fs.readFileSync(path.join(pki, 'ca.crt')), cert: fs.readFileSync(path.join(pki, 'kiosk.crt')),
      key: fs.readFileSync(path.join(pki, 'kiosk.key')),
      headers: method === 'POST' ? { 'Content-Type': 'application/json', ...headers } : headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/// A request as a kiosk submits it (an idempotency key per registration number); resolves to the HTTP status.
export async function submitRequest(port, pki, reg, serviceCode, name, fields, extra = {}) {
  const body = JSON.stringify({ registrationNumber: reg, serviceCode, nik: '3521114506800002', name,
    address: 'Dusun Krajan RT 01 RW 02, Pitu', purpose: 'Uji konsol petugas', fields, submittedAt: new Date().toISOString(),
    ...extra });
  return (await kioskCall(port, pki, 'POST', '/api/v1/requests', body, { 'Idempotency-Key': `e2e-idempotency-${reg}` })).status;
}
