#pragma once

#include <QObject>
#include <QString>
#include <QVariantMap>

namespace kiosk {

class TrustCache;

/// Result of checking a downloaded letter before it is printed.
struct LetterCheck {
    bool ok = false;
    QString problem; // Indonesian, for staff and the technician view; empty when ok
    QVariantMap seal; // the seal's verdict map (see SealVerifier::verify), when one was found
};

/// "Verifikasi Surat" for the UI and the staff print check: verifies SQ1 seals offline
/// against the trust cache. Every call reads the current cached lists.
class SealVerifier : public QObject
{
    Q_OBJECT
public:
    SealVerifier(const TrustCache &cache, int maxListAgeDays, QObject *parent = nullptr);

    /// Verdict of a scanned text, as a map for QML: verdict ("ASLI" | "DICABUT" | "TIDAK_DIKENAL" |
    /// "TIDAK_VALID"), verdictLabel ("TIDAK DIKENAL"), reason, nomor, jenis, nama, kantor, tanggal,
    /// berlakuSampai, penandatangan, statusPer (dd-MM-yyyy or empty), kedaluwarsa (bool).
    Q_INVOKABLE QVariantMap verify(const QString &text) const;
    /// Whether the NIK an officer typed is the one in the seal's NIK tag.
    Q_INVOKABLE bool checkNik(const QString &text, const QString &nik) const;
    /// Staff printing: the file's SHA-256 must be `expectedSha256` (hex, from the server), its
    /// embedded seal must verify (ASLI, or a good signature with stale lists) and its embedded
    /// canonical text must hash to the seal's document hash.
    [[nodiscard]] LetterCheck verifyLetterFile(const QString &pdfPath, const QString &expectedSha256) const;

private:
    const TrustCache &m_cache;
    int m_maxListAgeDays;
};

} // namespace kiosk
