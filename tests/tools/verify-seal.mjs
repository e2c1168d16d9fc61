#!/usr/bin/env node
// Independent SQ1 and SQ2 verifier (server-link/api/seal.md), written from the spec without the
// C++ code: node:crypto only (ECDSA, SHA-256, scrypt), base45, the digits form and the body parser
// written here. Checks that every valid vector in tests/data/seal verifies ASLI with the committed
// fields, NIK check and document hash, that every invalid vector gets its expected verdict, and
// that the refused trust lists are refused.   Usage: node verify-seal.mjs [tests/data/seal]
import { createHash, createPublicKey, scryptSync, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? new URL('../data/seal/', import.meta.url).pathname;
const read = (name) => readFileSync(join(dir, name));
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();

// RFC 9285 base45, strict.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
function base45Decode(text) {
  if (text.length % 3 === 1) return null;
  const v = [...text].map((ch) => ALPHABET.indexOf(ch));
  if (v.some((x) => x < 0)) return null;
  const out = [];
  for (let i = 0; i < v.length; i += 3) {
    if (i + 2 < v.length) {
      const n = v[i] + v[i + 1] * 45 + v[i + 2] * 2025;
      if (n > 0xffff) return null;
      out.push(n >> 8, n & 0xff);
    } else {
      const n = v[i] + v[i + 1] * 45;
      if (n > 0xff) return null;
      out.push(n);
    }
  }
  return Buffer.from(out);
}

// SQ2 digits: 5 digits per 2 bytes (00000–65535), 3 for a last byte (000–255), strict.
function digitsDecode(text) {
  if (!/^[0-9]*$/.test(text) || ![0, 3].includes(text.length % 5)) return null;
  const out = [];
  let i = 0;
  for (; i + 5 <= text.length; i += 5) {
    const n = Number(text.slice(i, i + 5));
    if (n > 0xffff) return null;
    out.push(n >> 8, n & 0xff);
  }
  if (i < text.length) {
    const n = Number(text.slice(i));
    if (n > 0xff) return null;
    out.push(n);
  }
  return Buffer.from(out);
}

// P-256 group order n; SQ2 accepts only s <= n/2.
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const isLowS = (rawSig) => rawSig.length === 64 && BigInt('0x' + rawSig.subarray(32).toString('hex')) <= N / 2n;

function strictBase64(s) {
  if (typeof s !== 'string') return null;
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? b : null;
}

const es256 = (key, message, rawSig) =>
  rawSig.length === 64 && verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, rawSig);

function openEnvelope(bytes, rootKey) {
  let env;
  try { env = JSON.parse(bytes.toString('utf8')); } catch { return null; }
  const payload = strictBase64(env?.payload);
  const signature = strictBase64(env?.signature);
  if (!payload || !signature || !es256(rootKey, payload, signature)) return null;
  return JSON.parse(payload.toString('utf8'));
}

const isDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
function loadTrustList(bytes, rootKey) {
  const p = openEnvelope(bytes, rootKey);
  if (!p || p.type !== 'SQ1-TRUST-LIST' || p.version !== 1 || !Array.isArray(p.keys)) return null;
  const keys = [];
  for (const k of p.keys) {
    const spki = strictBase64(k.spki);
    if (!spki || !/^[0-9a-f]{8}$/.test(k.kid) || sha256(spki).subarray(0, 4).toString('hex') !== k.kid) return null;
    if (!/^\d{10}$/.test(k.office) || !isDate(k.validFrom) || !(k.validUntil === null || isDate(k.validUntil))) return null;
    if (!['active', 'retired', 'revoked'].includes(k.status)) return null;
    keys.push({ ...k, key: createPublicKey({ key: spki, format: 'der', type: 'spki' }) });
  }
  return { issuedAt: new Date(p.issuedAt), keys };
}
function loadRevocations(bytes, rootKey) {
  const p = openEnvelope(bytes, rootKey);
  if (!p || p.type !== 'SQ1-REVOCATION-LIST' || p.version !== 1 || !Array.isArray(p.revoked)) return null;
  if (!p.revoked.every((e) => /^[0-9a-f]{16}$/.test(e))) return null;
  return { issuedAt: new Date(p.issuedAt), revoked: new Set(p.revoked) };
}

const EPOCH = Date.UTC(2000, 0, 1);
const DAY = 86400000;
const dayToIso = (n) => new Date(EPOCH + n * DAY).toISOString().slice(0, 10);
const isoToDay = (s) => (Date.parse(s + 'T00:00:00Z') - EPOCH) / DAY;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const SQ2_FORM = /^https:\/\/[A-Za-z0-9.\-/:]{1,80}#SQ2([0-9]+)$/;
function parseSeal(text) {
  text = text.trim();
  let b;
  let version;
  if (text.startsWith('SQ1:')) {
    b = base45Decode(text.slice(4));
    version = 1;
  } else {
    const m = SQ2_FORM.exec(text);
    if (!m) return null;
    b = digitsDecode(m[1]);
    version = 2;
  }
  const tagSize = version === 1 ? 10 : 8;
  if (!b || b.length < 1 || b[0] >> 4 !== version || b.length < 53 + tagSize + 2 + 64) return null;
  let at = 0;
  const take = (n) => { if (at + n > b.length) throw new Error('truncated'); const s = b.subarray(at, at + n); at += n; return s; };
  try {
    const f = {};
    const first = take(1)[0];
    f.version = first >> 4;
    f.alg = first & 0x0f;
    f.kid = take(4).toString('hex');
    f.documentType = take(1)[0];
    const office = take(5);
    if ([...office].some((x) => x >> 4 > 9 || (x & 15) > 9)) return null;
    f.office = office.toString('hex');
    f.serial = take(4).readUInt32BE(0);
    const issued = take(2).readUInt16BE(0);
    const until = take(2).readUInt16BE(0);
    if (f.documentType === 0 || (until !== 0 && until < issued)) return null;
    f.issued = dayToIso(issued);
    f.validUntil = until === 0 ? null : dayToIso(until);
    const str = (max) => {
      const n = take(1)[0];
      if (n < 1 || n > max) throw new Error('length');
      const s = utf8.decode(take(n));
      if (s.normalize('NFC') !== s || /\p{Cc}/u.test(s)) throw new Error('string');
      return s;
    };
    f.nomorSurat = str(64);
    f.holderName = str(100);
    f.nikTag = take(tagSize).toString('hex');
    f.documentHash = take(32).toString('hex');
    const body = b.subarray(0, at);
    const signature = take(64);
    if (at !== b.length) return null;
    return { f, body, signature, officeBytes: office };
  } catch {
    return null;
  }
}

const WS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
function canonicalText(text) {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')
    .map((line) => line.replace(WS, ' ').trim().replace(/^ +| +$/g, ''))
    .filter((line) => line.length > 0).map((line) => line + '\n').join('');
}
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
function nikTag(version, officeBytes, serial, nik) {
  if (version === 1) return sha256('SQ1-NIK', officeBytes, u32(serial), nik).subarray(0, 10).toString('hex');
  const salt = Buffer.concat([Buffer.from('SQ2-NIK'), officeBytes, u32(serial)]);
  return scryptSync(nik, salt, 8, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');
}

function verdictOf(text, trust, revocations, now, maxAgeDays) {
  const s = parseSeal(text);
  if (!s) return ['TIDAK_VALID', null];
  const candidates = trust.keys.filter((k) => k.kid === s.f.kid);
  if (candidates.length === 0) return ['TIDAK_DIKENAL', s];
  const signatureForm = s.f.version === 1 || isLowS(s.signature);
  const verifies = (k) => signatureForm && k.alg === 'ES256' && s.f.alg === 1 && es256(k.key, s.body, s.signature);
  const key = candidates.find((k) => k.office === s.f.office && verifies(k)) ?? candidates.find(verifies);
  if (!key) return ['TIDAK_VALID', s];
  if (key.office !== s.f.office) return ['TIDAK_VALID', s];
  const issued = isoToDay(s.f.issued);
  if (issued < isoToDay(key.validFrom) || (key.validUntil !== null && issued > isoToDay(key.validUntil))) return ['TIDAK_VALID', s];
  const today = Math.floor((now.getTime() - EPOCH) / DAY);
  if (issued > today + 1) return ['TIDAK_VALID', s];
  if (key.status === 'revoked') return ['DICABUT', s];
  const rid = sha256(s.officeBytes, u32(s.f.serial)).subarray(0, 8).toString('hex');
  if (revocations?.revoked.has(rid)) return ['DICABUT', s];
  const statusPer = Math.min(trust.issuedAt.getTime(), revocations ? revocations.issuedAt.getTime() : 0);
  if (!revocations || now.getTime() > statusPer + maxAgeDays * DAY) return ['TIDAK_DIKENAL', s];
  return ['ASLI', s];
}

const vectors = JSON.parse(read('vectors.json'));
const rootKey = createPublicKey(read(vectors.rootPublicKey));
const trust = loadTrustList(read(vectors.trustList), rootKey);
const revocations = loadRevocations(read(vectors.revocations), rootKey);
const now = new Date(vectors.verifyAt);
const failures = [];
if (!trust || !revocations) failures.push('committed trust list or revocation list refused');
for (const name of vectors.refusedTrustLists) if (loadTrustList(read(name), rootKey)) failures.push(`${name} accepted`);

let checked = 0;
for (const v of trust ? vectors.valid : []) {
  const [verdict, s] = verdictOf(v.seal, trust, revocations, now, vectors.maxListAgeDays);
  checked++;
  if (verdict !== 'ASLI') { failures.push(`${v.name}: ${verdict}, expected ASLI`); continue; }
  for (const [field, expected] of Object.entries(v.fields))
    if (s.f[field] !== expected) failures.push(`${v.name}: ${field} = ${s.f[field]}, expected ${expected}`);
  if (s.body.toString('hex') !== v.bodyHex) failures.push(`${v.name}: body differs`);
  if ((nikTag(s.f.version, s.officeBytes, s.f.serial, v.nik) === s.f.nikTag) !== v.nikMatches)
    failures.push(`${v.name}: NIK check differs from nikMatches = ${v.nikMatches}`);
  if (canonicalText(v.letterText) !== v.canonicalText) failures.push(`${v.name}: canonical text differs`);
  if (sha256(canonicalText(v.letterText)).toString('hex') !== s.f.documentHash) failures.push(`${v.name}: document hash mismatch`);
}
for (const v of trust ? vectors.invalid : []) {
  const [verdict] = verdictOf(v.seal, trust, revocations, now, vectors.maxListAgeDays);
  checked++;
  if (verdict !== v.verdict) failures.push(`${v.name}: ${verdict}, expected ${v.verdict}`);
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`verify-seal.mjs: ${vectors.valid.length} valid and ${vectors.invalid.length} invalid vectors as expected (${checked} checked)`);
