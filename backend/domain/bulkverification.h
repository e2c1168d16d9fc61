#pragma once

#include "expected.h"
#include "result.h"
#include "sealverification.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace backend {

class SealService;

/// Why a batch of seals was refused as a whole: not a JSON array of strings (400), or more than kMaxSeals (413).
enum class BatchRefusal { Malformed, TooMany };

/// A refused batch: which refusal, and one sentence saying why.
struct BatchError {
    BatchRefusal refusal = BatchRefusal::Malformed;
    QString message;
};

/// Verification of many seals at once for institutions (issue #18 item 5): the verdict of each and the fields
/// the seal itself carries (never the NIK tag), with the backend's own current lists and the one C++ verifier.
namespace bulkverification {
inline constexpr int kMaxSeals = 100;
/// A seal is a few hundred characters; 100 of them in JSON stay well below this.
inline constexpr qint64 kMaxBodyBytes = 256 * 1024;
/// The seal texts of a POST /api/public/v1/verify body: a JSON array of 1 … kMaxSeals strings.
[[nodiscard]] serverlink::Expected<QStringList, BatchError> parseBatch(const QByteArray &body);
/// Each seal of `seals` checked by `verifier` at `now`, as the JSON answer (openapi.yaml, BulkVerification).
[[nodiscard]] QByteArray verify(const serverlink::seal::SealVerifier &verifier, const QStringList &seals, const QDateTime &now);
/// A verifier over the backend's signed trust and revocation lists, opened with its root key as a kiosk opens them.
[[nodiscard]] Result<serverlink::seal::SealVerifier> currentVerifier(SealService &seals);
} // namespace bulkverification

} // namespace backend
