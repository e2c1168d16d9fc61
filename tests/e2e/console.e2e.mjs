// Officer console end to end: the real `kecamatan-backend serve --console` over HTTPS, requests
// submitted through the real kiosk API (mutual TLS with the test kiosk certificate), and every
// officer role driving the console in headless Chromium (playwright-core, /usr/bin/chromium).
// Exit 77 (SKIP) when Chromium, npm or the npm registry is missing; any failed check exits 1.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DESA, KECAMATAN, addOfficers, binaryDir, check, chromiumPath, finish, kioskCall, password, playwrightChromium,
  startBackend, submitRequest, workFolder } from './harness.mjs';

const chromium = playwrightChromium();
const shots = path.join(binaryDir, 'screenshots/console');
const { work, pki, data } = workFolder('console-e2e-');

// One officer per role.
const officers = {
  fodesa: ['desa_front_office', DESA, 'Rina Petugas Desa'],
  sekdes: ['sekretaris_desa', DESA, 'Wulan Sekretaris'],
  kades: ['kepala_desa', DESA, 'Sugeng Riyadi'],
  kecfo: ['kecamatan_front_office', KECAMATAN, 'Dodi Loket Kecamatan'],
  kasi: ['kasi_pelayanan', KECAMATAN, 'Ani Kasi Pelayanan'],
  camat: ['camat', KECAMATAN, 'Heru Santoso'],
  admin: ['admin_kecamatan', KECAMATAN, 'Budi Admin'],
  teknisi: ['teknisi', KECAMATAN, 'Tono Teknisi'],
  root: ['super_admin', '*', 'Super Admin'],
};
addOfficers(data, officers);
const { backend, ports, consoleUrl } = await startBackend({ pki, data });

/// Clicks a submit button and waits for the page it leads to (POST → 303 → GET). Under load the
/// redirect can detach the frame playwright was watching; the page that loads is then waited for.
async function submitAndWait(button) {
  try {
    const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
    return response;
  } catch (error) {
    if (!String(error).includes('detached')) throw error;
    await page.waitForLoadState('load');
    return null;
  }
}

/// Submits like a kiosk: mutual TLS with the test kiosk certificate, an idempotency key.
const submit = (reg, serviceCode, name, fields, queueLabel) =>
  submitRequest(ports.LISTENING, pki, reg, serviceCode, name, fields, queueLabel ? { queueLabel } : {});
/// POSTs to the kiosk API with the test kiosk's certificate; resolves to the HTTP status.
const kioskPost = async (apiPath, body, headers = {}) => (await kioskCall(ports.LISTENING, pki, 'POST', apiPath, body, headers)).status;
/// Asks like a kiosk (mutual TLS); resolves to {status, body}.
const kioskGet = (apiPath, headers = {}) => kioskCall(ports.LISTENING, pki, 'GET', apiPath, '', headers);

const DESA_REQ = 'REG-E2E-DESA';
const KEC_REQ = 'REG-E2E-KEC';
const RETURN_REQ = 'REG-E2E-RETURN';
const REJECT_REQ = 'REG-E2E-REJECT';
const sktm = { pekerjaan: 'Petani', penghasilan: 900000, jumlahTanggungan: 3, peruntukan: 'Bantuan sosial' };
check(await submit(DESA_REQ, 'SKTM', 'Siti Aminah', sktm, 'A-001') === 201, 'desa-level request submitted through the kiosk API');
check(await submit(KEC_REQ, 'AHLI_WARIS', 'Slamet Widodo', {}) === 201, 'kecamatan-level request submitted');
check(await submit(RETURN_REQ, 'SKTM', 'Joko <script>alert(1)</script>', sktm) === 201, 'request to return submitted');
check(await submit(REJECT_REQ, 'DOMISILI', 'Marni', {}) === 201, 'request to reject submitted');

// ---------------------------------------------------------------- browser

fs.mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
// The console's certificate comes from the test CA, which the browser profile does not know.
const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'id-ID', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.on('dialog', (d) => { check(false, `unexpected dialog: ${d.message()}`); d.dismiss(); });

async function login(user) {
  await context.clearCookies();
  await page.goto(`${consoleUrl}/masuk`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password(user));
  await Promise.all([page.waitForURL(`${consoleUrl}/`), page.click('button[type=submit]')]);
  check((await page.textContent('nav')).includes(officers[user][2]), `${user} logged in and sees their name`);
}

function sql(statement) {
  const r = spawnSync('sqlite3', [path.join(data, 'backend.sqlite'), statement]);
  return r.status === 0 ? r.stdout.toString().trim() : null;
}

async function stageOf(reg) {
  await page.goto(`${consoleUrl}/permohonan/${reg}`);
  return page.getAttribute('#tahap', 'data-stage');
}

async function inboxHas(reg) {
  await page.goto(`${consoleUrl}/`);
  return (await page.locator(`#menunggu a[href="/permohonan/${reg}"]`).count()) > 0;
}

/// Opens a request and submits one of its action forms; checkboxes of the checklist are ticked first.
async function act(reg, action, { note, passphrase } = {}) {
  await page.goto(`${consoleUrl}/permohonan/${reg}`);
  const form = page.locator(`#aksi-${action}`);
  if ((await form.count()) === 0) return null;
  for (const box of await form.locator('input[name=syarat]').all()) await box.check();
  if (note !== undefined) await form.locator('textarea[name=catatan]').fill(note);
  if (passphrase !== undefined) await form.locator('input[name=passphrase]').fill(passphrase);
  return submitAndWait(form.locator('button[type=submit]'));
}

async function csrfToken() {
  return page.getAttribute('input[name=csrf]', 'value');
}

// Login page, and a wrong password that is refused.
await page.goto(`${consoleUrl}/masuk`);
await page.screenshot({ path: path.join(shots, 'login.png'), fullPage: true });
await page.fill('input[name=username]', 'fodesa');
await page.fill('input[name=password]', 'salah-sekali');
await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
check((await page.textContent('main')).includes('kata sandi salah'), 'a wrong password is refused with a message');

// Desa front office: inbox, detail with checklist, forward both requests; return one with a reason.
await login('fodesa');
const sid = (await context.cookies()).find((c) => c.name === '__Host-sid');
check(sid?.httpOnly && sid?.secure && sid?.sameSite === 'Strict', 'session cookie is HttpOnly, Secure, SameSite=Strict');
const stored = sql('SELECT id_hash FROM officer_sessions');
if (stored !== null) {
  check(!stored.includes(sid.value) && stored.includes(createHash('sha256').update(sid.value).digest('hex')),
    'the database holds only the SHA-256 of the session id');
}
check(await inboxHas(DESA_REQ) && await inboxHas(KEC_REQ), 'front office inbox lists the new requests');
const escaped = await page.content();
check(!escaped.includes('<script>alert(1)</script>') && escaped.includes('&lt;script&gt;'), 'names are HTML-escaped in the inbox');
await page.screenshot({ path: path.join(shots, 'inbox-front-office.png'), fullPage: true });
await page.goto(`${consoleUrl}/permohonan/${DESA_REQ}`);
await page.screenshot({ path: path.join(shots, 'detail-front-office.png'), fullPage: true });
check(await page.locator('#aksi-setujui input[name=syarat]').count() === 4, 'the SKTM checklist has its four requirements');

// CSRF: a POST without the token and with a wrong one is refused and changes nothing.
const noToken = await page.request.post(`${consoleUrl}/permohonan/${DESA_REQ}/aksi`, { form: { aksi: 'tolak', catatan: 'x' }, maxRedirects: 0 });
check(noToken.status() === 403, `POST without CSRF token → 403 (got ${noToken.status()})`);
const badToken = await page.request.post(`${consoleUrl}/permohonan/${DESA_REQ}/aksi`,
  { form: { aksi: 'tolak', catatan: 'x', csrf: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, maxRedirects: 0 });
check(badToken.status() === 403, `POST with a wrong CSRF token → 403 (got ${badToken.status()})`);
check(await stageOf(DESA_REQ) === 'RECEIVED', 'refused POSTs left the request untouched');

await act(DESA_REQ, 'setujui');
check(await stageOf(DESA_REQ) === 'DESA_REVIEW', 'front office forwarded the desa-level request');
await act(KEC_REQ, 'setujui');
check(await stageOf(KEC_REQ) === 'DESA_REVIEW', 'front office forwarded the kecamatan-level request');
await act(RETURN_REQ, 'kembalikan', { note: 'Foto rumah belum dilampirkan' });
check(await stageOf(RETURN_REQ) === 'NEEDS_FIX', 'front office returned a request for fixes');
check((await page.textContent('main')).includes('Foto rumah belum dilampirkan'), 'the return reason is in the history');
await act(REJECT_REQ, 'setujui');

// Return with fix items (a form field and a requirement's page), the citizen's revision through the kiosk API
// (the ticket's status token as proof), the diff on the request page, and the approval of the fixed request.
const FIX_REQ = 'REG-E2E-FIX';
const fixToken = 'e2e-status-token-0123456789abcdef';
const pageRef = (pageId) => ({ requirement: 1, requirementText: 'Fotokopi Kartu Keluarga', pageId, sha256: 'ab'.repeat(32), size: 2048,
  contentType: 'image/jpeg' });
const fixBody = JSON.stringify({ registrationNumber: FIX_REQ, serviceCode: 'SKTM', nik: '3521114506800002', name: 'Dewi Lestari',
  address: 'Dusun Krajan RT 01 RW 02, Pitu', purpose: 'Uji perbaikan', fields: sktm, submittedAt: new Date().toISOString(),
  statusTokenHash: createHash('sha256').update(fixToken).digest('hex'), documents: [pageRef('1'.repeat(32))] });
check(await kioskPost('/api/v1/requests', fixBody, { 'Idempotency-Key': `e2e-idempotency-${FIX_REQ}` }) === 201,
  'request with a captured page submitted');
await page.goto(`${consoleUrl}/permohonan/${FIX_REQ}`);
await page.click(`a[href="/permohonan/${FIX_REQ}/kembalikan"]`);
check(await page.locator('#form-kembalikan').count() === 1, 'the request page leads to the return form with fix items');
await page.goto(`${consoleUrl}/permohonan/${FIX_REQ}/kembalikan?target=document:1`);
check(await page.isChecked('#butir-document-1'), "a page's link preselects that page in the return form");
await page.check('#butir-field-pekerjaan');
await page.fill('#butir-field-pekerjaan-alasan', 'Tulis pekerjaan sesuai KTP');
await page.fill('#butir-document-1-alasan', 'Foto KK tidak terbaca');
await page.screenshot({ path: path.join(shots, 'return-with-fix-items.png'), fullPage: true });
await submitAndWait(page.locator('#form-kembalikan button[type=submit]'));
check(await stageOf(FIX_REQ) === 'NEEDS_FIX', 'returned with a field and a page item');
const fixList = await page.textContent('#butir-perbaikan');
check(fixList.includes('Tulis pekerjaan sesuai KTP') && fixList.includes('Foto KK tidak terbaca'), 'the request page lists both fix items');
const revision = JSON.stringify({ registrationNumber: FIX_REQ, baseVersion: 1, name: 'Dewi Lestari', address: 'Dusun Krajan RT 01 RW 02, Pitu',
  purpose: 'Uji perbaikan', fields: { ...sktm, pekerjaan: 'Buruh tani' }, documents: [pageRef('2'.repeat(32))], proof: { statusToken: fixToken },
  submittedAt: new Date().toISOString() });
check(await kioskPost(`/api/v1/requests/${FIX_REQ}/revisions`, revision, { 'Idempotency-Key': `e2e-revision-${FIX_REQ}` }) === 201,
  "the citizen's revision is accepted through the kiosk API");
check(await kioskPost(`/api/v1/requests/${FIX_REQ}/revisions`, revision, { 'Idempotency-Key': `e2e-revision-${FIX_REQ}` }) === 200,
  'the same revision again (a retry) is the same answer');
check(await stageOf(FIX_REQ) === 'RECEIVED', 'the revision is back at the front office check that returned it');
const diffRows = await page.locator('#perubahan tbody tr').allTextContents();
check(diffRows.some((r) => r.includes('Petani') && r.includes('Buruh tani')) && diffRows.some((r) => r.includes('Halaman diganti')),
  `the officer sees what changed (${diffRows.join(' | ')})`);
await page.screenshot({ path: path.join(shots, 'revision-diff.png'), fullPage: true });
await act(FIX_REQ, 'setujui');
check(await stageOf(FIX_REQ) === 'DESA_REVIEW', 'the officer approved the fixed request');

// Role refusal: the front office may not sign, neither one by one nor in bulk.
const token = await csrfToken();
const foSigns = await page.request.post(`${consoleUrl}/permohonan/${DESA_REQ}/aksi`,
  { form: { aksi: 'setujui', csrf: token, passphrase: password('fodesa') }, maxRedirects: 0 });
check(foSigns.status() === 403, `front office signing → 403 (got ${foSigns.status()})`);
const foBulk = await page.request.post(`${consoleUrl}/tanda-tangan`, { form: { reg: DESA_REQ, csrf: token, passphrase: password('fodesa') }, maxRedirects: 0 });
check(foBulk.status() === 403, `front office bulk signing → 403 (got ${foBulk.status()})`);
check((await page.request.get(`${consoleUrl}/admin/petugas`, { maxRedirects: 0 })).status() === 403, 'front office cannot open officer admin');
check(await stageOf(DESA_REQ) === 'DESA_REVIEW', 'refused signatures left the request unsigned');

// Kepala desa: a wrong passphrase does not sign; the right one signs; the desa-level letter is READY.
await login('kades');
check(await inboxHas(DESA_REQ), 'kades inbox lists the request to sign');
await page.screenshot({ path: path.join(shots, 'inbox-kepala-desa.png'), fullPage: true });
const wrong = await act(DESA_REQ, 'setujui', { passphrase: 'bukan-sandi-saya' });
check(wrong?.status() === 403, 'signing with a wrong passphrase is refused');
check(await stageOf(DESA_REQ) === 'DESA_REVIEW', 'nothing was signed with the wrong passphrase');
await act(REJECT_REQ, 'tolak', { note: 'Pemohon bukan warga Desa Pitu' });
check(await stageOf(REJECT_REQ) === 'REJECTED', 'kades rejected a request with a reason');
await act(DESA_REQ, 'setujui', { passphrase: password('kades') });
check(await stageOf(DESA_REQ) === 'READY', 'kades signed; the desa-level request is READY');
check(await page.locator('#aksi-setujui').count() === 0, 'a signed request offers no second signature');
check((await page.textContent('main')).includes('Nomor antrean') && (await page.textContent('main')).includes('A-001'),
  'the request page shows the queue number the kiosk sent');
await page.screenshot({ path: path.join(shots, 'detail-ready.png'), fullPage: true });
const pdf = await page.request.get(`${consoleUrl}/permohonan/${DESA_REQ}/surat.pdf`);
check(pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'the signed letter PDF is served');
await act(KEC_REQ, 'setujui', { passphrase: password('kades') });
check(await stageOf(KEC_REQ) === 'DESA_SIGNED', 'kades signed the kecamatan-level request');

// The desa front office's page: the READY letter with its age and queue number (the letter is made three days old
// where sqlite3 is installed); the kiosk's handover shows once its journal reaches the backend.
const readyAt = new Date(Date.now() - 3 * 86400e3 - 3600e3).toISOString();
const aged = sql(`UPDATE events SET at = '${readyAt}' WHERE registration_number = '${DESA_REQ}' AND stage = 'READY'`) !== null;
await login('fodesa');
await page.click('nav a[href="/loket"]');
const readyRow = page.locator('#siap tbody tr', { hasText: DESA_REQ });
check(await readyRow.count() === 1, 'the desa front office sees the READY letter');
const readyText = (await readyRow.count()) === 1 ? await readyRow.textContent() : '';
check(readyText.includes('A-001') && readyText.includes('S*** A*****') && !readyText.includes('Siti'),
  'the READY letter shows its queue number and the masked name');
check(readyText.includes(aged ? '3 hari' : 'menit'), `the READY letter shows its age (${aged ? '3 hari' : 'minutes'})`);
check(await page.locator('#siap tbody tr', { hasText: KEC_REQ }).count() === 0, 'a letter not yet READY is not in the list');
check((await page.locator('#hari-ini tbody tr', { hasText: DESA_REQ }).textContent()).includes('A-001'),
  "today's requests show their queue numbers");
check(await page.locator('#penyerahan tbody tr').count() === 0, 'no handover yet');
await page.screenshot({ path: path.join(shots, 'front-office-ready.png'), fullPage: true });
const now = Date.now();
const deskEvent = (n, kind, minutesAgo, extra) => ({ id: `e2e-desk-event-${String(n).padStart(4, '0')}`, kind,
  at: new Date(now - minutesAgo * 60e3).toISOString(), actor: 'fodesa', registrationNumber: '', queueLabel: '', counter: 0,
  detail: '', ...extra });
const journal = JSON.stringify({ events: [
  deskEvent(1, 'queue.taken', 12, { actor: '', queueLabel: 'B-001' }),
  deskEvent(2, 'queue.called', 8, { queueLabel: 'B-001', counter: 2 }),
  deskEvent(3, 'letter.printed', 6, { registrationNumber: DESA_REQ, counter: 2 }),
  deskEvent(4, 'letter.handed_over', 5, { registrationNumber: DESA_REQ, queueLabel: 'B-001', counter: 2 }),
  deskEvent(5, 'queue.served', 4, { registrationNumber: DESA_REQ, queueLabel: 'B-001', counter: 2 }),
] });
check(await kioskPost('/api/v1/desk-events', journal) === 200, "the kiosk's journal reaches the backend");
check(await kioskPost('/api/v1/desk-events', journal) === 200, 'the same journal again (a retry) is accepted');
check(await kioskPost(`/api/v1/requests/${DESA_REQ}/handover`, '') === 200, 'the kiosk reports the handover');
await page.reload();
const handoverRows = page.locator('#penyerahan tbody tr');
check(await handoverRows.count() === 1, 'the handover is on the page once, however often the kiosk sent it');
const handoverText = (await handoverRows.count()) === 1 ? await handoverRows.first().textContent() : '';
const handoverCells = (await handoverRows.count()) === 1 ? await handoverRows.first().locator('td').allTextContents() : [];
check(handoverText.includes(DESA_REQ) && handoverCells[2] === 'Rina Petugas Desa (fodesa)' && handoverCells[3] === '2',
  `the handover names who handed over and the loket (${handoverCells.join(' | ')})`);
check(await page.locator('#siap tbody tr', { hasText: DESA_REQ }).count() === 0, 'a letter handed over leaves the READY list');
const todayCells = await page.locator('#hari-ini tbody tr', { hasText: DESA_REQ }).first().locator('td').allTextContents();
check(todayCells[0] === 'A-001' && todayCells[1] === '2', `today's request shows the loket that served it (${todayCells.join(' | ')})`);
const queueRow = page.locator('#antrean tbody tr');
check(await queueRow.count() === 1 && (await queueRow.first().textContent()).includes('4 mnt'),
  "the day's queue report shows loket 2 with its median wait");
await page.screenshot({ path: path.join(shots, 'front-office-handover.png'), fullPage: true });

// Kasi pelayanan checks; the camat signs in bulk.
await login('kasi');
check(await inboxHas(KEC_REQ), 'kasi inbox lists the desa-signed request');
await page.screenshot({ path: path.join(shots, 'inbox-kasi-pelayanan.png'), fullPage: true });
await act(KEC_REQ, 'setujui');
check(await stageOf(KEC_REQ) === 'KECAMATAN_REVIEW', 'kasi forwarded the request to the camat');

await login('camat');
await page.goto(`${consoleUrl}/tanda-tangan`);
check(await page.locator(`input[name=reg][value=${KEC_REQ}]`).count() === 1, 'camat bulk-sign page lists the request');
await page.screenshot({ path: path.join(shots, 'bulk-sign-camat.png'), fullPage: true });
await page.fill('input[name=passphrase]', password('camat'));
await submitAndWait(page.locator('form.aksi button[type=submit]'));
check((await page.textContent('main')).includes('1 surat ditandatangani'), 'bulk signing reports one letter signed');
check(await stageOf(KEC_REQ) === 'READY', 'camat signed; the kecamatan-level request is READY');
await page.screenshot({ path: path.join(shots, 'detail-kecamatan-ready.png'), fullPage: true });
// The letter preview: the PDF the console serves, rasterised (headless Chromium's PDF viewer paints nothing).
const letterPdf = path.join(work, 'letter.pdf');
fs.writeFileSync(letterPdf, await (await page.request.get(`${consoleUrl}/permohonan/${KEC_REQ}/surat.pdf`)).body());
const raster = spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', letterPdf, path.join(shots, 'letter-preview')]);
check(raster.status === 0 || raster.error?.code === 'ENOENT', 'the served letter PDF rasterises (pdftoppm)');

// Monitoring: counts per stage, turnaround, SLA, kiosk fleet and IKM, with CSV exports.
await page.goto(`${consoleUrl}/pemantauan`);
check((await page.textContent('main')).includes('Kesehatan anjungan'), 'camat opens the monitoring page');
check((await page.locator('#antrean tbody tr', { hasText: 'Pitu' }).count()) === 1, "monitoring shows the desa's queue per loket");
const queueCsv = await (await page.request.get(`${consoleUrl}/pemantauan.csv?tabel=antrean`)).text();
check(queueCsv.includes(`${DESA},2,1,0,1,240,1,240`), `the queue report downloads as CSV with the medians in seconds (${queueCsv.trim().split('\n').pop()})`);
check(await page.locator('a[href^="/pemantauan.csv?tabel=ikm"]').count() === 1, 'monitoring offers the IKM as CSV');
await page.screenshot({ path: path.join(shots, 'monitoring.png'), fullPage: true });
const csv = await page.request.get(`${consoleUrl}/pemantauan.csv?tabel=tahap`);
check(csv.status() === 200 && (csv.headers()['content-type'] || '').startsWith('text/csv'), 'stage counts download as CSV');

// A complaint filed at a kiosk: the camat follows it up on /pengaduan (status, answer); the kiosk reads the answer.
const COMPLAINT = 'PGD-E2E00-00001';
const complaintToken = 'ZTJlLWNvbXBsYWludC10b2tlbg';
const complaintBody = JSON.stringify({ id: 'e2e-complaint-000000001', number: COMPLAINT,
  tokenSha256: createHash('sha256').update(complaintToken).digest('hex'), category: 'pelayanan',
  text: 'Antrean <b>terlalu</b> lama di loket desa.', phone: '081234567890', at: new Date().toISOString() });
check(await kioskPost('/api/v1/complaints', complaintBody, { 'Idempotency-Key': 'e2e-complaint-000000001' }) === 201,
  'a complaint reaches the backend from the kiosk');
await page.goto(`${consoleUrl}/pengaduan`);
const complaintRow = page.locator('tbody tr', { hasText: COMPLAINT });
check(await complaintRow.count() === 1 && (await complaintRow.textContent()).includes('Baru'), 'the camat sees the new complaint');
check((await complaintRow.textContent()).includes('<b>terlalu</b>'), 'the complaint text is shown escaped');
await page.click(`a[href="/pengaduan/${COMPLAINT}"]`);
await page.selectOption('#tindak-lanjut select[name=status]', 'DONE');
await page.fill('#tindak-lanjut textarea[name=jawaban]', 'Loket kedua dibuka setiap Senin mulai pekan depan.');
await page.screenshot({ path: path.join(shots, 'complaint-follow-up.png'), fullPage: true });
await submitAndWait(page.locator('#tindak-lanjut button[type=submit]'));
check((await page.textContent('#status')) === 'Selesai', 'the complaint is marked Selesai');
check((await page.textContent('main')).includes('Tindak lanjut pengaduan disimpan'), 'the console confirms the follow-up');
const answered = await kioskGet(`/api/v1/complaints/${COMPLAINT}`, { 'X-Complaint-Token': complaintToken });
check(answered.status === 200 && JSON.parse(answered.body).status === 'DONE'
  && JSON.parse(answered.body).answer.startsWith('Loket kedua'), 'a kiosk reads the answer with the slip token');
check((await kioskGet(`/api/v1/complaints/${COMPLAINT}`, { 'X-Complaint-Token': 'salah' })).status === 404,
  'a wrong slip token reads nothing');

// Search by name and by registration number.
await page.goto(`${consoleUrl}/cari?q=slamet`);
check(await page.locator(`a[href="/permohonan/${KEC_REQ}"]`).count() === 1, 'search finds a request by name');
await page.goto(`${consoleUrl}/cari?q=E2E-DESA`);
check(await page.locator(`a[href="/permohonan/${DESA_REQ}"]`).count() === 1, 'search finds a request by registration number');

// Other roles: each logs in and sees a console fitted to them.
await login('sekdes');
check(await page.locator('a[href="/tanda-tangan"]').count() === 0, 'sekdes has no signing page while the kades is present');
await login('kecfo');
await login('root');
check(await inboxHas(RETURN_REQ), 'super admin sees returned requests waiting for the desa');

// Admin kecamatan: officers and leave; the sekdes signs for the kades on leave.
await login('admin');
await page.goto(`${consoleUrl}/admin/petugas`);
check((await page.textContent('main')).includes('Sugeng Riyadi'), 'admin lists the officers of the kecamatan');
await page.screenshot({ path: path.join(shots, 'admin-officers.png'), fullPage: true });
await page.goto(`${consoleUrl}/admin/cuti`);
const today = new Date().toISOString().slice(0, 10);
const optionOf = async (name) => page.locator('select[name=petugas] option', { hasText: name }).getAttribute('value');
await page.selectOption('select[name=petugas]', await optionOf('Sugeng Riyadi'));
await page.selectOption('select[name=pengganti]', await optionOf('Wulan Sekretaris'));
await page.fill('input[name=mulai]', today);
await page.fill('input[name=sampai]', today);
await page.fill('input[name=alasan]', 'Dinas luar');
await submitAndWait(page.locator('form.aksi button[type=submit]'));
check((await page.textContent('main')).includes('berlaku'), 'leave with a delegate is recorded and in force');
await page.screenshot({ path: path.join(shots, 'admin-leave.png'), fullPage: true });

// Desa master data: the admin changes the desa's address; the audit trail names the admin.
await page.click('nav a[href="/admin/desa"]');
const pituForm = page.locator(`form[action="/admin/desa/${DESA}"]`);
await pituForm.locator('input[name=alamat]').fill('Jalan Raya Pitu No. 3, Pitu, Ngawi 63253');
await submitAndWait(pituForm.locator('button[type=submit]'));
check((await page.textContent('main')).includes('Data desa disimpan'), 'admin saves a change to the desa master data');
check(await pituForm.locator('input[name=alamat]').inputValue() === 'Jalan Raya Pitu No. 3, Pitu, Ngawi 63253',
  'the desa page shows the saved address');
check((await page.textContent('main')).includes('address: "Jalan Raya Pitu No. 1, Pitu, Ngawi 63253" → "Jalan Raya Pitu No. 3'),
  'the change is in the audit trail');
await page.screenshot({ path: path.join(shots, 'admin-desa.png'), fullPage: true });

await login('fodesa');
await act(RETURN_REQ, 'setujui');
check(await stageOf(RETURN_REQ) === 'DESA_REVIEW', 'the fixed request is forwarded again');
await login('sekdes');
check(await inboxHas(RETURN_REQ), 'the delegate sees the request to sign');
await page.screenshot({ path: path.join(shots, 'inbox-delegate.png'), fullPage: true });
await act(RETURN_REQ, 'setujui', { passphrase: password('sekdes') });
check(await stageOf(RETURN_REQ) === 'READY', 'the sekdes signed for the kades on leave');
check((await page.textContent('main')).includes('Wulan Sekretaris a.n. Sugeng Riyadi'), 'the history names the delegate and the kades');
const signedText = await page.textContent('pre.surat');
check(signedText.includes('a.n. Kepala Desa Pitu\nSekretaris Desa') && signedText.includes('Wulan Sekretaris'),
  'the letter is signed "a.n. Kepala Desa Pitu" by the sekdes');
check(signedText.includes('Jalan Raya Pitu No. 3'), 'the letter carries the edited desa address');

// Idle expiry: a session unused for longer than 30 minutes ends.
if (sql("UPDATE officer_sessions SET last_seen = '2000-01-01T00:00:00.000Z'") !== null) {
  await page.goto(`${consoleUrl}/`);
  check(page.url().includes('/masuk') && (await page.textContent('main')).includes('lama tidak aktif'), 'an idle session expires');
  await login('sekdes');
}

// Fleet (#15): a heartbeat with the ticket printer out of paper raises an alert; the teknisi marks it handled.
const beat = JSON.stringify({ appVersion: 'e2e', outboxDepth: 0, parkedCount: 0, freeDiskMb: 20000, printerState: 'paper-out',
  paperState: 'out', scannerState: 'ready', letterPrinterState: 'ready' });
check(await kioskPost('/api/v1/heartbeat', beat) === 200, 'a heartbeat reports the ticket printer out of paper');
await login('teknisi');
await page.click('nav a[href="/armada"]');
const openAlert = page.locator('tbody tr', { hasText: 'Kertas printer habis' });
check(await openAlert.count() === 1, 'the teknisi sees the paper alert on the fleet page');
await page.screenshot({ path: path.join(shots, 'fleet.png'), fullPage: true });
await submitAndWait(openAlert.locator('button[type=submit]'));
check((await page.textContent('main')).includes('selesai ditangani'), 'the console confirms the alert was handled');
check(await page.locator('tbody tr:has(button[id^="tangani-"])', { hasText: 'Kertas printer habis' }).count() === 0,
  'a handled alert no longer shows as open');
await login('kades');
const fleetForKades = await page.request.get(`${consoleUrl}/armada`);
check(fleetForKades.status() === 403, 'a kepala desa may not open the fleet page');

// Lockout: after five wrong passwords the account is locked even for the right one, and the lock is stored.
for (let i = 0; i < 5; i += 1) {
  await context.clearCookies();
  await page.goto(`${consoleUrl}/masuk`);
  await page.fill('input[name=username]', 'kecfo');
  await page.fill('input[name=password]', `salah-${i}`);
  await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
}
await page.goto(`${consoleUrl}/masuk`);
await page.fill('input[name=username]', 'kecfo');
await page.fill('input[name=password]', password('kecfo'));
await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
check((await page.textContent('main')).includes('dikunci sementara'),
  'five failures lock the account for this address, even for the right password');
const lockRow = sql("SELECT failures, locked_until IS NOT NULL FROM login_throttle WHERE scope LIKE 'user-at-source:kecfo@%'");
if (lockRow !== null) check(lockRow === "5|1", `the lockout is stored in the database (${lockRow})`);

// Audit log (#17 M9): the super admin sees who recorded the leave, from which address; others may not open it.
await login('root');
await page.click('nav a[href="/admin/audit"]');
const auditText = await page.textContent('main');
check(auditText.includes('Catat cuti dan pengganti') && auditText.includes('admin'), 'the audit log names the admin who recorded the leave');
await page.screenshot({ path: path.join(shots, 'admin-audit.png'), fullPage: true });
await login('sekdes');
check((await page.request.get(`${consoleUrl}/admin/audit`, { maxRedirects: 0 })).status() === 403, 'only super admins open the audit log');

// Logout ends the session: the old cookie no longer opens the inbox.
await page.click('nav button[type=submit]');
await page.waitForURL(/\/masuk/);
await page.goto(`${consoleUrl}/`);
check(page.url().includes('/masuk'), 'after logout the console asks to log in again');

// The public status page (docs/decisions/0030) at phone size, without a login: the number as typed, the stage and the
// masked name; the NIK unlocks the history. No sideways scrolling at 360 px.
const STATUS_REQ = '7K3QM-X9P2D';
check(await submit(STATUS_REQ, 'SKTM', 'Siti Aminah', sktm) === 201, 'request for the status page submitted');
const phone = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'id-ID', viewport: { width: 360, height: 740 } });
const citizen = await phone.newPage();
await citizen.goto(`${consoleUrl}/status`);
await citizen.fill('input[name=nomor]', '7k3qm x9p2d');
await Promise.all([citizen.waitForNavigation(), citizen.click('form[action="/status"] button[type=submit]')]);
const brief = await citizen.textContent('main');
check(brief.includes('S*** A*****') && !brief.includes('Siti'), 'the status page shows the masked name only');
check(brief.includes('Diterima sistem'), 'the status page shows the stage in plain words');
await citizen.screenshot({ path: path.join(shots, 'status-360.png'), fullPage: true });
await citizen.click('details summary');
await citizen.fill('input[name=nik]', '3521114506800002');
await Promise.all([citizen.waitForNavigation(), citizen.click('form[method=post] button[type=submit]')]);
check((await citizen.textContent('main')).includes('Riwayat'), 'the NIK unlocks the history');
check(await citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 360 px');
await citizen.screenshot({ path: path.join(shots, 'status-360-detail.png'), fullPage: true });
await phone.close();

await browser.close();
await finish(backend, work, `screenshots in ${shots}`);
