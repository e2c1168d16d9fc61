#pragma once

#include "expected.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <optional>

/// The SQ1 letter seal (server-link/api/seal.md): body layout, text form, canonical letter
/// text, NIK tag and revocation id. Signing and verifying live in sealsigner.h / sealverification.h.
namespace serverlink::seal {

inline constexpr quint8 kVersion = 1;
/// Algorithm nibble of the first body byte; the verifier takes the algorithm from the trust list.
inline constexpr quint8 kAlgEs256 = 1;
inline constexpr int kKidSize = 4;
inline constexpr int kOfficeSize = 5;
inline constexpr int kNikTagSize = 10;
inline constexpr int kDocumentHashSize = 32;
inline constexpr int kSignatureSize = 64;
inline constexpr int kMaxNomorBytes = 64;
inline constexpr int kMaxNameBytes = 100;
inline constexpr int kRevocationIdSize = 8;
/// Text prefix of every seal QR.
inline constexpr char kPrefix[] = "SQ1:";

/// Everything a seal says about a letter, decoded.
struct SealFields {
    quint8 version = kVersion;
    quint8 algorithm = kAlgEs256;
    QByteArray kid; // 4 bytes
    quint8 documentType = 0;
    QString office; // 10 digits: kode desa, or kode kecamatan (6 digits) followed by "0000"
    quint32 serial = 0;
    QDate issued;
    QDate validUntil; // null: no end
    QString nomorSurat;
    QString holderName;
    QByteArray nikTag; // 10 bytes
    QByteArray documentHash; // 32 bytes

    friend bool operator==(const SealFields &, const SealFields &) = default;
};

/// Why a text is not a well-formed seal.
enum class ParseError { NotASeal, BadBase45, Truncated, TrailingBytes, UnsupportedVersion, BadField };

/// Indonesian sentence for a ParseError.
[[nodiscard]] QString parseErrorMessage(ParseError error);

/// A well-formed seal split into the signed body, its fields and the raw r‖s signature.
struct ParsedSeal {
    SealFields fields;
    QByteArray body;
    QByteArray signature; // 64 bytes
};

/// Binary body and QR text of SQ1 seals; parsing checks every bound and never trusts a length.
class SealCodec
{
public:
    /// The body bytes of `fields` (strings NFC-normalised); an Indonesian message when a field is out of range.
    [[nodiscard]] static Expected<QByteArray, QString> encodeBody(const SealFields &fields);
    /// "SQ1:" + base45(body ‖ signature).
    [[nodiscard]] static QString toText(const QByteArray &body, const QByteArray &signature);
    /// Strict parse of a scanned text (surrounding whitespace is ignored, nothing else is).
    [[nodiscard]] static Expected<ParsedSeal, ParseError> parse(const QString &text);
    /// Strict parse of body ‖ signature bytes.
    [[nodiscard]] static Expected<ParsedSeal, ParseError> parseBytes(const QByteArray &bytes);
};

/// Days since 2000-01-01 (the seal's date unit); nullopt outside 0..65535.
[[nodiscard]] std::optional<quint16> toDayNumber(const QDate &date);
[[nodiscard]] QDate fromDayNumber(quint16 days);

/// Office code packed as 5 bytes of BCD; nullopt unless exactly 10 ASCII digits.
[[nodiscard]] std::optional<QByteArray> packOffice(const QString &office);
/// A 6-digit kode kecamatan or a 10-digit kode desa as the seal's 10-digit office code.
[[nodiscard]] QString officeCode(const QString &kodeDesaOrKecamatan);

/// First 10 bytes of SHA-256("SQ1-NIK" ‖ office BCD ‖ serial BE32 ‖ NIK ASCII); nullopt for a bad office/NIK.
[[nodiscard]] std::optional<QByteArray> nikTag(const QString &office, quint32 serial, const QString &nik);
/// First 8 bytes of SHA-256(office BCD ‖ serial BE32): the entry of a revoked letter in the revocation list.
[[nodiscard]] std::optional<QByteArray> revocationId(const QString &office, quint32 serial);

/// The canonical form of a letter's text: NFC, LF lines, whitespace runs as one space,
/// lines trimmed, empty lines dropped, each line ended by LF; UTF-8.
[[nodiscard]] QByteArray canonicalText(const QString &text);
/// SHA-256 of canonicalText(text): the seal's document hash.
[[nodiscard]] QByteArray documentHash(const QString &text);

/// One kind of letter: its seal code, the catalog service code and the name people read.
struct DocumentType {
    quint8 code;
    const char *serviceCode;
    const char *name;
};
[[nodiscard]] std::optional<quint8> documentTypeForService(const QString &serviceCode);
/// "Surat Keterangan Tidak Mampu"; "Jenis surat <n>" for a code this version does not know.
[[nodiscard]] QString documentTypeName(quint8 code);

} // namespace serverlink::seal
