// The public seal verification page (server-link/api/seal.md §8, SQ1 and SQ2). Everything runs in the browser:
// the seal comes from the URL fragment (never sent to the server), a typed text or the camera; the trust and
// revocation lists come from this origin and are checked against the root key the backend put in the page.
// Plain ES2017 without modules: Chrome for Android of 2018 and iOS Safari 12 run it as is.
(function () {
  'use strict';

  var MAX_LIST_AGE_DAYS = 7;
  var DAY = 86400000;
  var EPOCH = Date.UTC(2000, 0, 1);
  var BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  var SQ2_TEXT = /^https:\/\/[A-Za-z0-9.\-\/:]{1,80}#SQ2([0-9]+)$/;
  // P-256 group order n and floor(n / 2): r and s must lie in [1, n-1]; SQ2 also wants s <= n/2 (low-S).
  var ORDER_N = hexBytes('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
  var HALF_N = hexBytes('7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8');
  var SCRYPT = { N: 32768, r: 8, p: 1, dkLen: 8 };
  var VERSIONS = {
    1: { prefix: 'SQ1-NIK', nikTagBytes: 10 },
    2: { prefix: 'SQ2-NIK', nikTagBytes: 8 }
  };
  var DOCUMENT_TYPES = ['', 'Surat Keterangan Tidak Mampu', 'Surat Pernyataan Miskin (BPJS PBI)', 'Surat Keterangan Domisili',
    'Surat Keterangan Domisili Usaha', 'Surat Keterangan Usaha', 'Surat Keterangan Izin Resepsi Pernikahan/Hajatan',
    'Surat Keterangan Ahli Waris', 'Surat Keterangan Dispensasi Nikah', 'Surat Keterangan Domisili Organisasi Masyarakat',
    'Surat Pengantar Nikah', 'Surat Pengantar SKCK', 'Surat Keterangan Kelahiran', 'Surat Keterangan Kematian',
    'Surat Keterangan Pindah', 'Surat Tanda Terima Pengaduan Subsidi Listrik', 'Legalisasi Surat Keterangan Waris'];

  // Every text of the page: [Bahasa Indonesia, English].
  var TEXT = {
    title: ['Periksa keaslian surat', 'Check that a letter is genuine'],
    jenis: ['Jenis surat', 'Letter type'],
    nomor: ['Nomor', 'Number'],
    nama: ['Nama', 'Name'],
    kantor: ['Kantor', 'Office'],
    penandatangan: ['Penandatangan', 'Signed by'],
    tanggal: ['Tanggal', 'Date'],
    berlaku: ['Berlaku sampai', 'Valid until'],
    nikTitle: ['Cocokkan NIK pemegang surat', 'Match the holder\'s NIK'],
    nikHelp: ['Ketik NIK dari KTP pemegang surat. NIK diperiksa di perangkat ini dan tidak dikirim ke mana pun.',
      'Type the NIK from the holder\'s ID card (KTP). It is checked on this device and sent nowhere.'],
    nikLabel: ['NIK (16 angka)', 'NIK (16 digits)'],
    nikButton: ['Cocokkan NIK', 'Match NIK'],
    inputTitle: ['Periksa surat lain', 'Check another letter'],
    scan: ['Pindai dengan kamera', 'Scan with the camera'],
    scanStop: ['Tutup kamera', 'Close camera'],
    textLabel: ['Atau tempel teks segel (hasil pindai QR)', 'Or paste the seal text (the scanned QR)'],
    check: ['Periksa', 'Check'],
    privacy: ['Segel dari QR diperiksa di perangkat Anda dan tidak dikirim ke server. Halaman ini tetap bekerja tanpa internet setelah kunjungan pertama.',
      'The seal from the QR is checked on your device and not sent to the server. This page keeps working without internet after the first visit.'],
    ASLI: ['ASLI', 'GENUINE'],
    DICABUT: ['DICABUT', 'REVOKED'],
    TIDAK_DIKENAL: ['TIDAK DIKENAL', 'UNKNOWN'],
    TIDAK_VALID: ['TIDAK VALID', 'NOT VALID'],
    meaningASLI: ['Surat asli dan tidak dicabut.', 'The letter is genuine and has not been revoked.'],
    meaningDICABUT: ['Kantor telah mencabut surat ini; surat tidak berlaku lagi.',
      'The office has revoked this letter; it is no longer valid.'],
    meaningTIDAK_DIKENAL: ['Surat ini belum dapat dipastikan: kunci tanda tangannya tidak dikenal atau daftar kunci sudah terlalu lama. Sambungkan ke internet lalu muat ulang halaman.',
      'This letter cannot be confirmed yet: its signing key is unknown or the key list is too old. Connect to the internet and reload the page.'],
    meaningTIDAK_VALID: ['Segel tidak cocok dengan surat; surat mungkin palsu atau rusak.',
      'The seal does not match a letter; the letter may be forged or damaged.'],
    expired: ['Masa berlaku surat sudah berakhir.', 'The letter\'s validity has ended.'],
    noEnd: ['tanpa batas', 'no end date'],
    statusPer: ['Status per {0}', 'Status as of {0}'],
    noLists: ['Daftar kunci belum diterima; sambungkan ke internet lalu muat ulang.',
      'No key list yet; connect to the internet and reload.'],
    listsAge: ['Daftar kunci per {0}, daftar pencabutan per {1}.', 'Key list as of {0}, revocation list as of {1}.'],
    listsRefused: ['Daftar dari server ditolak (tanda tangan tidak sah).',
      'The server\'s list was refused (bad signature).'],
    nikBad: ['NIK harus 16 angka.', 'The NIK has 16 digits.'],
    nikMatch: ['NIK COCOK dengan surat ini.', 'The NIK MATCHES this letter.'],
    nikNoMatch: ['NIK TIDAK COCOK dengan surat ini.', 'The NIK does NOT match this letter.'],
    nikWorking: ['Sedang mencocokkan NIK… {0}%', 'Matching the NIK… {0}%'],
    nikUnavailable: ['Pencocokan NIK tidak tersedia di peramban ini.',
      'NIK matching is not available in this browser.'],
    cameraNone: ['Kamera tidak tersedia di peramban ini. Gunakan aplikasi kamera ponsel atau tempel teks segel.',
      'No camera in this browser. Use the phone\'s camera app or paste the seal text.'],
    cameraDenied: ['Izin kamera ditolak atau kamera sedang dipakai.',
      'Camera permission refused or the camera is busy.'],
    cameraLooking: ['Arahkan kamera ke kode QR pada surat.', 'Point the camera at the QR code on the letter.'],
    cameraNotSeal: ['Kode QR ini bukan segel surat.', 'This QR code is not a letter seal.'],
    other: ['English', 'Bahasa Indonesia']
  };
  var MONTHS = {
    id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
    en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  };

  var language = storedLanguage();
  var lists = { trust: null, revocations: null, refused: false };
  var current = null; // the last verification: {seal, verdict, key, text}
  var camera = { stream: null, timer: 0 };

  function $(id) { return document.getElementById(id); }
  function t(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    return TEXT[key][language === 'en' ? 1 : 0].replace(/\{(\d)\}/g, function (m, i) { return args[Number(i)]; });
  }
  function storedLanguage() {
    try { return localStorage.getItem('anjungan.bahasa') === 'en' ? 'en' : 'id'; } catch (e) { return 'id'; }
  }

  // ------------------------------------------------------------------ bytes

  function hexBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }
  function toHex(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }
  function ascii(text) {
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  function concat() {
    var total = 0;
    var i;
    for (i = 0; i < arguments.length; i++) total += arguments[i].length;
    var out = new Uint8Array(total);
    var at = 0;
    for (i = 0; i < arguments.length; i++) { out.set(arguments[i], at); at += arguments[i].length; }
    return out;
  }
  function u32(n) { return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]); }
  /// -1, 0, 1 as the big-endian unsigned integers a and b (same length) compare.
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }
  function isZero(a) { for (var i = 0; i < a.length; i++) if (a[i]) return false; return true; }
  /// Standard base64 with padding that re-encodes to the same text, or null.
  function strictBase64(s) {
    if (typeof s !== 'string' || !/^[A-Za-z0-9+\/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
    var raw;
    try { raw = atob(s); } catch (e) { return null; }
    if (btoa(raw) !== s) return null;
    return ascii(raw);
  }
  function sha256(bytes) { return crypto.subtle.digest('SHA-256', bytes).then(function (d) { return new Uint8Array(d); }); }

  // ------------------------------------------------------------------ QR text → bytes (§1)

  function base45Decode(text) {
    if (text.length % 3 === 1) return null;
    var out = [];
    for (var i = 0; i < text.length; i += 3) {
      var c = BASE45.indexOf(text[i]);
      var d = BASE45.indexOf(text[i + 1]);
      if (c < 0 || d < 0) return null;
      if (i + 2 < text.length) {
        var e = BASE45.indexOf(text[i + 2]);
        if (e < 0) return null;
        var n = c + d * 45 + e * 2025;
        if (n > 0xffff) return null;
        out.push(n >> 8, n & 255);
      } else {
        var m = c + d * 45;
        if (m > 0xff) return null;
        out.push(m);
      }
    }
    return new Uint8Array(out);
  }

  /// SQ2 digits: 5 per 2 bytes, 3 for a final byte (sq2.md); strict.
  function digitsDecode(digits) {
    if (!/^[0-9]*$/.test(digits) || (digits.length % 5 !== 0 && digits.length % 5 !== 3)) return null;
    var out = [];
    for (var i = 0; i < digits.length; i += 5) {
      if (i + 5 <= digits.length) {
        var n = Number(digits.substr(i, 5));
        if (n > 0xffff) return null;
        out.push(n >> 8, n & 255);
      } else {
        var m = Number(digits.substr(i, 3));
        if (m > 0xff) return null;
        out.push(m);
      }
    }
    return new Uint8Array(out);
  }

  /// The seal's version and bytes from a QR text, or null when the text is no seal.
  function sealBytes(text) {
    text = text.replace(/^\s+|\s+$/g, '');
    if (text.indexOf('SQ1:') === 0) {
      var b1 = base45Decode(text.slice(4));
      return b1 ? { version: 1, bytes: b1 } : null;
    }
    var m = SQ2_TEXT.exec(text);
    if (m) {
      var b2 = digitsDecode(m[1]);
      return b2 ? { version: 2, bytes: b2 } : null;
    }
    return null;
  }

  // ------------------------------------------------------------------ body (§2)

  var utf8 = new TextDecoder('utf-8', { fatal: true });
  var CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

  function dayToIso(n) { return new Date(EPOCH + n * DAY).toISOString().slice(0, 10); }
  function isoToDay(s) { return (Date.parse(s + 'T00:00:00Z') - EPOCH) / DAY; }

  function parseSeal(text) {
    var found = sealBytes(text);
    if (!found) return null;
    var b = found.bytes;
    var spec = VERSIONS[found.version];
    if (b.length < 1 || b[0] >> 4 !== found.version) return null;
    var at = 0;
    function take(n) {
      if (at + n > b.length) throw new Error('truncated');
      var s = b.subarray(at, at + n);
      at += n;
      return s;
    }
    function str(max) {
      var n = take(1)[0];
      if (n < 1 || n > max) throw new Error('length');
      var s = utf8.decode(take(n));
      if (s.normalize('NFC') !== s || CONTROL.test(s)) throw new Error('string');
      return s;
    }
    try {
      var f = { version: found.version };
      f.alg = take(1)[0] & 15;
      f.kid = toHex(take(4));
      f.documentType = take(1)[0];
      var office = take(5);
      for (var i = 0; i < office.length; i++) if (office[i] >> 4 > 9 || (office[i] & 15) > 9) return null;
      f.office = toHex(office);
      var serial = take(4);
      f.serial = ((serial[0] << 24) >>> 0) + (serial[1] << 16) + (serial[2] << 8) + serial[3];
      var d = take(4);
      var issued = (d[0] << 8) | d[1];
      var until = (d[2] << 8) | d[3];
      if (f.documentType === 0 || (until !== 0 && until < issued)) return null;
      f.issued = dayToIso(issued);
      f.validUntil = until === 0 ? null : dayToIso(until);
      f.nomorSurat = str(64);
      f.holderName = str(100);
      f.nikTag = take(spec.nikTagBytes);
      f.documentHash = toHex(take(32));
      var body = b.subarray(0, at);
      var signature = take(64);
      if (at !== b.length) return null;
      return { f: f, body: body, signature: signature, officeBytes: office, serialBytes: serial, spec: spec };
    } catch (e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ lists (§7)

  function importKey(spki) {
    return crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  }
  function es256(key, message, rawSignature) {
    if (rawSignature.length !== 64) return Promise.resolve(false);
    var r = rawSignature.subarray(0, 32);
    var s = rawSignature.subarray(32);
    if (isZero(r) || isZero(s) || compare(r, ORDER_N) >= 0 || compare(s, ORDER_N) >= 0) return Promise.resolve(false);
    return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, rawSignature, message).catch(function () { return false; });
  }

  var rootKey = null;
  function pinnedRoot() {
    if (!rootKey) {
      var meta = document.querySelector('meta[name="anjungan-root"]');
      var spki = meta ? strictBase64(meta.getAttribute('content')) : null;
      rootKey = spki ? importKey(spki) : Promise.reject(new Error('no root key'));
    }
    return rootKey;
  }

  function isTime(s) { return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s) && !isNaN(Date.parse(s)); }

  /// The payload bytes of an envelope whose signature verifies with `key`, or null.
  function signedPayload(env, key) {
    var payload = env && strictBase64(env.payload);
    var signature = env && strictBase64(env.signature);
    if (!payload || !signature) return Promise.resolve(null);
    return es256(key, payload, signature).then(function (ok) { return ok ? payload : null; });
  }

  function parseJson(bytes) { try { return JSON.parse(utf8.decode(bytes)); } catch (e) { return null; } }

  /// A list-signer delegation (seal.md §7.3) signed by the pinned root: {sequence, notBefore, notAfter, key}, or null.
  function openDelegation(env) {
    if (!env || typeof env !== 'object' || env.delegation !== undefined) return Promise.resolve(null);
    return pinnedRoot().then(function (root) { return signedPayload(env, root); }).then(function (bytes) {
      var d = bytes && parseJson(bytes);
      var spki = d && strictBase64(d.spki);
      if (!d || d.type !== 'SQ1-LIST-SIGNER' || d.version !== 1 || typeof d.sequence !== 'number' || d.sequence < 0 ||
          Math.floor(d.sequence) !== d.sequence || !/^[0-9a-f]{8}$/.test(d.kid) || !spki || !isTime(d.notBefore) ||
          !isTime(d.notAfter) || Date.parse(d.notBefore) >= Date.parse(d.notAfter)) {
        return null;
      }
      return sha256(spki).then(function (h) {
        if (toHex(h.subarray(0, 4)) !== d.kid) return null;
        return importKey(spki).then(function (key) {
          return { sequence: d.sequence, notBefore: Date.parse(d.notBefore), notAfter: Date.parse(d.notAfter), key: key };
        });
      });
    });
  }

  /// The payload of a list envelope the pinned root vouches for, directly or through a list-signer delegation
  /// (seal.md §7.2: the list's issuedAt inside the delegation's window; a list fetched now also needs the delegation
  /// not to have ended). The payload gets `delegationSequence` (-1: signed by the root itself). Null when refused.
  function openEnvelope(text, fetchedNow) {
    var env;
    try { env = JSON.parse(text); } catch (e) { return Promise.resolve(null); }
    if (!env || typeof env !== 'object') return Promise.resolve(null);
    if (env.nextRoot !== undefined && (typeof env.nextRoot !== 'object' || env.nextRoot === null)) return Promise.resolve(null);
    if (env.delegation === undefined) {
      return pinnedRoot().then(function (root) { return signedPayload(env, root); }).then(function (bytes) {
        var p = bytes && parseJson(bytes);
        if (p) p.delegationSequence = -1;
        return p;
      });
    }
    return openDelegation(env.delegation).then(function (d) {
      if (!d) return null;
      return signedPayload(env, d.key).then(function (bytes) {
        var p = bytes && parseJson(bytes);
        var issued = p && isTime(p.issuedAt) ? Date.parse(p.issuedAt) : NaN;
        if (!p || isNaN(issued) || issued < d.notBefore || issued > d.notAfter) return null;
        if (fetchedNow && Date.now() > d.notAfter) return null;
        p.delegationSequence = d.sequence;
        return p;
      });
    });
  }

  function isDate(s) { return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s); }

  function loadTrustList(text, fetchedNow) {
    return openEnvelope(text, fetchedNow).then(function (p) {
      if (!p || p.type !== 'SQ1-TRUST-LIST' || p.version !== 1 || !Array.isArray(p.keys)) return null;
      return Promise.all(p.keys.map(function (k) {
        var spki = strictBase64(k.spki);
        if (!spki || !/^[0-9a-f]{8}$/.test(k.kid) || !/^\d{10}$/.test(k.office) || !isDate(k.validFrom) ||
            !(k.validUntil === null || isDate(k.validUntil)) || ['active', 'retired', 'revoked'].indexOf(k.status) < 0) {
          return null;
        }
        return sha256(spki).then(function (h) {
          if (toHex(h.subarray(0, 4)) !== k.kid) return null;
          return importKey(spki).then(function (key) {
            return { kid: k.kid, office: k.office, officeName: k.officeName || '', signer: k.signer || '', alg: k.alg,
              validFrom: k.validFrom, validUntil: k.validUntil, status: k.status, key: key };
          });
        });
      })).then(function (keys) {
        if (keys.some(function (k) { return k === null; })) return null;
        return { sequence: p.sequence, issuedAt: Date.parse(p.issuedAt), keys: keys, delegation: p.delegationSequence };
      });
    }).catch(function () { return null; });
  }

  function loadRevocations(text, fetchedNow) {
    return openEnvelope(text, fetchedNow).then(function (p) {
      if (!p || p.type !== 'SQ1-REVOCATION-LIST' || p.version !== 1 || !Array.isArray(p.revoked)) return null;
      if (!p.revoked.every(function (e) { return /^[0-9a-f]{16}$/.test(e); })) return null;
      var set = {};
      p.revoked.forEach(function (e) { set[e] = true; });
      return { sequence: p.sequence, issuedAt: Date.parse(p.issuedAt), revoked: set, delegation: p.delegationSequence };
    }).catch(function () { return null; });
  }

  /// A list from this origin (the service worker answers from its cache when offline); the copy kept here is
  /// replaced only by one that verifies and whose sequence is not lower (§7).
  function refreshList(name, path, load) {
    var storageKey = 'anjungan.' + name;
    var kept = null;
    try { kept = localStorage.getItem(storageKey); } catch (e) { kept = null; }
    var keptList = kept ? load(kept) : Promise.resolve(null);
    var fetched = fetch(path, { cache: 'no-cache', credentials: 'omit' })
      .then(function (res) { return res.ok ? res.text() : null; })
      .catch(function () { return null; });
    return Promise.all([keptList, fetched]).then(function (both) {
      var old = both[0];
      var text = both[1];
      if (!text) return old;
      return load(text, true).then(function (fresh) {
        if (!fresh) { lists.refused = true; return old; }
        if (old && fresh.sequence < old.sequence) return old;
        // A list signer replaced by a newer delegation is out (seal.md §7.2 rule 3).
        if (old && old.delegation >= 0 && fresh.delegation >= 0 && fresh.delegation < old.delegation) return old;
        try { localStorage.setItem(storageKey, text); } catch (e) { /* private mode: the list still serves this visit */ }
        return fresh;
      });
    });
  }

  function refreshLists() {
    lists.refused = false;
    return Promise.all([refreshList('trust', '/api/v1/trust-list', loadTrustList),
      refreshList('revocations', '/api/v1/revocations', loadRevocations)]).then(function (both) {
      lists.trust = both[0];
      lists.revocations = both[1];
      showListAge();
    });
  }

  // ------------------------------------------------------------------ verification (§8)

  function verify(text) {
    var s = parseSeal(text);
    if (!s) return Promise.resolve({ verdict: 'TIDAK_VALID', seal: null, key: null });
    var trust = lists.trust;
    var candidates = trust ? trust.keys.filter(function (k) { return k.kid === s.f.kid; }) : [];
    if (candidates.length === 0) return Promise.resolve({ verdict: 'TIDAK_DIKENAL', seal: s, key: null });
    // Entries of the seal's own office first; SQ2 accepts only low-S signatures.
    candidates.sort(function (a, b) { return (a.office === s.f.office ? 0 : 1) - (b.office === s.f.office ? 0 : 1); });
    var lowS = s.f.version < 2 || compare(s.signature.subarray(32), HALF_N) <= 0;
    var tryKey = function (i) {
      if (i >= candidates.length) return Promise.resolve(null);
      var k = candidates[i];
      if (k.alg !== 'ES256' || s.f.alg !== 1 || !lowS) return tryKey(i + 1);
      return es256(k.key, s.body, s.signature).then(function (ok) { return ok ? k : tryKey(i + 1); });
    };
    return tryKey(0).then(function (key) {
      var result = { seal: s, key: key, verdict: 'TIDAK_VALID' };
      if (!key || key.office !== s.f.office) return result;
      var issued = isoToDay(s.f.issued);
      if (issued < isoToDay(key.validFrom) || (key.validUntil !== null && issued > isoToDay(key.validUntil))) return result;
      var now = Date.now();
      if (issued > Math.floor((now - EPOCH) / DAY) + 1) return result;
      result.signatureGood = true;
      if (key.status === 'revoked') { result.verdict = 'DICABUT'; return result; }
      return sha256(concat(s.officeBytes, s.serialBytes)).then(function (h) {
        var revocations = lists.revocations;
        if (revocations && revocations.revoked[toHex(h.subarray(0, 8))]) { result.verdict = 'DICABUT'; return result; }
        if (!revocations || now > statusPer() + MAX_LIST_AGE_DAYS * DAY) { result.verdict = 'TIDAK_DIKENAL'; return result; }
        result.verdict = 'ASLI';
        result.expired = s.f.validUntil !== null && isoToDay(s.f.validUntil) < Math.floor((now - EPOCH) / DAY);
        return result;
      });
    });
  }

  function statusPer() {
    var t1 = lists.trust ? lists.trust.issuedAt : 0;
    var t2 = lists.revocations ? lists.revocations.issuedAt : 0;
    return Math.min(t1, t2);
  }

  /// NIK tag of the seal for a typed NIK: SHA-256 for SQ1, scrypt for SQ2 (sq2.md), with progress 0..1.
  function nikTag(s, nik, progress) {
    var salt = concat(ascii(s.spec.prefix), s.officeBytes, s.serialBytes);
    if (s.f.version === 1) return sha256(concat(salt, ascii(nik))).then(function (h) { return h.subarray(0, 10); });
    if (!window.scrypt) return Promise.reject(new Error('scrypt unavailable'));
    // scrypt-js yields between slices with setImmediate, else setTimeout, whose 4 ms clamp over ~500 slices would add
    // seconds of idling; a message on a channel is not clamped and still lets the page paint the progress.
    if (!window.setImmediate && window.MessageChannel) {
      window.setImmediate = function (task) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { task(); };
        channel.port2.postMessage(0);
      };
    }
    return window.scrypt.scrypt(ascii(nik), salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.dkLen, function (p) { progress(p); });
  }

  // ------------------------------------------------------------------ showing

  function formatDate(iso) {
    var parts = iso.split('-');
    return Number(parts[2]) + ' ' + MONTHS[language][Number(parts[1]) - 1] + ' ' + parts[0];
  }
  function formatInstant(ms) {
    var d = new Date(ms);
    var hh = ('0' + d.getHours()).slice(-2);
    var mm = ('0' + d.getMinutes()).slice(-2);
    return formatDate(d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2)) +
      ' ' + hh + '.' + mm;
  }

  function showListAge() {
    var el = $('umur-daftar');
    if (!lists.trust || !lists.revocations) {
      el.textContent = lists.refused ? t('listsRefused') : t('noLists');
      return;
    }
    el.textContent = t('listsAge', formatInstant(lists.trust.issuedAt), formatInstant(lists.revocations.issuedAt)) +
      (lists.refused ? ' ' + t('listsRefused') : '');
  }

  function setText(id, text) { $(id).textContent = text; }

  function show(result) {
    current = result;
    var box = $('hasil');
    box.hidden = false;
    box.setAttribute('data-verdict', result.verdict);
    var verdict = $('vonis');
    verdict.setAttribute('data-verdict', result.verdict);
    verdict.textContent = t(result.verdict);
    setText('arti', t('meaning' + result.verdict) + (result.expired ? ' ' + t('expired') : ''));
    var s = result.seal;
    var withFields = !!(s && result.key && result.signatureGood);
    $('rincian').hidden = !withFields;
    if (withFields) {
      setText('f-jenis', DOCUMENT_TYPES[s.f.documentType] || 'Jenis surat ' + s.f.documentType);
      setText('f-nomor', s.f.nomorSurat);
      setText('f-nama', s.f.holderName);
      setText('f-kantor', result.key.officeName + ' (' + s.f.office + ')');
      setText('f-penandatangan', result.key.signer);
      setText('f-tanggal', formatDate(s.f.issued));
      setText('f-berlaku', s.f.validUntil ? formatDate(s.f.validUntil) : t('noEnd'));
    }
    var per = statusPer();
    setText('status-per', per > 0 ? t('statusPer', formatInstant(per)) : t('noLists'));
    $('cek-nik').hidden = !withFields;
    $('hasil-nik').textContent = '';
    $('hasil-nik').setAttribute('data-match', '');
    $('nik-kemajuan').hidden = true;
  }

  function check(text) {
    current = null;
    return verify(text).then(function (result) {
      result.text = text;
      show(result);
    });
  }

  /// The seal in the address: the phone opened verifyUrl#SQ2… (the fragment never leaves the browser).
  function checkFragment() {
    if (location.hash.indexOf('#SQ2') !== 0) return Promise.resolve();
    return check(location.origin + location.pathname + location.hash);
  }

  function matchNik() {
    var nik = $('nik').value.replace(/\s+/g, '');
    var out = $('hasil-nik');
    out.setAttribute('data-match', '');
    if (!/^[0-9]{16}$/.test(nik)) { out.textContent = t('nikBad'); return; }
    if (!current || !current.seal) return;
    var s = current.seal;
    var bar = $('nik-kemajuan');
    bar.hidden = s.f.version === 1;
    bar.value = 0;
    $('periksa-nik').disabled = true;
    nikTag(s, nik, function (p) {
      bar.value = Math.round(p * 100);
      out.textContent = t('nikWorking', Math.round(p * 100));
    }).then(function (tag) {
      var same = toHex(tag) === toHex(s.f.nikTag);
      out.setAttribute('data-match', same ? 'ya' : 'tidak');
      out.textContent = same ? t('nikMatch') : t('nikNoMatch');
    }, function () {
      out.textContent = t('nikUnavailable');
    }).then(function () {
      bar.hidden = true;
      $('periksa-nik').disabled = false;
    });
  }

  // ------------------------------------------------------------------ camera

  function stopCamera() {
    if (camera.timer) clearTimeout(camera.timer);
    camera.timer = 0;
    if (camera.stream) camera.stream.getTracks().forEach(function (track) { track.stop(); });
    camera.stream = null;
    $('kamera').srcObject = null;
    $('kamera-bingkai').hidden = true;
  }

  function scanFrame(canvas) {
    var video = $('kamera');
    if (!camera.stream) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var g = canvas.getContext('2d');
      g.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = g.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code && code.data) {
        if (sealBytes(code.data)) {
          stopCamera();
          setText('pesan-kamera', '');
          $('teks-segel').value = code.data.replace(/^\s+|\s+$/g, '');
          check(code.data);
          return;
        }
        setText('pesan-kamera', t('cameraNotSeal'));
      }
    }
    camera.timer = setTimeout(function () { scanFrame(canvas); }, 150);
  }

  function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
      setText('pesan-kamera', t('cameraNone'));
      return;
    }
    stopCamera();
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (stream) {
      camera.stream = stream;
      var video = $('kamera');
      video.srcObject = stream;
      $('kamera-bingkai').hidden = false;
      setText('pesan-kamera', t('cameraLooking'));
      var played = video.play();
      if (played && played.catch) played.catch(function () { /* muted inline video plays; autoplay refusals retry on frames */ });
      scanFrame(document.createElement('canvas'));
    }, function () {
      setText('pesan-kamera', t('cameraDenied'));
    });
  }

  // ------------------------------------------------------------------ language, start

  function applyLanguage() {
    document.documentElement.lang = language;
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute('data-t'));
    document.title = t('title');
    var toggle = $('bahasa');
    toggle.textContent = t('other');
    toggle.lang = language === 'id' ? 'en' : 'id';
    showListAge();
    if (current) show(current);
  }

  function start() {
    applyLanguage();
    $('bahasa').addEventListener('click', function () {
      language = language === 'id' ? 'en' : 'id';
      try { localStorage.setItem('anjungan.bahasa', language); } catch (e) { /* the choice lasts this visit only */ }
      applyLanguage();
    });
    $('periksa').addEventListener('click', function () { check($('teks-segel').value); });
    $('periksa-nik').addEventListener('click', matchNik);
    $('nik').addEventListener('keydown', function (e) { if (e.key === 'Enter') matchNik(); });
    $('pindai').addEventListener('click', startCamera);
    $('tutup-kamera').addEventListener('click', stopCamera);
    window.addEventListener('hashchange', checkFragment);
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/v/sw.js', { scope: '/v' }).catch(function () { /* online use still works */ });
    }
    refreshLists().then(checkFragment).then(function () {
      document.body.setAttribute('data-siap', '1');
    });
  }

  start();
}());
