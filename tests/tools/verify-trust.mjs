// Independent check of seal.md §7.2–7.4 (list envelopes, delegated list signer, next root) against
// tests/data/trust, written from the spec with node:crypto only: node verify-trust.mjs DIR
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const read = (name) => readFileSync(join(dir, name));
const sha256 = (b) => createHash('sha256').update(b).digest();

function strictBase64(s) {
  if (typeof s !== 'string') return null;
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? b : null;
}
const isTime = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s);
const spkiKey = (der) => createPublicKey({ key: der, format: 'der', type: 'spki' });
const es256 = (spki, message, rawSig) =>
  rawSig.length === 64 && verify('sha256', message, { key: spkiKey(spki), dsaEncoding: 'ieee-p1363' }, rawSig);

// An envelope object signed directly by one of `roots` (SPKI DER buffers): its payload object and which root.
function direct(env, roots) {
  if (typeof env !== 'object' || env === null) return null;
  const payload = strictBase64(env.payload);
  const signature = strictBase64(env.signature);
  if (!payload || !signature) return null;
  const root = roots.find((r) => es256(r, payload, signature));
  if (!root) return null;
  try { return { payload: JSON.parse(payload.toString('utf8')), root }; } catch { return null; }
}

function delegationOf(p) {
  if (p?.type !== 'SQ1-LIST-SIGNER' || p.version !== 1 || !Number.isInteger(p.sequence) || p.sequence < 0) return null;
  const spki = strictBase64(p.spki);
  if (!spki || !/^[0-9a-f]{8}$/.test(p.kid) || sha256(spki).subarray(0, 4).toString('hex') !== p.kid) return null;
  if (!isTime(p.notBefore) || !isTime(p.notAfter) || Date.parse(p.notBefore) >= Date.parse(p.notAfter)) return null;
  return { spki, notBefore: Date.parse(p.notBefore), notAfter: Date.parse(p.notAfter) };
}

// §7.2: the list payload when a client pinning `roots` accepts the envelope at `now`, else null.
function accept(bytes, roots, now) {
  let env;
  try { env = JSON.parse(bytes.toString('utf8')); } catch { return null; }
  for (const k of ['delegation', 'nextRoot'])
    if (k in env && (typeof env[k] !== 'object' || env[k] === null || Array.isArray(env[k]))) return null;
  if (!('delegation' in env)) return direct(env, roots);
  if ('delegation' in env.delegation) return null;
  const certified = direct(env.delegation, roots);
  const d = certified && delegationOf(certified.payload);
  if (!d) return null;
  const listed = direct(env, [d.spki]);
  if (!listed || !isTime(listed.payload.issuedAt)) return null;
  const issuedAt = Date.parse(listed.payload.issuedAt);
  if (issuedAt < d.notBefore || issuedAt > d.notAfter || now > d.notAfter) return null;
  return { payload: listed.payload, root: certified.root, nextRoot: env.nextRoot };
}

const pem = (name) => createPublicKey(read(name)).export({ format: 'der', type: 'spki' });
const index = JSON.parse(read('index.json'));
const now = Date.parse(index.verifyAt);
const root = pem(index.rootPublicKey);
const failures = [];
for (const c of index.cases)
  if (Boolean(accept(read(c.file), [root], now)) !== c.accepted) failures.push(`${c.file}: expected ${c.accepted ? 'accepted' : 'refused'} (${c.why})`);
// §7.4: the announcement, signed by the pinned root itself, adds the next root.
const announced = accept(read(index.announcement), [root], now);
const next = announced && direct(announced.nextRoot, [root]);
const nextSpki = next?.payload?.type === 'SQ1-NEXT-ROOT' && next.payload.version === 1 ? strictBase64(next.payload.spki) : null;
if (!nextSpki || !nextSpki.equals(pem(index.nextRootPublicKey))) failures.push('next-root announcement not found');
else if (!accept(read(index.acceptedAfterAnnouncement), [root, nextSpki], now)) failures.push(`${index.acceptedAfterAnnouncement}: refused after the announcement`);

if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`${index.cases.length + 1} envelope cases agree with seal.md §7.2–7.4`);
