#include "sealverifier.h"

#include "crypto.h"
#include "idformat.h"
#include "seal.h"
#include "sealverification.h"
#include "trustcache.h"

namespace kiosk {

using namespace serverlink::seal;

namespace {

constexpr qint64 kMaxLetterBytes = 64 * 1024 * 1024;

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

// The technician's log is in Bahasa Indonesia whatever the screen shows.
QString indonesianWord(SealVerdict::Status status)
{
    switch (status) {
    case SealVerdict::Genuine:
        return verdictLabel(Verdict::Asli);
    case SealVerdict::Revoked:
        return verdictLabel(Verdict::Dicabut);
    case SealVerdict::Unknown:
        return verdictLabel(Verdict::TidakDikenal);
    case SealVerdict::Invalid:
        break;
    }
    return verdictLabel(Verdict::TidakValid);
}

} // namespace

SealVerifier::SealVerifier(const TrustCache &cache, int maxListAgeDays, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_maxListAgeDays(maxListAgeDays)
{ }

QString SealVerdict::word() const
{
    switch (status) {
    case Genuine:
        return tr("ASLI");
    case Revoked:
        return tr("DICABUT");
    case Unknown:
        return tr("TIDAK DIKENAL");
    case Invalid:
        break;
    }
    return tr("TIDAK VALID");
}

QString SealVerdict::meaning() const
{
    switch (status) {
    case Genuine:
        return tr("Surat asli dan tidak dicabut.");
    case Revoked:
        return tr("Kantor telah mencabut surat ini; surat tidak berlaku lagi.");
    case Unknown:
        if (clockWrong)
            return tr("Jam anjungan salah (lebih awal dari daftar kunci terakhir); surat belum dapat diperiksa. Hubungi teknisi.");
        return tr("Anjungan tidak dapat memeriksa surat ini: kunci tanda tangannya tidak dikenal atau daftar kunci sudah terlalu lama.");
    case Invalid:
        break;
    }
    return tr("Segel tidak cocok dengan surat; surat mungkin palsu atau rusak.");
}

SealVerdict SealVerifier::verify(const QString &text) const
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
    SealVerdict out;
    out.known = true;
    switch (v.verdict) {
    case Verdict::Asli:
        out.status = SealVerdict::Genuine;
        break;
    case Verdict::Dicabut:
        out.status = SealVerdict::Revoked;
        break;
    case Verdict::TidakDikenal:
        out.status = SealVerdict::Unknown;
        break;
    case Verdict::TidakValid:
        out.status = SealVerdict::Invalid;
        break;
    }
    out.reason = v.reason;
    out.statusPer = v.statusPer.isValid() ? v.statusPer.toString(QStringLiteral("dd-MM-yyyy")) : QString();
    out.expired = v.expired;
    out.clockWrong = v.clockWrong;
    if (v.fields && v.key) {
        out.nomor = v.fields->nomorSurat;
        out.jenis = documentTypeName(v.fields->documentType);
        out.nama = v.fields->holderName;
        out.kantor = v.key->officeName;
        out.tanggal = serverlink::idformat::date(v.fields->issued);
        out.berlakuSampai = serverlink::idformat::date(v.fields->validUntil);
        out.penandatangan = v.key->signer;
    }
    return out;
}

std::optional<SealFields> SealVerifier::signedFields(const QString &text) const
{
    const auto parsed = SealCodec::parse(text);
    if (!parsed || !verify(text).signatureGood())
        return std::nullopt;
    return parsed.value().fields;
}

bool SealVerifier::checkNik(const QString &text, const QString &nik) const
{
    const auto fields = signedFields(text);
    return fields && serverlink::seal::SealVerifier::nikMatches(*fields, nik);
}

LetterCheck SealVerifier::verifyLetter(const QByteArray &pdf, const QString &expectedSha256) const
{
    LetterCheck check;
    if (pdf.isEmpty() || pdf.size() > kMaxLetterBytes) {
        check.problem = QStringLiteral("Berkas surat tidak dapat dibaca.");
        return check;
    }
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
    // Stale lists leave a good signature TIDAK DIKENAL: that letter still prints.
    const bool printable
        = check.seal.status == SealVerdict::Genuine || (check.seal.status == SealVerdict::Unknown && check.seal.signatureGood());
    if (!printable) {
        check.problem = QStringLiteral("Segel surat %1: %2 Surat tidak dicetak.").arg(indonesianWord(check.seal.status), check.seal.reason);
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
