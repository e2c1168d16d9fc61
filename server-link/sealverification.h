#pragma once

#include "seal.h"
#include "trustlist.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace serverlink::seal {

/// What a verifier tells the person holding the letter (DESIGN §6).
enum class Verdict { Asli, Dicabut, TidakDikenal, TidakValid };

/// "ASLI", "DICABUT", "TIDAK DIKENAL", "TIDAK VALID".
[[nodiscard]] QString verdictLabel(Verdict verdict);

/// The outcome of checking one scanned seal, with the decoded fields when they could be read.
struct Verification {
    Verdict verdict = Verdict::TidakValid;
    QString reason; // one Indonesian sentence
    std::optional<SealFields> fields;
    std::optional<TrustedKey> key; // the key whose signature matched
    QDateTime statusPer; // the older of the two lists' issue times; null without lists
    bool expired = false; // ASLI, but its valid-until date has passed
    bool clockWrong = false; // TIDAK DIKENAL because now is before the newest list (a clock set back)
};

/// Checks SQ1 and SQ2 seals offline against a trust list and a revocation list (both already
/// verified against the root key). The algorithm comes from the trust list, never the QR.
class SealVerifier
{
public:
    /// The bounds of the maximum list age (seal.md §8): no setting turns the freshness check off.
    static constexpr int kMinListAgeDays = 1;
    static constexpr int kMaxListAgeDays = 30;

    /// maxListAgeDays is bounded to [kMinListAgeDays, kMaxListAgeDays].
    SealVerifier(TrustList trust, std::optional<RevocationList> revocations, int maxListAgeDays = 7);

    [[nodiscard]] Verification verify(const QString &qrText, const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    /// Whether `nik` (16 digits) is the one the seal's NIK tag was made from.
    [[nodiscard]] static bool nikMatches(const SealFields &fields, const QString &nik);

private:
    TrustList m_trust;
    std::optional<RevocationList> m_revocations;
    int m_maxListAgeDays;
};

} // namespace serverlink::seal
