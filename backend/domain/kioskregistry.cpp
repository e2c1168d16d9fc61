#include "kioskregistry.h"

#include "crypto.h"

#include <QRegularExpression>

namespace backend {

namespace {

// Crockford base32: no I, L, O, U, so a code read aloud or typed is unambiguous.
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kCodeBytes = 10; // 80 bits → 16 characters
constexpr int kCodeLength = 16;
constexpr int kGroup = 4;
constexpr int kMaxCsrBytes = 16 * 1024;

QString hashOf(const QString &normalised)
{
    return QString::fromLatin1(serverlink::crypto::sha256(normalised.toLatin1()).toHex());
}

QString encodeCode(const QByteArray &bytes)
{
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | uchar(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.append(QLatin1Char(kAlphabet[(buffer >> bits) & 0x1f]));
        }
    }
    return out;
}

EnrollmentRefusal refusal(int status, const char *code, const QString &message)
{
    return EnrollmentRefusal {status, QString::fromLatin1(code), message};
}

/// The answer to a CSR the kiosk CA will not sign, at enrollment and at renewal alike.
EnrollmentRefusal csrRefusal(CsrProblem problem)
{
    switch (problem) {
    case CsrProblem::WrongKeyType:
        return refusal(400, "csr_key_type", QStringLiteral("CSR harus memuat kunci EC P-256."));
    case CsrProblem::BadSignature:
        return refusal(400, "csr_signature", QStringLiteral("Tanda tangan CSR tidak sah."));
    case CsrProblem::Unreadable:
        break;
    }
    return refusal(400, "invalid_csr", QStringLiteral("CSR bukan PEM PKCS#10 yang sah."));
}

} // namespace

KioskRegistry::KioskRegistry(BackendStore &store, std::optional<KioskCa> ca)
    : m_store(store)
    , m_ca(std::move(ca))
{ }

QString KioskRegistry::normaliseCode(const QString &typed)
{
    QString out;
    for (QChar c : typed.toUpper()) {
        if (c == QLatin1Char('-') || c.isSpace())
            continue;
        if (c == QLatin1Char('O'))
            c = QLatin1Char('0');
        else if (c == QLatin1Char('I') || c == QLatin1Char('L'))
            c = QLatin1Char('1');
        out.append(c);
    }
    return out;
}

bool KioskRegistry::isValidKioskId(const QString &kioskId)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(kioskId).hasMatch();
}

Result<EnrollmentCode> KioskRegistry::createCode(
    const QString &desaCode, const QString &kioskId, std::chrono::seconds lifetime, const QDateTime &now)
{
    if (!isValidKioskId(kioskId))
        return Error {ErrorCode::Io, QStringLiteral("ID anjungan hanya boleh huruf, angka, '.', '_' dan '-' (maksimal 64).")};
    const QString code = encodeCode(serverlink::crypto::randomBytes(kCodeBytes));
    const EnrollmentCodeRecord record {hashOf(code), kioskId, desaCode, now, now.addSecs(lifetime.count()), {}};
    if (auto stored = m_store.insertEnrollmentCode(record); !stored)
        return stored.error();
    QStringList groups;
    for (int i = 0; i < code.size(); i += kGroup)
        groups.append(code.mid(i, kGroup));
    return EnrollmentCode {groups.join(QLatin1Char('-')), kioskId, desaCode, record.expiresAt};
}

serverlink::Expected<KioskCertificate, EnrollmentRefusal> KioskRegistry::enroll(const QString &typedCode, const QByteArray &csrPem)
{
    if (!m_ca)
        return refusal(503, "enrollment_disabled",
            QStringLiteral("Server ini belum dapat mendaftarkan anjungan (kunci CA anjungan tidak dipasang). Hubungi admin kecamatan."));
    const QString code = normaliseCode(typedCode);
    const auto invalidCode = refusal(403, "enrollment_code_invalid",
        QStringLiteral("Kode pendaftaran tidak dikenal. Periksa kembali kode dari admin kecamatan atau minta kode baru."));
    if (code.size() != kCodeLength)
        return invalidCode;
    if (csrPem.size() > kMaxCsrBytes)
        return refusal(400, "invalid_csr", QStringLiteral("CSR terlalu besar."));
    const auto record = m_store.enrollmentCode(hashOf(code));
    if (!record)
        return refusal(500, "storage", QStringLiteral("Pendaftaran belum dapat diproses. Coba lagi sebentar lagi."));
    if (!record.value())
        return invalidCode;
    const EnrollmentCodeRecord &entry = *record.value();
    const auto codeRefusal = [&invalidCode](EnrollmentOutcome outcome) {
        if (outcome == EnrollmentOutcome::CodeExpired)
            return refusal(403, "enrollment_code_expired",
                QStringLiteral("Kode pendaftaran sudah kedaluwarsa. Minta kode baru kepada admin kecamatan."));
        if (outcome == EnrollmentOutcome::CodeUsed)
            return refusal(403, "enrollment_code_used",
                QStringLiteral("Kode pendaftaran sudah pernah dipakai. Setiap kode hanya berlaku sekali; minta kode baru."));
        return invalidCode;
    };
    // The CA signs nothing for a used or expired code; completeEnrollment below stays the single-use decision.
    if (entry.usedAt.isValid())
        return codeRefusal(EnrollmentOutcome::CodeUsed);
    if (entry.expiresAt <= QDateTime::currentDateTimeUtc())
        return codeRefusal(EnrollmentOutcome::CodeExpired);

    const auto signedCertificate = m_ca->sign(csrPem, entry.kioskId, entry.desaCode);
    if (!signedCertificate) {
        return csrRefusal(signedCertificate.error());
    }
    const KioskCertificate &certificate = signedCertificate.value();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const KioskRecord kiosk {entry.kioskId, entry.desaCode, certificate.serialHex, certificate.fingerprint, certificate.notAfter,
        QStringLiteral("active"), now, {}};
    const auto done = m_store.completeEnrollment(hashOf(code), kiosk, now);
    if (!done)
        return refusal(500, "storage", QStringLiteral("Pendaftaran belum dapat disimpan. Coba lagi sebentar lagi."));
    if (done.value() == EnrollmentOutcome::Enrolled)
        return certificate;
    return codeRefusal(done.value());
}

serverlink::Expected<KioskRecord, KioskRejection> KioskRegistry::authenticate(
    const QString &kioskId, const QString &desaCode, const QString &fingerprint, bool expired)
{
    const auto found = m_store.kiosk(kioskId);
    if (!found)
        return KioskRejection {500, QStringLiteral("storage"), QStringLiteral("Daftar anjungan tidak dapat dibaca.")};
    if (!found.value())
        return KioskRejection {403, QStringLiteral("kiosk_unknown"),
            QStringLiteral("Anjungan %1 belum terdaftar. Minta kode pendaftaran kepada admin kecamatan, lalu jalankan "
                           "'kioskctl enroll --code KODE'.")
                .arg(kioskId)};
    const KioskRecord &kiosk = *found.value();
    if (kiosk.status != QLatin1String("active"))
        return KioskRejection {403, QStringLiteral("kiosk_revoked"),
            QStringLiteral("Anjungan %1 telah dicabut oleh admin kecamatan. Hubungi admin kecamatan untuk pendaftaran ulang.")
                .arg(kioskId)};
    const auto replaced = KioskRejection {403, QStringLiteral("certificate_replaced"),
        QStringLiteral("Sertifikat ini sudah diganti (pendaftaran ulang atau pembaruan) untuk anjungan %1 dan tidak berlaku lagi. "
                       "Pakai sertifikat terbaru atau daftarkan ulang anjungan.")
            .arg(kioskId)};
    if (kiosk.certFingerprint != fingerprint) {
        // The predecessor of a renewed certificate, while the kiosk may not have the answer yet.
        const auto renewal = m_store.renewal(fingerprint, kiosk.certFingerprint);
        if (!renewal)
            return KioskRejection {500, QStringLiteral("storage"), QStringLiteral("Daftar anjungan tidak dapat dibaca.")};
        const bool inGrace
            = renewal.value() && !renewal.value()->firstUsedAt.isValid() && renewal.value()->graceUntil > QDateTime::currentDateTimeUtc();
        if (!inGrace)
            return replaced;
    } else {
        noteUsed(fingerprint);
    }
    if (kiosk.desaCode != desaCode)
        return KioskRejection {
            403, QStringLiteral("desa_mismatch"), QStringLiteral("Kode desa pada sertifikat tidak sesuai dengan daftar anjungan.")};
    if (expired)
        return KioskRejection {403, QStringLiteral("certificate_expired"),
            QStringLiteral("Sertifikat kedaluwarsa: daftar ulang dengan kode baru. Minta kode pendaftaran kepada admin kecamatan, "
                           "lalu jalankan 'kioskctl enroll --code KODE'.")};
    return kiosk;
}

void KioskRegistry::noteUsed(const QString &fingerprint)
{
    {
        std::lock_guard lock(m_usedMutex);
        if (m_used.contains(fingerprint))
            return;
    }
    // A failed write only delays the end of the grace to the next request.
    if (m_store.markRenewalUsed(fingerprint, QDateTime::currentDateTimeUtc())) {
        std::lock_guard lock(m_usedMutex);
        m_used.insert(fingerprint);
    }
}

serverlink::Expected<RenewedCertificate, EnrollmentRefusal> KioskRegistry::renew(
    const PresentedCertificate &presented, const QByteArray &csrPem, const QDateTime &now)
{
    if (!m_ca)
        return refusal(503, "renewal_disabled",
            QStringLiteral("Server ini belum dapat memperbarui sertifikat anjungan (kunci CA anjungan tidak dipasang). Hubungi admin "
                           "kecamatan."));
    if (csrPem.size() > kMaxCsrBytes)
        return refusal(400, "invalid_csr", QStringLiteral("CSR terlalu besar."));
    const auto accepted = authenticate(presented.kioskId, presented.desaCode, presented.fingerprint, presented.expired);
    if (!accepted)
        return EnrollmentRefusal {accepted.error().httpStatus, accepted.error().errorCode, accepted.error().message};
    const KioskRecord &kiosk = accepted.value();
    const QString csrHash = QString::fromLatin1(serverlink::crypto::sha256(csrPem).toHex());
    QString oldSerial = kiosk.certSerial;
    if (presented.fingerprint != kiosk.certFingerprint) {
        const auto earlier = m_store.renewal(presented.fingerprint, kiosk.certFingerprint);
        if (!earlier || !earlier.value())
            return refusal(500, "storage", QStringLiteral("Pembaruan belum dapat diproses. Coba lagi sebentar lagi."));
        // The answer was lost: the same CSR gets the same certificate again, not a second one.
        if (earlier.value()->csrSha256 == csrHash) {
            auto again = KioskCa::inspect(earlier.value()->certificatePem);
            if (!again)
                return refusal(500, "storage", QStringLiteral("Sertifikat yang sudah diterbitkan tidak dapat dibaca."));
            return RenewedCertificate {again.value(), true};
        }
        oldSerial = earlier.value()->oldSerial;
    }
    if (KioskCa::csrReusesKey(csrPem, presented.der))
        return refusal(
            400, "csr_key_reused", QStringLiteral("Pembaruan sertifikat memerlukan pasangan kunci baru, bukan kunci yang sama."));
    const auto signedCertificate = m_ca->sign(csrPem, kiosk.kioskId, kiosk.desaCode);
    if (!signedCertificate) {
        return csrRefusal(signedCertificate.error());
    }
    const KioskCertificate &c = signedCertificate.value();
    const KioskRenewalRecord record {kiosk.kioskId, oldSerial, presented.fingerprint, c.serialHex, c.fingerprint, c.notAfter, csrHash,
        c.pem, now, now.addSecs(std::chrono::duration_cast<std::chrono::seconds>(kRenewalGrace).count()), {}};
    const auto stored = m_store.completeRenewal(record, kiosk.certFingerprint);
    if (!stored)
        return refusal(500, "storage", QStringLiteral("Pembaruan belum dapat disimpan. Coba lagi sebentar lagi."));
    if (stored.value() == RenewalOutcome::CurrentChanged)
        return refusal(409, "renewal_conflict",
            QStringLiteral("Sertifikat anjungan berubah selama pembaruan (pembaruan lain atau pendaftaran ulang). Coba lagi."));
    return RenewedCertificate {c, false};
}

Result<KioskRecord> KioskRegistry::registerCertificate(const QByteArray &certificatePem)
{
    const auto certificate = KioskCa::inspect(certificatePem);
    if (!certificate)
        return certificate.error();
    const KioskCertificate &c = certificate.value();
    if (!isValidKioskId(c.kioskId) || c.desaCode.isEmpty())
        return Error {ErrorCode::Io, QStringLiteral("Sertifikat tidak memuat ID anjungan (CN) dan kode desa (OU) yang sah.")};
    if (m_ca && !m_ca->issued(certificatePem))
        return Error {ErrorCode::Io, QStringLiteral("Sertifikat tidak diterbitkan oleh CA anjungan server ini.")};
    const KioskRecord kiosk {
        c.kioskId, c.desaCode, c.serialHex, c.fingerprint, c.notAfter, QStringLiteral("active"), QDateTime::currentDateTimeUtc(), {}};
    if (auto saved = m_store.saveKiosk(kiosk); !saved)
        return saved.error();
    return kiosk;
}

} // namespace backend
