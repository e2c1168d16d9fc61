#pragma once

#include "seal.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>
#include <optional>

namespace kiosk {

class TrustCache;

/// The verdict on one scanned seal, typed for the UI and the print gate (DESIGN §6).
/// Decoded fields are filled only when the signature matched: unsigned text is never repeated.
struct SealVerdict {
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(SealVerdict)
    Q_PROPERTY(Status status MEMBER status)
    Q_PROPERTY(bool known MEMBER known)
    Q_PROPERTY(bool genuine READ genuine)
    Q_PROPERTY(QString word READ word)
    Q_PROPERTY(QString reason MEMBER reason)
    Q_PROPERTY(QString statusPer MEMBER statusPer)
    Q_PROPERTY(bool expired MEMBER expired)
    Q_PROPERTY(bool clockWrong MEMBER clockWrong)
    Q_PROPERTY(QString nomor MEMBER nomor)
    Q_PROPERTY(QString jenis MEMBER jenis)
    Q_PROPERTY(QString nama MEMBER nama)
    Q_PROPERTY(QString kantor MEMBER kantor)
    Q_PROPERTY(QString tanggal MEMBER tanggal)
    Q_PROPERTY(QString berlakuSampai MEMBER berlakuSampai)
    Q_PROPERTY(QString penandatangan MEMBER penandatangan)

public:
    enum Status { Genuine, Revoked, Unknown, Invalid };
    Q_ENUM(Status)

    Status status = Invalid;
    /// False until a seal was checked (an empty verify screen).
    bool known = false;
    QString reason; // one Indonesian sentence from the verifier
    QString statusPer; // dd-MM-yyyy of the older list, or empty
    bool expired = false; // genuine, but its valid-until date has passed
    bool clockWrong = false; // unknown because the kiosk's clock is before the lists it holds
    QString nomor;
    QString jenis;
    QString nama;
    QString kantor;
    QString tanggal;
    QString berlakuSampai;
    QString penandatangan;

    /// ASLI, DICABUT, TIDAK DIKENAL, TIDAK VALID in the UI's language.
    [[nodiscard]] QString word() const;
    [[nodiscard]] bool genuine() const { return known && status == Genuine; }
    /// The signature matched a trusted key (the decoded fields are shown).
    [[nodiscard]] bool signatureGood() const { return !nomor.isEmpty(); }
    /// What the verdict means, in the UI's language (the verifier's own reason is Indonesian only).
    [[nodiscard]] QString meaning() const;
    bool operator==(const SealVerdict &) const = default;
};

/// Result of checking a downloaded letter before it is printed.
struct LetterCheck {
    bool ok = false;
    QString problem; // Indonesian, for staff and the technician view; empty when ok
    SealVerdict seal; // the seal's verdict, when one was found
};

/// "Verifikasi Surat" for the UI and the staff print check: verifies SQ1 and SQ2 seals offline
/// against the trust cache. Every call reads the current cached lists.
class SealVerifier : public QObject
{
    Q_OBJECT
public:
    SealVerifier(const TrustCache &cache, int maxListAgeDays, QObject *parent = nullptr);

    /// Verdict of a scanned text.
    [[nodiscard]] SealVerdict verify(const QString &text) const;
    /// Whether the NIK an officer typed is the one in the seal's NIK tag (SQ2: ~0.1 s of scrypt; see signedFields).
    [[nodiscard]] bool checkNik(const QString &text, const QString &nik) const;
    /// The fields of a seal whose signature matched a trusted key, for a NIK check on another thread
    /// (serverlink::seal::SealVerifier::nikMatches); nullopt otherwise.
    [[nodiscard]] std::optional<serverlink::seal::SealFields> signedFields(const QString &text) const;
    /// Staff printing: the letter's SHA-256 must be `expectedSha256` (hex, from the server), its
    /// embedded seal must verify (ASLI, or a good signature with stale lists) and its embedded
    /// canonical text must hash to the seal's document hash.
    [[nodiscard]] LetterCheck verifyLetter(const QByteArray &pdf, const QString &expectedSha256) const;

private:
    const TrustCache &m_cache;
    int m_maxListAgeDays;
};

} // namespace kiosk
