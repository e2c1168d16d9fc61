#pragma once

// The committed seal vectors (tests/data/seal) as a verifier sees them: vectors.json, the root-signed lists and the
// moment the vectors are verified at. For tests outside tst_seal that check every vector (e.g. bulk verification).
#include "sealsigner.h"
#include "sealverification.h"
#include "trustlist.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace sealvectors {

inline QByteArray committedFile(const QString &name)
{
    QFile f(qEnvironmentVariable("KIOSK_SOURCE_DIR") + QStringLiteral("/tests/data/seal/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QJsonObject committedVectors()
{
    return QJsonDocument::fromJson(committedFile(QStringLiteral("vectors.json"))).object();
}

/// The verifier of the committed trust and revocation lists (opened with root.pub.pem) and the vectors' list age;
/// nullopt when a file is missing or refused.
inline std::optional<serverlink::seal::SealVerifier> committedListVerifier()
{
    using namespace serverlink::seal;
    const auto root = spkiFromPublicKey(committedFile(QStringLiteral("root.pub.pem")));
    if (!root)
        return std::nullopt;
    const auto trust = TrustList::fromSigned(committedFile(QStringLiteral("trust-list.json")), root.value());
    const auto revocations = RevocationList::fromSigned(committedFile(QStringLiteral("revocations.json")), root.value());
    if (!trust || !revocations)
        return std::nullopt;
    return SealVerifier(trust.value(), revocations.value(), committedVectors().value(QStringLiteral("maxListAgeDays")).toInt(7));
}

/// When the vectors' verdicts hold.
inline QDateTime committedVerifyAt()
{
    return QDateTime::fromString(committedVectors().value(QStringLiteral("verifyAt")).toString(), Qt::ISODate);
}

} // namespace sealvectors
