#include "bulkverification.h"

#include "sealservice.h"
#include "sealsigner.h"
#include "trustlist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace backend::bulkverification {

using namespace serverlink::seal;

namespace {

QString wireVerdict(Verdict verdict)
{
    return verdictLabel(verdict).replace(QLatin1Char(' '), QLatin1Char('_'));
}

QJsonValue dayOrNull(const QDate &day)
{
    return day.isValid() ? QJsonValue(day.toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject resultJson(const Verification &v)
{
    // The letter's fields only when its signature matched a listed key: a forged seal's text is not repeated.
    const bool signedByKey = v.key.has_value() && (v.verdict == Verdict::Asli || v.verdict == Verdict::Dicabut);
    QJsonValue letter;
    QJsonValue signer;
    if (signedByKey && v.fields) {
        const SealFields &f = *v.fields;
        letter = QJsonObject {{QStringLiteral("documentType"), f.documentType},
            {QStringLiteral("documentTypeName"), documentTypeName(f.documentType)}, {QStringLiteral("office"), f.office},
            {QStringLiteral("serial"), qint64(f.serial)}, {QStringLiteral("issued"), dayOrNull(f.issued)},
            {QStringLiteral("validUntil"), dayOrNull(f.validUntil)}, {QStringLiteral("nomorSurat"), f.nomorSurat},
            {QStringLiteral("holderName"), f.holderName}, {QStringLiteral("documentHash"), QString::fromLatin1(f.documentHash.toHex())}};
        signer = QJsonObject {{QStringLiteral("kid"), QString::fromLatin1(v.key->kid.toHex())}, {QStringLiteral("office"), v.key->office},
            {QStringLiteral("officeName"), v.key->officeName}, {QStringLiteral("signer"), v.key->signer}};
    }
    return QJsonObject {{QStringLiteral("verdict"), wireVerdict(v.verdict)}, {QStringLiteral("reason"), v.reason},
        {QStringLiteral("expired"), v.expired}, {QStringLiteral("letter"), letter}, {QStringLiteral("signer"), signer}};
}

} // namespace

serverlink::Expected<QStringList, BatchError> parseBatch(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return BatchError {BatchRefusal::Malformed, QStringLiteral("Isi permintaan harus larik JSON berisi teks segel.")};
    const QJsonArray array = doc.array();
    if (array.size() > kMaxSeals)
        return BatchError {BatchRefusal::TooMany, QStringLiteral("Paling banyak %1 segel per permintaan.").arg(kMaxSeals)};
    if (array.isEmpty())
        return BatchError {BatchRefusal::Malformed, QStringLiteral("Larik segel kosong.")};
    QStringList seals;
    for (const QJsonValue &v : array) {
        if (!v.isString())
            return BatchError {BatchRefusal::Malformed, QStringLiteral("Setiap unsur larik harus teks segel.")};
        seals.append(v.toString());
    }
    return seals;
}

QByteArray verify(const SealVerifier &verifier, const QStringList &seals, const QDateTime &now)
{
    QJsonArray results;
    QDateTime statusPer;
    for (const QString &seal : seals) {
        const Verification v = verifier.verify(seal, now);
        statusPer = v.statusPer;
        results.append(resultJson(v));
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("statusPer"),
                                          statusPer.isValid() ? QJsonValue(statusPer.toUTC().toString(Qt::ISODate)) : QJsonValue()},
                             {QStringLiteral("results"), results}})
        .toJson(QJsonDocument::Compact);
}

Result<SealVerifier> currentVerifier(SealService &seals)
{
    const auto rootPem = seals.rootPublicKeyPem();
    if (!rootPem)
        return rootPem.error();
    const auto rootSpki = spkiFromPublicKey(rootPem.value());
    const auto trustRecord = seals.trustList();
    const auto revocationRecord = seals.revocationList();
    if (!trustRecord || !revocationRecord)
        return (!trustRecord ? trustRecord : revocationRecord).error();
    if (!rootSpki)
        return Error {ErrorCode::Io, rootSpki.error()};
    auto trust = TrustList::fromSigned(trustRecord.value().envelope, rootSpki.value());
    auto revocations = RevocationList::fromSigned(revocationRecord.value().envelope, rootSpki.value());
    if (!trust || !revocations)
        return Error {ErrorCode::Io, !trust ? trust.error() : revocations.error()};
    return SealVerifier(trust.value(), revocations.value());
}

} // namespace backend::bulkverification
