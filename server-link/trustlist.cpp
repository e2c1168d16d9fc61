#include "trustlist.h"

#include "seal.h"
#include "sealsigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace serverlink::seal {

namespace {

const QString kTrustType = QStringLiteral("SQ1-TRUST-LIST");
const QString kRevocationType = QStringLiteral("SQ1-REVOCATION-LIST");
const QString kDelegationType = QStringLiteral("SQ1-LIST-SIGNER");
const QString kNextRootType = QStringLiteral("SQ1-NEXT-ROOT");
constexpr int kMaxEnvelopeBytes = 4 * 1024 * 1024;

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

std::optional<QDateTime> parseTime(const QJsonValue &v)
{
    const QString s = v.toString();
    if (!s.endsWith(QLatin1Char('Z')))
        return std::nullopt;
    const QDateTime t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    return t.toUTC();
}

std::optional<QDate> parseDate(const QJsonValue &v)
{
    const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
    if (!d.isValid() || v.toString().size() != 10)
        return std::nullopt;
    return d;
}

std::optional<KeyStatus> statusFromWire(const QString &s)
{
    if (s == QLatin1String("active"))
        return KeyStatus::Active;
    if (s == QLatin1String("retired"))
        return KeyStatus::Retired;
    if (s == QLatin1String("revoked"))
        return KeyStatus::Revoked;
    return std::nullopt;
}

/// Strict base64 (standard alphabet, padded): nullopt unless it re-encodes to the same text.
std::optional<QByteArray> strictBase64(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    const QByteArray text = v.toString().toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != text)
        return std::nullopt;
    return decoded.decoded;
}

std::optional<QByteArray> strictHex(const QJsonValue &v, int bytes)
{
    const QString s = v.toString();
    if (s.size() != 2 * bytes)
        return std::nullopt;
    for (const QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return std::nullopt;
    return QByteArray::fromHex(s.toLatin1());
}

/// Header fields common to both lists: type, version 1, sequence, issuedAt.
std::optional<QString> checkHeader(const QJsonObject &o, const QString &type, quint64 *sequence, QDateTime *issuedAt)
{
    if (o.value(QStringLiteral("type")).toString() != type || o.value(QStringLiteral("version")).toInt() != 1)
        return QStringLiteral("Jenis atau versi daftar tidak dikenal (harus %1 versi 1).").arg(type);
    const QJsonValue seq = o.value(QStringLiteral("sequence"));
    const auto at = parseTime(o.value(QStringLiteral("issuedAt")));
    if (!seq.isDouble() || seq.toDouble() < 0 || seq.toDouble() != double(seq.toInteger()) || !at)
        return QStringLiteral("Nomor urut atau waktu terbit daftar tidak sah.");
    *sequence = quint64(seq.toInteger());
    *issuedAt = *at;
    return std::nullopt;
}

std::optional<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

/// A P-256 SPKI in strict base64 under "spki".
std::optional<QByteArray> spkiField(const QJsonObject &o)
{
    const auto spki = strictBase64(o.value(QStringLiteral("spki")));
    if (!spki || !spkiFromPublicKey(*spki))
        return std::nullopt;
    return spki;
}

bool isType(const QJsonObject &o, const QString &type)
{
    return o.value(QStringLiteral("type")).toString() == type && o.value(QStringLiteral("version")).toInt() == 1;
}

/// The payload of an envelope object signed directly by one of `roots`, and which root signed it.
Expected<std::pair<QByteArray, QByteArray>, QString> openDirect(const QJsonObject &o, const QList<QByteArray> &roots)
{
    const auto payload = strictBase64(o.value(QStringLiteral("payload")));
    const auto signature = strictBase64(o.value(QStringLiteral("signature")));
    if (!payload || !signature || signature->size() != kSignatureSize)
        return QStringLiteral("Daftar bertanda tangan tidak lengkap.");
    for (const QByteArray &root : roots)
        if (verifyEs256(root, *payload, *signature))
            return std::pair {*payload, root};
    return QStringLiteral("Tanda tangan daftar tidak cocok dengan kunci induk yang dipasang; daftar ditolak.");
}

} // namespace

bool TrustedKey::covers(const QDate &day) const
{
    return day.isValid() && validFrom.isValid() && day >= validFrom && (validUntil.isNull() || day <= validUntil);
}

QString keyStatusToWire(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Active:
        return QStringLiteral("active");
    case KeyStatus::Retired:
        return QStringLiteral("retired");
    case KeyStatus::Revoked:
        return QStringLiteral("revoked");
    }
    return {};
}

QByteArray TrustList::toPayload() const
{
    QJsonArray array;
    for (const TrustedKey &k : keys)
        array.append(QJsonObject {{QStringLiteral("kid"), QString::fromLatin1(k.kid.toHex())}, {QStringLiteral("office"), k.office},
            {QStringLiteral("officeName"), k.officeName}, {QStringLiteral("signer"), k.signer}, {QStringLiteral("alg"), k.alg},
            {QStringLiteral("spki"), QString::fromLatin1(k.spki.toBase64())},
            {QStringLiteral("validFrom"), k.validFrom.toString(Qt::ISODate)},
            {QStringLiteral("validUntil"), k.validUntil.isNull() ? QJsonValue() : QJsonValue(k.validUntil.toString(Qt::ISODate))},
            {QStringLiteral("status"), keyStatusToWire(k.status)}});
    return QJsonDocument(
        QJsonObject {{QStringLiteral("type"), kTrustType}, {QStringLiteral("version"), 1}, {QStringLiteral("sequence"), qint64(sequence)},
            {QStringLiteral("issuedAt"), isoTime(issuedAt)}, {QStringLiteral("keys"), array}})
        .toJson(QJsonDocument::Compact);
}

Expected<TrustList, QString> TrustList::fromPayload(const QByteArray &json)
{
    const auto o = parseObject(json);
    if (!o)
        return QStringLiteral("Daftar kunci bukan JSON yang sah.");
    TrustList list;
    if (auto bad = checkHeader(*o, kTrustType, &list.sequence, &list.issuedAt))
        return *bad;
    const QJsonValue keys = o->value(QStringLiteral("keys"));
    if (!keys.isArray())
        return QStringLiteral("Daftar kunci tidak berisi 'keys'.");
    for (const QJsonValue &v : keys.toArray()) {
        const QJsonObject k = v.toObject();
        TrustedKey key;
        const auto kid = strictHex(k.value(QStringLiteral("kid")), kKidSize);
        const auto spki = strictBase64(k.value(QStringLiteral("spki")));
        const auto from = parseDate(k.value(QStringLiteral("validFrom")));
        const QJsonValue untilValue = k.value(QStringLiteral("validUntil"));
        const auto until = untilValue.isNull() ? std::optional<QDate>(QDate()) : parseDate(untilValue);
        const auto status = statusFromWire(k.value(QStringLiteral("status")).toString());
        key.office = k.value(QStringLiteral("office")).toString();
        key.officeName = k.value(QStringLiteral("officeName")).toString();
        key.signer = k.value(QStringLiteral("signer")).toString();
        key.alg = k.value(QStringLiteral("alg")).toString();
        if (!kid || !spki || !from || !until || !status || !packOffice(key.office) || key.alg.isEmpty())
            return QStringLiteral("Entri kunci di daftar kunci tidak sah.");
        if (*kid != kidOf(*spki))
            return QStringLiteral("kid %1 di daftar kunci tidak sesuai dengan kuncinya.").arg(QString::fromLatin1(kid->toHex()));
        if (!until->isNull() && *until < *from)
            return QStringLiteral("Masa pakai kunci %1 tidak sah.").arg(QString::fromLatin1(kid->toHex()));
        key.kid = *kid;
        key.spki = *spki;
        key.validFrom = *from;
        key.validUntil = *until;
        key.status = *status;
        list.keys.append(key);
    }
    return list;
}

Expected<TrustList, QString> TrustList::fromSigned(const QByteArray &envelope, const QByteArray &rootSpki)
{
    auto payload = openEnvelope(envelope, rootSpki);
    if (!payload)
        return payload.error();
    return fromPayload(payload.value());
}

QList<TrustedKey> TrustList::withKid(const QByteArray &kid) const
{
    QList<TrustedKey> out;
    std::copy_if(keys.cbegin(), keys.cend(), std::back_inserter(out), [&](const TrustedKey &k) { return k.kid == kid; });
    return out;
}

QByteArray RevocationList::toPayload() const
{
    QStringList ids;
    for (const QByteArray &id : revoked)
        ids.append(QString::fromLatin1(id.toHex()));
    // Sorted, so the same set always signs the same bytes.
    ids.sort();
    return QJsonDocument(QJsonObject {{QStringLiteral("type"), kRevocationType}, {QStringLiteral("version"), 1},
                             {QStringLiteral("sequence"), qint64(sequence)}, {QStringLiteral("issuedAt"), isoTime(issuedAt)},
                             {QStringLiteral("revoked"), QJsonArray::fromStringList(ids)}})
        .toJson(QJsonDocument::Compact);
}

Expected<RevocationList, QString> RevocationList::fromPayload(const QByteArray &json)
{
    const auto o = parseObject(json);
    if (!o)
        return QStringLiteral("Daftar pencabutan bukan JSON yang sah.");
    RevocationList list;
    if (auto bad = checkHeader(*o, kRevocationType, &list.sequence, &list.issuedAt))
        return *bad;
    const QJsonValue revoked = o->value(QStringLiteral("revoked"));
    if (!revoked.isArray())
        return QStringLiteral("Daftar pencabutan tidak berisi 'revoked'.");
    for (const QJsonValue &v : revoked.toArray()) {
        const auto id = strictHex(v, kRevocationIdSize);
        if (!id)
            return QStringLiteral("Entri daftar pencabutan tidak sah.");
        list.revoked.insert(*id);
    }
    return list;
}

Expected<RevocationList, QString> RevocationList::fromSigned(const QByteArray &envelope, const QByteArray &rootSpki)
{
    auto payload = openEnvelope(envelope, rootSpki);
    if (!payload)
        return payload.error();
    return fromPayload(payload.value());
}

QByteArray ListSignerDelegation::toPayload() const
{
    return QJsonDocument(
        QJsonObject {{QStringLiteral("type"), kDelegationType}, {QStringLiteral("version"), 1},
            {QStringLiteral("sequence"), qint64(sequence)}, {QStringLiteral("kid"), QString::fromLatin1(kidOf(spki).toHex())},
            {QStringLiteral("spki"), QString::fromLatin1(spki.toBase64())}, {QStringLiteral("notBefore"), isoTime(notBefore)},
            {QStringLiteral("notAfter"), isoTime(notAfter)}})
        .toJson(QJsonDocument::Compact);
}

Expected<ListSignerDelegation, QString> ListSignerDelegation::fromPayload(const QByteArray &json)
{
    const auto o = parseObject(json);
    if (!o || !isType(*o, kDelegationType))
        return QStringLiteral("Bukan delegasi penanda tangan daftar (%1 versi 1).").arg(kDelegationType);
    ListSignerDelegation d;
    const QJsonValue seq = o->value(QStringLiteral("sequence"));
    const auto spki = spkiField(*o);
    const auto kid = strictHex(o->value(QStringLiteral("kid")), kKidSize);
    const auto from = parseTime(o->value(QStringLiteral("notBefore")));
    const auto until = parseTime(o->value(QStringLiteral("notAfter")));
    if (!seq.isDouble() || seq.toDouble() < 0 || seq.toDouble() != double(seq.toInteger()) || !spki || !kid || !from || !until
        || *kid != kidOf(*spki) || *until <= *from)
        return QStringLiteral("Delegasi penanda tangan daftar tidak sah.");
    d.sequence = quint64(seq.toInteger());
    d.spki = *spki;
    d.notBefore = *from;
    d.notAfter = *until;
    return d;
}

QByteArray NextRoot::toPayload() const
{
    return QJsonDocument(QJsonObject {{QStringLiteral("type"), kNextRootType}, {QStringLiteral("version"), 1},
                             {QStringLiteral("kid"), QString::fromLatin1(kidOf(spki).toHex())},
                             {QStringLiteral("spki"), QString::fromLatin1(spki.toBase64())}})
        .toJson(QJsonDocument::Compact);
}

Expected<NextRoot, QString> NextRoot::fromPayload(const QByteArray &json)
{
    const auto o = parseObject(json);
    const auto spki = o ? spkiField(*o) : std::nullopt;
    const auto kid = o ? strictHex(o->value(QStringLiteral("kid")), kKidSize) : std::nullopt;
    if (!o || !isType(*o, kNextRootType) || !spki || !kid || *kid != kidOf(*spki))
        return QStringLiteral("Pengumuman kunci induk berikutnya tidak sah.");
    return NextRoot {*spki};
}

QString payloadType(const QByteArray &payload)
{
    const auto o = parseObject(payload);
    return o ? o->value(QStringLiteral("type")).toString() : QString();
}

Expected<QByteArray, QString> signEnvelope(const SealSigner &signer, const QByteArray &payload, const EnvelopeAttachments &attachments)
{
    auto signature = signer.sign(payload);
    if (!signature)
        return signature.error();
    QJsonObject envelope {{QStringLiteral("payload"), QString::fromLatin1(payload.toBase64())},
        {QStringLiteral("signature"), QString::fromLatin1(signature.value().toBase64())},
        {QStringLiteral("rootKid"), QString::fromLatin1(signer.kid().toHex())}};
    for (const auto &[name, attached] :
        {std::pair {QStringLiteral("delegation"), attachments.delegation}, std::pair {QStringLiteral("nextRoot"), attachments.nextRoot}}) {
        if (attached.isEmpty())
            continue;
        const auto o = parseObject(attached);
        if (!o)
            return QStringLiteral("Lampiran %1 bukan daftar bertanda tangan.").arg(name);
        envelope.insert(name, *o);
    }
    // A delegated list names the root that certified its signer, never the signer itself.
    if (const QJsonValue delegation = envelope.value(QStringLiteral("delegation")); delegation.isObject())
        envelope.insert(QStringLiteral("rootKid"), delegation.toObject().value(QStringLiteral("rootKid")));
    return QJsonDocument(envelope).toJson(QJsonDocument::Indented);
}

Expected<OpenedEnvelope, QString> openSigned(const QByteArray &envelope, const QList<QByteArray> &rootSpkis)
{
    if (envelope.size() > kMaxEnvelopeBytes)
        return QStringLiteral("Daftar bertanda tangan terlalu besar.");
    const auto o = parseObject(envelope);
    if (!o)
        return QStringLiteral("Daftar bertanda tangan bukan JSON yang sah.");
    OpenedEnvelope opened;
    const QJsonValue nextRoot = o->value(QStringLiteral("nextRoot"));
    const QJsonValue delegation = o->value(QStringLiteral("delegation"));
    if ((!nextRoot.isUndefined() && !nextRoot.isObject()) || (!delegation.isUndefined() && !delegation.isObject()))
        return QStringLiteral("Lampiran daftar bertanda tangan tidak sah.");
    if (nextRoot.isObject())
        opened.nextRootEnvelope = QJsonDocument(nextRoot.toObject()).toJson(QJsonDocument::Compact);
    if (delegation.isUndefined()) {
        auto direct = openDirect(*o, rootSpkis);
        if (!direct)
            return direct.error();
        opened.payload = direct.value().first;
        opened.rootSpki = direct.value().second;
        return opened;
    }
    auto certified = openDirect(delegation.toObject(), rootSpkis);
    if (!certified)
        return QStringLiteral("Delegasi penanda tangan daftar ditolak: %1").arg(certified.error());
    auto d = ListSignerDelegation::fromPayload(certified.value().first);
    if (!d)
        return d.error();
    auto listed = openDirect(*o, {d.value().spki});
    if (!listed)
        return QStringLiteral("Tanda tangan daftar tidak cocok dengan kunci penanda tangan daftar yang didelegasikan; daftar ditolak.");
    const auto payload = parseObject(listed.value().first);
    const auto issuedAt = payload ? parseTime(payload->value(QStringLiteral("issuedAt"))) : std::nullopt;
    if (!issuedAt || !d.value().covers(*issuedAt))
        return QStringLiteral("Daftar terbit di luar masa delegasi kunci penanda tangan daftar (%1 s.d. %2); daftar ditolak.")
            .arg(isoTime(d.value().notBefore), isoTime(d.value().notAfter));
    opened.payload = listed.value().first;
    opened.rootSpki = certified.value().second;
    opened.delegation = d.value();
    return opened;
}

Expected<QByteArray, QString> openEnvelope(const QByteArray &envelope, const QByteArray &rootSpki)
{
    auto opened = openSigned(envelope, {rootSpki});
    if (!opened)
        return opened.error();
    return opened.value().payload;
}

Expected<NextRoot, QString> openNextRoot(const QByteArray &announcement, const QByteArray &rootSpki)
{
    const auto o = parseObject(announcement);
    if (!o || announcement.size() > kMaxEnvelopeBytes || o->contains(QStringLiteral("delegation")))
        return QStringLiteral("Pengumuman kunci induk berikutnya tidak sah.");
    auto direct = openDirect(*o, {rootSpki});
    if (!direct)
        return direct.error();
    return NextRoot::fromPayload(direct.value().first);
}

} // namespace serverlink::seal
