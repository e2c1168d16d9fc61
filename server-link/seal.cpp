#include "seal.h"

#include "base45.h"
#include "crypto.h"
#include "digits.h"

#include <QStringList>
#include <algorithm>
#include <array>

namespace serverlink::seal {

namespace {

const QDate kEpoch(2000, 1, 1);

constexpr int kSq1NikTagSize = 10;
constexpr int kSq2NikTagSize = 8;
constexpr QLatin1StringView kHttps("https://");

// Fixed part of the body without the NIK tag: version+alg, kid, type, office, serial, issued,
// valid-until, the two length bytes and the document hash.
constexpr int kFixedWithoutTag = 1 + kKidSize + 1 + kOfficeSize + 4 + 2 + 2 + 1 + 1 + kDocumentHashSize;

// Codes are part of the wire format: append new services, never renumber.
constexpr std::array kDocumentTypes {
    DocumentType {1, "SKTM", "Surat Keterangan Tidak Mampu"},
    DocumentType {2, "PERNYATAAN_MISKIN_PBI", "Surat Pernyataan Miskin (BPJS PBI)"},
    DocumentType {3, "DOMISILI", "Surat Keterangan Domisili"},
    DocumentType {4, "DOMISILI_USAHA", "Surat Keterangan Domisili Usaha"},
    DocumentType {5, "USAHA", "Surat Keterangan Usaha"},
    DocumentType {6, "IZIN_HAJATAN", "Surat Keterangan Izin Resepsi Pernikahan/Hajatan"},
    DocumentType {7, "AHLI_WARIS", "Surat Keterangan Ahli Waris"},
    DocumentType {8, "DISPENSASI_NIKAH", "Surat Keterangan Dispensasi Nikah"},
    DocumentType {9, "DOMISILI_ORMAS", "Surat Keterangan Domisili Organisasi Masyarakat"},
    DocumentType {10, "PENGANTAR_NIKAH", "Surat Pengantar Nikah"},
    DocumentType {11, "PENGANTAR_SKCK", "Surat Pengantar SKCK"},
    DocumentType {12, "KELAHIRAN", "Surat Keterangan Kelahiran"},
    DocumentType {13, "KEMATIAN", "Surat Keterangan Kematian"},
    DocumentType {14, "PINDAH", "Surat Keterangan Pindah"},
    DocumentType {15, "PENGADUAN_SUBSIDI_LISTRIK", "Surat Tanda Terima Pengaduan Subsidi Listrik"},
    DocumentType {16, "LEGALISASI_WARIS", "Legalisasi Surat Keterangan Waris"},
};

void appendBe(QByteArray &out, quint64 value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.append(char((value >> (8 * i)) & 0xff));
}

quint64 readBe(const QByteArray &in, qsizetype at, int bytes)
{
    quint64 v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | quint8(in.at(at + i));
    return v;
}

/// A length-checked, NFC, control-free UTF-8 string as stored in the body.
std::optional<QByteArray> storedString(const QString &s, int maxBytes)
{
    const QByteArray utf8 = s.normalized(QString::NormalizationForm_C).toUtf8();
    if (utf8.isEmpty() || utf8.size() > maxBytes)
        return std::nullopt;
    for (const QChar c : s)
        if (c.category() == QChar::Other_Control)
            return std::nullopt;
    return utf8;
}

/// Decodes a stored string; only the exact bytes an encoder would have written are accepted.
std::optional<QString> readString(const QByteArray &utf8, int maxBytes)
{
    if (utf8.isEmpty() || utf8.size() > maxBytes)
        return std::nullopt;
    const QString s = QString::fromUtf8(utf8);
    const auto again = storedString(s, maxBytes);
    if (!again || *again != utf8)
        return std::nullopt;
    return s;
}

bool isVerifyUrlChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '.' || u == '-' || u == '/' || u == ':';
}

/// office BCD ‖ serial BE32: the per-letter part of the NIK tag's input and of the revocation id.
std::optional<QByteArray> officeAndSerial(const QString &office, quint32 serial)
{
    auto packed = packOffice(office);
    if (packed)
        appendBe(*packed, serial, 4);
    return packed;
}

bool isDigits(const QString &s, int count)
{
    if (s.size() != count)
        return false;
    for (const QChar c : s)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}

/// Unicode White_Space characters of categories Zs/Zl/Zp plus the ASCII/Latin-1 controls (seal.md §5).
bool isCanonicalSpace(char16_t c)
{
    return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028
        || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

} // namespace

QString parseErrorMessage(ParseError error)
{
    switch (error) {
    case ParseError::NotASeal:
        return QStringLiteral("Kode ini bukan segel surat.");
    case ParseError::BadBase45:
    case ParseError::BadDigits:
        return QStringLiteral("Isi segel rusak (karakter tidak sah).");
    case ParseError::Truncated:
        return QStringLiteral("Segel terpotong atau tidak lengkap.");
    case ParseError::TrailingBytes:
        return QStringLiteral("Segel berisi data tambahan yang tidak sah.");
    case ParseError::UnsupportedVersion:
        return QStringLiteral("Versi segel tidak dikenal.");
    case ParseError::BadField:
        return QStringLiteral("Isi segel tidak sah.");
    }
    return {};
}

std::optional<quint16> toDayNumber(const QDate &date)
{
    if (!date.isValid())
        return std::nullopt;
    const qint64 days = kEpoch.daysTo(date);
    if (days < 0 || days > 0xffff)
        return std::nullopt;
    return quint16(days);
}

QDate fromDayNumber(quint16 days)
{
    return kEpoch.addDays(days);
}

std::optional<QByteArray> packOffice(const QString &office)
{
    if (!isDigits(office, 2 * kOfficeSize))
        return std::nullopt;
    QByteArray out;
    for (int i = 0; i < office.size(); i += 2)
        out.append(char(((office.at(i).unicode() - '0') << 4) | (office.at(i + 1).unicode() - '0')));
    return out;
}

QString officeCode(const QString &kode)
{
    return kode.size() == 6 ? kode + QStringLiteral("0000") : kode;
}

int nikTagSize(quint8 version)
{
    return version == kVersionSq1 ? kSq1NikTagSize : version == kVersionSq2 ? kSq2NikTagSize : 0;
}

bool isVerifyUrl(QStringView url)
{
    if (!url.startsWith(kHttps))
        return false;
    const QStringView rest = url.mid(kHttps.size());
    return !rest.isEmpty() && rest.size() <= kMaxVerifyUrlChars && std::all_of(rest.begin(), rest.end(), isVerifyUrlChar);
}

std::optional<QByteArray> nikTag(quint8 version, const QString &office, quint32 serial, const QString &nik)
{
    const auto perLetter = officeAndSerial(office, serial);
    if (!perLetter || !isDigits(nik, 16))
        return std::nullopt;
    if (version == kVersionSq1)
        return crypto::sha256(QByteArray("SQ1-NIK") + *perLetter + nik.toLatin1()).left(kSq1NikTagSize);
    if (version != kVersionSq2)
        return std::nullopt;
    // Memory-hard: each guess of an attacker holding the QR costs what a kiosk's check costs (seal.md §4).
    const QByteArray tag
        = crypto::scrypt(nik.toLatin1(), QByteArray("SQ2-NIK") + *perLetter, kNikScryptN, kNikScryptR, kNikScryptP, kSq2NikTagSize);
    return tag.isEmpty() ? std::nullopt : std::optional<QByteArray>(tag);
}

std::optional<QByteArray> revocationId(const QString &office, quint32 serial)
{
    const auto input = officeAndSerial(office, serial);
    if (!input)
        return std::nullopt;
    return crypto::sha256(*input).left(kRevocationIdSize);
}

QByteArray canonicalText(const QString &text)
{
    QString nfc = text.normalized(QString::NormalizationForm_C);
    nfc.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    nfc.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QString out;
    out.reserve(nfc.size() + 1);
    for (const QString &line : nfc.split(QLatin1Char('\n'))) {
        QString collapsed;
        bool pendingSpace = false;
        for (const QChar c : line) {
            if (isCanonicalSpace(c.unicode())) {
                pendingSpace = !collapsed.isEmpty();
                continue;
            }
            if (pendingSpace)
                collapsed.append(QLatin1Char(' '));
            pendingSpace = false;
            collapsed.append(c);
        }
        if (collapsed.isEmpty())
            continue;
        out.append(collapsed);
        out.append(QLatin1Char('\n'));
    }
    return out.toUtf8();
}

QByteArray documentHash(const QString &text)
{
    return crypto::sha256(canonicalText(text));
}

std::optional<quint8> documentTypeForService(const QString &serviceCode)
{
    for (const DocumentType &t : kDocumentTypes)
        if (serviceCode == QLatin1String(t.serviceCode))
            return t.code;
    return std::nullopt;
}

QString documentTypeName(quint8 code)
{
    for (const DocumentType &t : kDocumentTypes)
        if (t.code == code)
            return QString::fromUtf8(t.name);
    return QStringLiteral("Jenis surat %1").arg(code);
}

Expected<QByteArray, QString> SealCodec::encodeBody(const SealFields &f)
{
    const auto office = packOffice(f.office);
    const auto issued = toDayNumber(f.issued);
    const auto until = f.validUntil.isNull() ? std::optional<quint16>(0) : toDayNumber(f.validUntil);
    const auto nomor = storedString(f.nomorSurat, kMaxNomorBytes);
    const auto name = storedString(f.holderName, kMaxNameBytes);
    if (nikTagSize(f.version) == 0 || f.algorithm > 0x0f || f.kid.size() != kKidSize || f.documentType == 0)
        return QStringLiteral("Versi, algoritma, kid atau jenis surat segel tidak sah.");
    if (!office)
        return QStringLiteral("Kode kantor segel harus 10 angka.");
    if (!issued || !until || (!f.validUntil.isNull() && f.validUntil < f.issued))
        return QStringLiteral("Tanggal segel di luar rentang 2000-01-01 sampai 2179-06-06.");
    if (!nomor || !name)
        return QStringLiteral("Nomor surat (1–%1 bita) atau nama (1–%2 bita) segel tidak sah.").arg(kMaxNomorBytes).arg(kMaxNameBytes);
    if (f.nikTag.size() != nikTagSize(f.version) || f.documentHash.size() != kDocumentHashSize)
        return QStringLiteral("Tag NIK atau hash dokumen segel tidak sah.");
    QByteArray body;
    body.reserve(kFixedWithoutTag + f.nikTag.size() + nomor->size() + name->size());
    body.append(char((f.version << 4) | f.algorithm));
    body.append(f.kid);
    body.append(char(f.documentType));
    body.append(*office);
    appendBe(body, f.serial, 4);
    appendBe(body, *issued, 2);
    appendBe(body, *until, 2);
    body.append(char(nomor->size()));
    body.append(*nomor);
    body.append(char(name->size()));
    body.append(*name);
    body.append(f.nikTag);
    body.append(f.documentHash);
    return body;
}

QString SealCodec::toText(const QByteArray &body, const QByteArray &signature, const QString &verifyUrl)
{
    if (!body.isEmpty() && (quint8(body.at(0)) >> 4) == kVersionSq1)
        return QLatin1String(kSq1Prefix) + base45::encode(body + signature);
    return verifyUrl + QLatin1String(kSq2Marker) + digits::encode(body + signature);
}

std::optional<quint8> SealCodec::textVersion(const QString &text)
{
    const QStringView t = QStringView(text).trimmed();
    if (t.startsWith(QLatin1String(kSq1Prefix))) {
        // Base45 packs 2 bytes into 3 characters and a last single byte into 2: a remainder of 1 is impossible.
        const QStringView rest = t.mid(qsizetype(sizeof(kSq1Prefix)) - 1);
        const bool possible = !rest.isEmpty() && rest.size() % 3 != 1 && std::all_of(rest.begin(), rest.end(), base45::isAlphabetChar);
        return possible ? std::optional<quint8>(kVersionSq1) : std::nullopt;
    }
    const qsizetype hash = t.indexOf(QLatin1Char('#'));
    if (hash < 0 || !isVerifyUrl(t.left(hash)) || !t.mid(hash).startsWith(QLatin1String(kSq2Marker)))
        return std::nullopt;
    // 5 digits per 2 bytes, 3 for a last single byte.
    const QStringView number = t.mid(hash + qsizetype(sizeof(kSq2Marker)) - 1);
    const bool possible = !number.isEmpty() && (number.size() % 5 == 0 || number.size() % 5 == 3)
        && std::all_of(number.begin(), number.end(), [](QChar c) { return c.unicode() >= '0' && c.unicode() <= '9'; });
    return possible ? std::optional<quint8>(kVersionSq2) : std::nullopt;
}

Expected<ParsedSeal, ParseError> SealCodec::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    std::optional<QByteArray> bytes;
    QString verifyUrl;
    if (trimmed.startsWith(QLatin1String(kSq1Prefix))) {
        bytes = base45::decode(trimmed.mid(int(sizeof(kSq1Prefix)) - 1));
        if (!bytes)
            return ParseError::BadBase45;
    } else if (textVersion(trimmed) == kVersionSq2) {
        const qsizetype hash = trimmed.indexOf(QLatin1Char('#'));
        verifyUrl = trimmed.left(hash);
        bytes = digits::decode(QStringView(trimmed).mid(hash + qsizetype(sizeof(kSq2Marker)) - 1));
        if (!bytes)
            return ParseError::BadDigits;
    } else {
        return ParseError::NotASeal;
    }
    auto parsed = parseBytes(*bytes);
    if (!parsed)
        return parsed;
    // An SQ1 body in an SQ2 text (or the other way round) is no seal any signer made.
    if (parsed.value().fields.version != (verifyUrl.isEmpty() ? kVersionSq1 : kVersionSq2))
        return ParseError::UnsupportedVersion;
    parsed.value().verifyUrl = verifyUrl;
    return parsed;
}

std::optional<QrCode> qrCodeFor(const QString &sealText)
{
    const QString text = sealText.trimmed();
    if (SealCodec::textVersion(text) != kVersionSq2)
        return QrCode::encode(text);
    const qsizetype digitsAt = text.indexOf(QLatin1Char('#')) + qsizetype(sizeof(kSq2Marker)) - 1;
    return QrCode::encodeSegments(text.left(digitsAt).toLatin1(), text.mid(digitsAt).toLatin1());
}

Expected<ParsedSeal, ParseError> SealCodec::parseBytes(const QByteArray &in)
{
    if (in.isEmpty())
        return ParseError::Truncated;
    const int tagSize = nikTagSize(quint8(in.at(0)) >> 4);
    if (tagSize == 0)
        return ParseError::UnsupportedVersion;
    if (in.size() < kFixedWithoutTag + tagSize + 2 + kSignatureSize)
        return ParseError::Truncated;
    SealFields f;
    qsizetype at = 0;
    f.version = quint8(in.at(at)) >> 4;
    f.algorithm = quint8(in.at(at)) & 0x0f;
    at += 1;
    f.kid = in.mid(at, kKidSize);
    at += kKidSize;
    f.documentType = quint8(in.at(at));
    at += 1;
    for (int i = 0; i < kOfficeSize; ++i) {
        const quint8 b = quint8(in.at(at + i));
        if ((b >> 4) > 9 || (b & 0x0f) > 9)
            return ParseError::BadField;
        f.office.append(QChar(u'0' + (b >> 4)));
        f.office.append(QChar(u'0' + (b & 0x0f)));
    }
    at += kOfficeSize;
    f.serial = quint32(readBe(in, at, 4));
    at += 4;
    f.issued = fromDayNumber(quint16(readBe(in, at, 2)));
    at += 2;
    const auto until = quint16(readBe(in, at, 2));
    at += 2;
    if (until != 0)
        f.validUntil = fromDayNumber(until);
    if (f.documentType == 0 || (!f.validUntil.isNull() && f.validUntil < f.issued))
        return ParseError::BadField;
    // Each string: 1 length byte, then the bytes; the remaining fixed fields and the
    // signature must still fit after it.
    const auto readField = [&](int maxBytes) -> Expected<QString, ParseError> {
        if (at >= in.size())
            return ParseError::Truncated;
        const int length = quint8(in.at(at));
        at += 1;
        if (length > in.size() - at)
            return ParseError::Truncated;
        const auto s = readString(in.mid(at, length), maxBytes);
        if (!s)
            return ParseError::BadField;
        at += length;
        return *s;
    };
    auto nomor = readField(kMaxNomorBytes);
    if (!nomor)
        return nomor.error();
    f.nomorSurat = nomor.value();
    auto name = readField(kMaxNameBytes);
    if (!name)
        return name.error();
    f.holderName = name.value();
    const qsizetype rest = in.size() - at;
    if (rest < tagSize + kDocumentHashSize + kSignatureSize)
        return ParseError::Truncated;
    if (rest > tagSize + kDocumentHashSize + kSignatureSize)
        return ParseError::TrailingBytes;
    f.nikTag = in.mid(at, tagSize);
    at += tagSize;
    f.documentHash = in.mid(at, kDocumentHashSize);
    at += kDocumentHashSize;
    return ParsedSeal {f, in.left(at), in.mid(at), {}};
}

} // namespace serverlink::seal
