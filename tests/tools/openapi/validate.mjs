// Validates recorded /api/v1 exchanges (JSON lines written by the tests' recorder,
// tests/tools/exchangerecorder.h, on ApiServer's exchange observer) against openapi.yaml.
//   node validate.mjs SPEC.yaml DIR
// Rules: every exchange's path and method are in the spec; every response's status is declared
// and its body and required headers match; every request the backend accepted (status < 400)
// matches the spec (headers, query, body). A request the spec forbids must have been refused
// (4xx). Exit 1 on any violation or when nothing was recorded.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';

const args = process.argv.slice(2);
// --expect-violations N: the self-test passes only when exactly N violations are found.
const expectAt = args.indexOf('--expect-violations');
const expected = expectAt >= 0 ? Number(args.splice(expectAt, 2)[1]) : null;
const [specFile, dir] = args;
if (!specFile || !dir) {
  console.error('usage: node validate.mjs [--expect-violations N] SPEC.yaml DIR');
  process.exit(2);
}
const spec = YAML.parse(fs.readFileSync(specFile, 'utf8'));
const base = new URL(spec.servers[0].url).pathname.replace(/\/$/, '');

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
ajv.addFormat('binary', () => true);
ajv.addSchema({ $id: 'openapi.json', components: { schemas: spec.components.schemas } });

const compiled = new Map();
function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) {
    // Local references (#/components/…) resolve inside the spec document.
    const text = key.replaceAll('"#/components/', '"openapi.json#/components/');
    compiled.set(key, ajv.compile(JSON.parse(text)));
  }
  return compiled.get(key);
}
function check(schema, value) {
  const validate = validatorFor(schema);
  return validate(value) ? null : ajv.errorsText(validate.errors, { dataVar: 'body' });
}
function deref(object) {
  let o = object;
  while (o && o.$ref) {
    o = o.$ref.replace(/^#\//, '').split('/').reduce((node, key) => node[key], spec);
  }
  return o;
}

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  regex: new RegExp('^' + template.replace(/\{[^}]+\}/g, '([^/]+)') + '$'),
  names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
}));
// A path item also holds non-operations (servers, parameters, summary): only HTTP methods are operations.
const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const operations = new Map();
for (const [template, item] of Object.entries(spec.paths))
  for (const method of Object.keys(item).filter((key) => httpMethods.has(key)))
    operations.set(`${method.toUpperCase()} ${template}`, 0);

function coerce(schema, text) {
  if (schema && schema.type === 'integer' && /^-?\d+$/.test(text)) return Number(text);
  return text;
}

/// Problems with the request as the kiosk sent it; empty when it matches the contract.
function requestProblems(operation, exchange, pathValues) {
  const problems = [];
  const headers = exchange.requestHeaders || {};
  for (const p of (operation.parameters || []).map(deref)) {
    const raw =
      p.in === 'header' ? headers[p.name.toLowerCase()] : p.in === 'query' ? (exchange.query || {})[p.name] : p.in === 'path' ? pathValues[p.name] : undefined;
    if (raw === undefined) {
      if (p.required) problems.push(`missing ${p.in} parameter ${p.name}`);
      continue;
    }
    const why = check(p.schema || {}, coerce(p.schema, raw));
    if (why) problems.push(`${p.in} parameter ${p.name}: ${why}`);
  }
  const body = operation.requestBody && deref(operation.requestBody);
  if (body) {
    const json = body.content && body.content['application/json'];
    if (!exchange.requestBody) {
      if (body.required) problems.push('missing request body');
    } else if (json) {
      let value;
      try {
        value = JSON.parse(exchange.requestBody);
      } catch {
        problems.push('request body is not JSON');
      }
      if (value !== undefined) {
        const why = check(json.schema, value);
        if (why) problems.push(`request ${why}`);
      }
    }
  } else if (exchange.requestBody && exchange.requestBody.length > 0) {
    problems.push('request has a body the contract does not describe');
  }
  return problems;
}

/// Problems with the backend's response; empty when it matches the contract.
function responseProblems(operation, exchange) {
  const declared = operation.responses[String(exchange.status)] || operation.responses.default;
  if (!declared) return [`status ${exchange.status} is not declared`];
  const response = deref(declared);
  const problems = [];
  const headers = exchange.responseHeaders || {};
  for (const [name, h] of Object.entries(response.headers || {})) {
    const header = deref(h);
    const value = headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) problems.push(`missing response header ${name}`);
      continue;
    }
    const why = check(header.schema || {}, value);
    if (why) problems.push(`response header ${name}: ${why}`);
  }
  const hasBody = typeof exchange.responseBody === 'string' ? exchange.responseBody.length > 0 : Boolean(exchange.responseBody);
  const content = response.content || {};
  if (Object.keys(content).length === 0) {
    if (hasBody) problems.push(`status ${exchange.status} declares no body but one was sent`);
    return problems;
  }
  const type = (headers['content-type'] || '').split(';')[0].trim();
  const media = content[type];
  if (!media) return [...problems, `content type "${type}" not declared for status ${exchange.status}`];
  if (type === 'application/json') {
    let value;
    try {
      value = JSON.parse(exchange.responseBody);
    } catch {
      return [...problems, 'response body is not JSON'];
    }
    const why = check(media.schema, value);
    if (why) problems.push(`response ${why}`);
  }
  return problems;
}

const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
const errors = [];
let exchanges = 0;
let acceptedRequests = 0;
let refusedInvalid = 0;
const perFile = [];
for (const file of files) {
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
  let count = 0;
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${file}:${index + 1}`;
    let exchange;
    try {
      exchange = JSON.parse(line);
    } catch {
      errors.push(`${where}: not a JSON line`);
      return;
    }
    ++exchanges;
    ++count;
    const relative = exchange.path.startsWith(base + '/') ? exchange.path.slice(base.length) : null;
    const match = relative && templates.map((t) => ({ t, m: t.regex.exec(relative) })).find((x) => x.m);
    const label = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    if (!match) {
      errors.push(`${where}: ${label}: path not in the contract`);
      return;
    }
    const operation = spec.paths[match.t.template][exchange.method.toLowerCase()];
    if (!operation) {
      errors.push(`${where}: ${label}: method not in the contract`);
      return;
    }
    const key = `${exchange.method} ${match.t.template}`;
    operations.set(key, operations.get(key) + 1);
    const pathValues = Object.fromEntries(match.t.names.map((n, i) => [n, decodeURIComponent(match.m[i + 1])]));
    const requestIssues = requestProblems(operation, exchange, pathValues);
    if (requestIssues.length > 0 && exchange.status < 400)
      errors.push(`${where}: ${label}: the backend accepted a request the contract forbids: ${requestIssues.join('; ')}`);
    else if (requestIssues.length > 0) ++refusedInvalid;
    else if (exchange.status < 400) ++acceptedRequests;
    for (const problem of responseProblems(operation, exchange)) errors.push(`${where}: ${label}: ${problem}`);
  });
  perFile.push(`${file} ${count}`);
}

const covered = [...operations.values()].filter((n) => n > 0).length;
console.log(`openapi contract: ${exchanges} exchanges from ${files.length} recordings (${perFile.join(', ')})`);
console.log(`  accepted requests valid: ${acceptedRequests}; invalid requests refused with 4xx: ${refusedInvalid}`);
console.log(`  operations exercised: ${covered}/${operations.size}`);
for (const [op, n] of operations) console.log(`    ${String(n).padStart(5)}  ${op}`);
if (expected !== null) {
  for (const e of errors) console.log('  found: ' + e);
  console.log(`openapi contract self-test: ${errors.length} violations found, ${expected} expected`);
  process.exit(errors.length === expected ? 0 : 1);
}
if (exchanges === 0) {
  console.error('openapi contract: nothing was recorded; run the recording tests first (tst_backend_api, tst_security, tst_endtoend)');
  process.exit(1);
}
if (errors.length > 0) {
  console.error(`openapi contract: ${errors.length} violations`);
  for (const e of errors.slice(0, 40)) console.error('  ' + e);
  process.exit(1);
}
console.log('openapi contract: every recorded exchange matches the contract');
