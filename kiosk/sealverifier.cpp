#include "sealverifier.h"

#include "crypto.h"
#include "seal.h"
#include "sealverification.h"
#include "trustcache.h"

#include <QFile>
#include <QLocale>

namespace kiosk {

using namespace serverlink::seal;

namespace {

constexpr qint64 kMaxLetterBytes = 64 * 1024 * 1024;

QString indonesianDate(const QDate &d)
{
    return d.isValid() ? QLocale(QLocale::Indonesian, QLocale::Indonesia).toString(d, QStringLiteral("d MMMM yyyy")) : QString();
}

/// Text between <tag> and </tag> in the PDF's XMP packet; empty when absent.
QByteArray xmpValue(const QByteArray &pdf, const QByteArray &tag)
{
    const QByteArray open = "<" + tag + ">";
    const qsizetype start = pdf.indexOf(open);
    if (start < 0)
        return {};
    const qsizetype end = pdf.indexOf("</" + tag + ">", start);
    return end < 0 ? QByteArray() : pdf.mid(start + open.size(), end - start - open.size());
}

} // namespace

SealVerifier::SealVerifier(const TrustCache &cache, int maxListAgeDays, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_maxListAgeDays(maxListAgeDays)
{ }

QVariantMap SealVerifier::verify(const QString &text) const
{
    const auto trust = m_cache.trustList();
    Verification v;
    if (!trust) {
        const auto parsed = SealCodec::parse(text);
        v.verdict = parsed ? Verdict::TidakDikenal : Verdict::TidakValid;
        v.reason = parsed ? QStringLiteral("Daftar kunci segel belum diterima dari server; surat belum dapat diperiksa.")
                          : parseErrorMessage(parsed.error());
    } else {
        v = serverlink::seal::SealVerifier(*trust, m_cache.revocations(), m_maxListAgeDays).verify(text);
    }
    QVariantMap map {{QStringLiteral("verdict"), verdictLabel(v.verdict).replace(QLatin1Char(' '), QLatin1Char('_'))},
        {QStringLiteral("verdictLabel"), verdictLabel(v.verdict)}, {QStringLiteral("reason"), v.reason},
        {QStringLiteral("statusPer"), v.statusPer.isValid() ? v.statusPer.toString(QStringLiteral("dd-MM-yyyy")) : QString()},
        {QStringLiteral("kedaluwarsa"), v.expired}};
    // Decoded fields are shown only when the signature matched: unsigned text is not repeated to people.
    if (v.fields && v.key) {
        map.insert(QStringLiteral("nomor"), v.fields->nomorSurat);
        map.insert(QStringLiteral("jenis"), documentTypeName(v.fields->documentType));
        map.insert(QStringLiteral("nama"), v.fields->holderName);
        map.insert(QStringLiteral("kantor"), v.key->officeName);
        map.insert(QStringLiteral("tanggal"), indonesianDate(v.fields->issued));
        map.insert(QStringLiteral("berlakuSampai"), indonesianDate(v.fields->validUntil));
        map.insert(QStringLiteral("penandatangan"), v.key->signer);
    }
    return map;
}

bool SealVerifier::checkNik(const QString &text, const QString &nik) const
{
    const QVariantMap result = verify(text);
    const auto parsed = SealCodec::parse(text);
    return parsed && result.contains(QStringLiteral("nomor")) && serverlink::seal::SealVerifier::nikMatches(parsed.value().fields, nik);
}

LetterCheck SealVerifier::verifyLetterFile(const QString &pdfPath, const QString &expectedSha256) const
{
    LetterCheck check;
    QFile file(pdfPath);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxLetterBytes) {
        check.problem = QStringLiteral("Berkas surat %1 tidak dapat dibaca.").arg(pdfPath);
        return check;
    }
    const QByteArray pdf = file.readAll();
    if (QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex()) != expectedSha256.trimmed().toLower()) {
        check.problem = QStringLiteral("Berkas surat berbeda dari yang dikirim server (hash tidak cocok); surat tidak dicetak.");
        return check;
    }
    const QString sealText = QString::fromLatin1(xmpValue(pdf, "anjungan:seal"));
    const auto canonical = QByteArray::fromBase64Encoding(xmpValue(pdf, "anjungan:canonicalText"), QByteArray::AbortOnBase64DecodingErrors);
    if (sealText.isEmpty() || !canonical) {
        check.problem = QStringLiteral("Surat tidak memuat segel; surat tidak dicetak.");
        return check;
    }
    check.seal = verify(sealText);
    const QString verdict = check.seal.value(QStringLiteral("verdict")).toString();
    const bool signatureGood = check.seal.contains(QStringLiteral("nomor"));
    if (!(verdict == QLatin1String("ASLI") || (verdict == QLatin1String("TIDAK_DIKENAL") && signatureGood))) {
        check.problem
            = QStringLiteral("Segel surat %1: %2 Surat tidak dicetak.")
                  .arg(check.seal.value(QStringLiteral("verdictLabel")).toString(), check.seal.value(QStringLiteral("reason")).toString());
        return check;
    }
    const auto parsed = SealCodec::parse(sealText);
    const QString text = QString::fromUtf8(canonical.decoded);
    if (!parsed || canonicalText(text) != canonical.decoded || documentHash(text) != parsed.value().fields.documentHash) {
        check.problem = QStringLiteral("Isi surat tidak cocok dengan segelnya; surat tidak dicetak.");
        return check;
    }
    check.ok = true;
    return check;
}

} // namespace kiosk
