#include "payloadclassifier.h"

#include "seal.h"

#include <QCoreApplication>

#include <QStringDecoder>
#include <QStringList>

#include <algorithm>

namespace devices {

namespace {

constexpr QLatin1StringView kTicketPrefix("ADT1:");
constexpr qsizetype kTicketTokenLength = 22;
constexpr QLatin1StringView kStaffCardPrefix("ADSTAFF1:");
constexpr QLatin1StringView kComplaintPrefix("ADPGD1:");
constexpr QLatin1StringView kComplaintNumberPrefix("PGD-");
constexpr qsizetype kComplaintNumberLength = 15; // "PGD-" + XXXXX-XXXXX
constexpr qsizetype kNikLength = 16;

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isBase64Url(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_';
}

/// Controls that have no business in a barcode; line breaks and tabs separate fields of multi-line QRs.
bool isForbiddenControl(QChar c)
{
    const char16_t u = c.unicode();
    if (u == '\t' || u == '\n' || u == '\r')
        return false;
    if (c.category() == QChar::Other_Control)
        return true;
    // Bidirectional overrides and isolates can make a payload display as something else.
    return (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069);
}

/// Text that cannot come from a correct UTF-8 decode: lone surrogates, U+FFFD, noncharacters.
bool hasInvalidText(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return true;
            ++i;
            continue;
        }
        if (c.isLowSurrogate() || c == QChar::ReplacementCharacter || c.isNonCharacter())
            return true;
    }
    return false;
}

/// Month 01–12 and day 01–31 (women: +40) at the NIK's DDMMYY position; a cheap filter for embedded digits.
bool looksLikeNik(QStringView digits)
{
    const int day = digits.mid(6, 2).toInt();
    const int month = digits.mid(8, 2).toInt();
    const bool dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
    return dayOk && month >= 1 && month <= 12 && digits.mid(12, 4) != u"0000" && digits.left(2).toInt() >= 11;
}

/// The one NIK inside a longer payload: a run of exactly 16 digits; with several, the one labelled "NIK".
QString embeddedNik(const QString &text)
{
    QStringList candidates;
    QString labelled;
    qsizetype i = 0;
    while (i < text.size()) {
        if (!isAsciiDigit(text.at(i))) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && isAsciiDigit(text.at(end)))
            ++end;
        const QStringView run = QStringView(text).mid(i, end - i);
        if (run.size() == kNikLength && looksLikeNik(run)) {
            const QString nik = run.toString();
            if (!candidates.contains(nik))
                candidates << nik;
            const QStringView before = QStringView(text).mid(qMax<qsizetype>(0, i - 8), qMin<qsizetype>(i, 8));
            if (before.contains(u"NIK", Qt::CaseInsensitive))
                labelled = nik;
        }
        i = end;
    }
    if (candidates.size() == 1)
        return candidates.first();
    return labelled;
}

PayloadClassification rejected(PayloadRejection why)
{
    PayloadClassification result;
    result.rejection = why;
    result.message = PayloadClassifier::rejectionMessage(why);
    return result;
}

/// Classifies text already known to be well-formed Unicode within the size limit.
PayloadClassification classifyText(const QString &payload)
{
    const QString text = payload.trimmed();
    if (text.isEmpty())
        return rejected(PayloadRejection::Empty);
    for (const QChar c : text) {
        if (isForbiddenControl(c))
            return rejected(PayloadRejection::ControlCharacters);
    }

    PayloadClassification result;
    result.text = text;
    if (text.startsWith(kStaffCardPrefix)) {
        // Whether the card is genuine and still valid is the staff directory's to say, with its own message.
        result.kind = PayloadKind::StaffCard;
        return result;
    }
    if (text.startsWith(kComplaintPrefix)) {
        const QStringView rest = QStringView(text).mid(kComplaintPrefix.size());
        const QStringView number = rest.left(kComplaintNumberLength);
        const QStringView token = rest.mid(kComplaintNumberLength + 1);
        const auto numberChar = [](QChar c) {
            return c == QLatin1Char('-') || (c.unicode() >= '0' && c.unicode() <= '9') || (c.unicode() >= 'A' && c.unicode() <= 'Z');
        };
        if (number.startsWith(kComplaintNumberPrefix) && number.size() == kComplaintNumberLength
            && std::all_of(number.begin(), number.end(), numberChar) && rest.size() > kComplaintNumberLength
            && rest.at(kComplaintNumberLength) == QLatin1Char('.') && token.size() >= kTicketTokenLength && token.size() <= 64
            && std::all_of(token.begin(), token.end(), isBase64Url)) {
            result.kind = PayloadKind::ComplaintSlip;
            result.complaintNumber = number.toString();
            result.complaintToken = token.toString();
            return result;
        }
    } else if (text.startsWith(kTicketPrefix)) {
        const QStringView token = QStringView(text).mid(kTicketPrefix.size());
        if (token.size() == kTicketTokenLength && std::all_of(token.begin(), token.end(), isBase64Url)) {
            result.kind = PayloadKind::TicketQr;
            result.ticketToken = token.toString();
            return result;
        }
    } else if (serverlink::seal::SealCodec::textVersion(text)) {
        // The shape of an SQ1 or SQ2 seal: whether it is genuine is the verifier's to say.
        result.kind = PayloadKind::LetterSeal;
        return result;
    } else if (text.size() == kNikLength && std::all_of(text.begin(), text.end(), isAsciiDigit)) {
        // Bare 16 digits: the kiosk's NIK check gives the citizen the precise reason if it is malformed.
        result.kind = PayloadKind::Nik;
        result.nik = text;
        return result;
    } else if (const QString nik = embeddedNik(text); !nik.isEmpty()) {
        result.kind = PayloadKind::Nik;
        result.nik = nik;
        return result;
    }
    result.kind = PayloadKind::Unknown;
    result.message = PayloadClassifier::unknownMessage();
    return result;
}

} // namespace

PayloadClassification PayloadClassifier::classify(const QByteArray &raw)
{
    if (raw.size() > kMaxPayloadBytes)
        return rejected(PayloadRejection::TooLong);
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(raw);
    if (decoder.hasError() || hasInvalidText(text))
        return rejected(PayloadRejection::InvalidText);
    return classifyText(text);
}

PayloadClassification PayloadClassifier::classify(const QString &payload)
{
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so only long strings need counting.
    if (payload.size() > kMaxPayloadBytes / 3 && payload.toUtf8().size() > kMaxPayloadBytes)
        return rejected(PayloadRejection::TooLong);
    if (hasInvalidText(payload))
        return rejected(PayloadRejection::InvalidText);
    return classifyText(payload);
}

QString PayloadClassifier::rejectionMessage(PayloadRejection rejection)
{
    switch (rejection) {
    case PayloadRejection::None:
        return {};
    case PayloadRejection::Empty:
        return QCoreApplication::translate(
            "devices::PayloadClassifier", "Kode belum terbaca. Silakan pindai ulang dengan kode menghadap pemindai.");
    case PayloadRejection::TooLong:
        return QCoreApplication::translate("devices::PayloadClassifier",
            "Maaf, kode ini terlalu panjang untuk anjungan. Silakan pindai KTP, tiket, atau surat Anda, "
            "atau minta bantuan petugas.");
    case PayloadRejection::ControlCharacters:
    case PayloadRejection::InvalidText:
        return QCoreApplication::translate("devices::PayloadClassifier",
            "Maaf, kode ini berisi karakter yang tidak dapat dibaca. Silakan pindai ulang atau minta bantuan petugas.");
    }
    return {};
}

QString PayloadClassifier::unknownMessage()
{
    return QCoreApplication::translate(
        "devices::PayloadClassifier", "Maaf, kode ini tidak dikenali. Silakan pindai KTP, tiket antrean, atau surat dari kantor desa.");
}

} // namespace devices
