#include "sealverification.h"

#include "sealsigner.h"

#include <algorithm>

namespace serverlink::seal {

namespace {
/// Clock skew between a signing server and an offline kiosk that still counts as "today".
constexpr int kFutureToleranceDays = 1;
/// A list issued later than now by more than this means the verifier's clock is behind (rolled back).
constexpr qint64 kClockSkewSeconds = 10 * 60;

quint8 algorithmCode(const QString &alg)
{
    return alg == QLatin1String("ES256") ? kAlgEs256 : 0;
}

QString day(const QDate &d)
{
    return d.toString(QStringLiteral("dd-MM-yyyy"));
}
} // namespace

QString verdictLabel(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Asli:
        return QStringLiteral("ASLI");
    case Verdict::Dicabut:
        return QStringLiteral("DICABUT");
    case Verdict::TidakDikenal:
        return QStringLiteral("TIDAK DIKENAL");
    case Verdict::TidakValid:
        return QStringLiteral("TIDAK VALID");
    }
    return {};
}

SealVerifier::SealVerifier(TrustList trust, std::optional<RevocationList> revocations, int maxListAgeDays)
    : m_trust(std::move(trust))
    , m_revocations(std::move(revocations))
    , m_maxListAgeDays(std::clamp(maxListAgeDays, kMinListAgeDays, kMaxListAgeDays))
{ }

bool SealVerifier::nikMatches(const SealFields &fields, const QString &nik)
{
    const auto tag = nikTag(fields.version, fields.office, fields.serial, nik.trimmed());
    return tag && *tag == fields.nikTag;
}

Verification SealVerifier::verify(const QString &qrText, const QDateTime &now) const
{
    Verification v;
    v.statusPer = m_trust.issuedAt;
    if (m_revocations && m_revocations->issuedAt.isValid())
        v.statusPer = std::min(v.statusPer, m_revocations->issuedAt);

    const auto parsed = SealCodec::parse(qrText);
    if (!parsed) {
        v.verdict = Verdict::TidakValid;
        v.reason = parseErrorMessage(parsed.error());
        return v;
    }
    const ParsedSeal &seal = parsed.value();
    v.fields = seal.fields;

    const QList<TrustedKey> candidates = m_trust.withKid(seal.fields.kid);
    if (candidates.isEmpty()) {
        v.verdict = Verdict::TidakDikenal;
        v.reason = QStringLiteral("Kunci penandatangan surat ini tidak ada di daftar kunci (status per %1).").arg(day(v.statusPer.date()));
        return v;
    }
    // A 4-byte kid can collide: every key with this kid is tried, with the algorithm the trust list gives it.
    // SQ2 accepts only the low-S form of a signature, so a seal has exactly one valid signature per key.
    const bool signatureForm = seal.fields.version == kVersionSq1 || isLowS(seal.signature);
    const auto verifies = [&](const TrustedKey &k) {
        const quint8 alg = algorithmCode(k.alg);
        return signatureForm && alg != 0 && alg == seal.fields.algorithm && verifyEs256(k.spki, seal.body, seal.signature);
    };
    // A key listed for several offices: the entry of the seal's own office wins.
    auto match = std::find_if(
        candidates.cbegin(), candidates.cend(), [&](const TrustedKey &k) { return k.office == seal.fields.office && verifies(k); });
    if (match == candidates.cend())
        match = std::find_if(candidates.cbegin(), candidates.cend(), verifies);
    if (match == candidates.cend()) {
        v.verdict = Verdict::TidakValid;
        v.reason = signatureForm ? QStringLiteral("Tanda tangan segel tidak cocok: isi surat telah diubah atau segel palsu.")
                                 : QStringLiteral("Tanda tangan segel SQ2 tidak dalam bentuk baku (s rendah): segel telah diubah.");
        return v;
    }
    v.key = *match;
    if (match->office != seal.fields.office) {
        v.verdict = Verdict::TidakValid;
        v.reason = QStringLiteral("Segel ditandatangani dengan kunci kantor lain.");
        return v;
    }
    if (!match->covers(seal.fields.issued)) {
        v.verdict = Verdict::TidakValid;
        v.reason = QStringLiteral("Tanggal surat %1 di luar masa pakai kunci penandatangan.").arg(day(seal.fields.issued));
        return v;
    }
    if (seal.fields.issued > now.toUTC().date().addDays(kFutureToleranceDays)) {
        v.verdict = Verdict::TidakValid;
        v.reason = QStringLiteral("Tanggal surat %1 belum tiba.").arg(day(seal.fields.issued));
        return v;
    }
    if (match->status == KeyStatus::Revoked) {
        v.verdict = Verdict::Dicabut;
        v.reason = QStringLiteral("Kunci penandatangan surat ini telah dicabut (status per %1).").arg(day(v.statusPer.date()));
        return v;
    }
    const auto id = revocationId(seal.fields.office, seal.fields.serial);
    if (m_revocations && id && m_revocations->revoked.contains(*id)) {
        v.verdict = Verdict::Dicabut;
        v.reason = QStringLiteral("Surat ini telah dicabut oleh kantor penerbit (status per %1).").arg(day(v.statusPer.date()));
        return v;
    }
    // The newest list seen bounds the clock from below: a clock set back cannot make old lists look fresh.
    const QDateTime newest = m_revocations ? std::max(m_trust.issuedAt, m_revocations->issuedAt) : m_trust.issuedAt;
    if (newest.isValid() && newest.addSecs(-kClockSkewSeconds) > now.toUTC()) {
        v.verdict = Verdict::TidakDikenal;
        v.clockWrong = true;
        v.reason = QStringLiteral("Tanda tangan cocok, tetapi jam anjungan salah: sekarang %1, padahal daftar kunci terbit %2. "
                                  "Betulkan jam lalu periksa lagi.")
                       .arg(now.toUTC().toString(QStringLiteral("dd-MM-yyyy HH:mm")), newest.toString(QStringLiteral("dd-MM-yyyy HH:mm")));
        return v;
    }
    const bool stale = !m_revocations || !v.statusPer.isValid() || v.statusPer.addDays(m_maxListAgeDays) < now.toUTC();
    if (stale) {
        v.verdict = Verdict::TidakDikenal;
        v.reason = m_revocations ? QStringLiteral("Tanda tangan cocok, tetapi daftar kunci dan pencabutan sudah lama (status per %1); "
                                                  "hubungkan anjungan ke server lalu periksa lagi.")
                                       .arg(day(v.statusPer.date()))
                                 : QStringLiteral("Tanda tangan cocok, tetapi daftar pencabutan belum tersedia.");
        return v;
    }
    v.verdict = Verdict::Asli;
    v.expired = !seal.fields.validUntil.isNull() && seal.fields.validUntil < now.toUTC().date();
    v.reason = v.expired ? QStringLiteral("Surat asli, tetapi masa berlakunya berakhir %1 (status per %2).")
                               .arg(day(seal.fields.validUntil), day(v.statusPer.date()))
                         : QStringLiteral("Surat asli dan tidak dicabut (status per %1).").arg(day(v.statusPer.date()));
    return v;
}

} // namespace serverlink::seal
