#pragma once

#include <QByteArray>
#include <QString>

namespace devices {

/// What a scanned payload is, as far as the kiosk cares.
enum class PayloadKind {
    Nik, ///< A 16-digit NIK, bare or found inside a longer payload (e.g. a KTP QR).
    TicketQr, ///< The kiosk's own ticket QR: "ADT1:" + 22 base64url characters.
    LetterSeal, ///< A letter seal: "SQ1:" + base45 text, or an SQ2 "https://…#SQ2" + digits.
    StaffCard, ///< A front-office staff card: "ADSTAFF1:" + the card secret (checked by kiosk::StaffDirectory).
    ComplaintSlip, ///< A complaint slip's QR: "ADPGD1:" + complaint number + "." + token (serverlink::complaintqr).
    Unknown, ///< Readable text that is none of the above.
};

/// Why a payload was refused before it could reach any form.
enum class PayloadRejection {
    None,
    Empty,
    TooLong,
    ControlCharacters,
    InvalidText,
};

/// The verdict on one scan; when rejected, `message` says so politely in Bahasa Indonesia.
struct [[nodiscard]] PayloadClassification {
    PayloadKind kind = PayloadKind::Unknown;
    PayloadRejection rejection = PayloadRejection::None;
    /// The payload without surrounding whitespace or scanner terminators (empty when rejected).
    QString text;
    /// The 16 digits for PayloadKind::Nik.
    QString nik;
    /// The 22-character token for PayloadKind::TicketQr.
    QString ticketToken;
    /// For PayloadKind::ComplaintSlip: the complaint number ("PGD-XXXXX-XXXXX") and the slip's token.
    QString complaintNumber;
    QString complaintToken;
    /// For the citizen: why the scan was refused or not recognised; empty for a usable payload.
    QString message;

    [[nodiscard]] bool accepted() const { return rejection == PayloadRejection::None; }
};

/// Sorts scanner output into NIK / ticket QR / letter seal / staff card / complaint slip / unknown and refuses garbage.
class PayloadClassifier
{
public:
    /// Payloads longer than this many UTF-8 bytes are refused.
    static constexpr int kMaxPayloadBytes = 4096;

    /// Classifies raw scanner bytes, which must be valid UTF-8.
    [[nodiscard]] static PayloadClassification classify(const QByteArray &raw);
    /// Classifies text that was already decoded (e.g. from the keyboard wedge).
    [[nodiscard]] static PayloadClassification classify(const QString &payload);

    /// The polite sentence for a rejection, in Bahasa Indonesia (empty for None).
    [[nodiscard]] static QString rejectionMessage(PayloadRejection rejection);
    /// The polite sentence for a readable but unrecognised payload.
    [[nodiscard]] static QString unknownMessage();
};

} // namespace devices
