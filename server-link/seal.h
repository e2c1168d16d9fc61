#pragma once

#include "expected.h"
#include "qrcode.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <optional>

/// The letter seal, versions SQ1 and SQ2 (server-link/api/seal.md): body layout, text forms, canonical
/// letter text, NIK tag and revocation id. Signing and verifying live in sealsigner.h / sealverification.h.
namespace serverlink::seal {

inline constexpr quint8 kVersionSq1 = 1;
inline constexpr quint8 kVersionSq2 = 2;
/// The version signers produce; verifiers read both.
inline constexpr quint8 kVersion = kVersionSq2;
/// Algorithm nibble of the first body byte; the verifier takes the algorithm from the trust list.
inline constexpr quint8 kAlgEs256 = 1;
inline constexpr int kKidSize = 4;
inline constexpr int kOfficeSize = 5;
inline constexpr int kDocumentHashSize = 32;
inline constexpr int kSignatureSize = 64;
inline constexpr int kMaxNomorBytes = 64;
inline constexpr int kMaxNameBytes = 100;
inline constexpr int kRevocationIdSize = 8;
/// Text prefix of an SQ1 seal.
inline constexpr char kSq1Prefix[] = "SQ1:";
/// What joins an SQ2 seal's verification URL to its digits.
inline constexpr char kSq2Marker[] = "#SQ2";
/// The SQ2 URL: "https://" then 1–80 characters of A-Z a-z 0-9 . - / :
inline constexpr int kMaxVerifyUrlChars = 80;
/// The SQ2 NIK tag's scrypt cost (RFC 7914): N, r, p; 32 MiB of memory per guess.
inline constexpr quint64 kNikScryptN = 32768;
inline constexpr quint32 kNikScryptR = 8;
inline constexpr quint32 kNikScryptP = 1;

/// Bytes of the NIK tag in a body of `version` (SQ1: 10, SQ2: 8); 0 for an unknown version.
[[nodiscard]] int nikTagSize(quint8 version);
/// Whether `url` may stand before "#SQ2" (https://, 1–80 characters of [A-Za-z0-9./:-], no ? or #).
[[nodiscard]] bool isVerifyUrl(QStringView url);

/// Everything a seal says about a letter, decoded.
struct SealFields {
    quint8 version = kVersion; // 1: SQ1, 2: SQ2
    quint8 algorithm = kAlgEs256;
    QByteArray kid; // 4 bytes
    quint8 documentType = 0;
    QString office; // 10 digits: kode desa, or kode kecamatan (6 digits) followed by "0000"
    quint32 serial = 0;
    QDate issued;
    QDate validUntil; // null: no end
    QString nomorSurat;
    QString holderName;
    QByteArray nikTag; // nikTagSize(version) bytes
    QByteArray documentHash; // 32 bytes

    friend bool operator==(const SealFields &, const SealFields &) = default;
};

/// Why a text is not a well-formed seal.
enum class ParseError { NotASeal, BadBase45, BadDigits, Truncated, TrailingBytes, UnsupportedVersion, BadField };

/// Indonesian sentence for a ParseError.
[[nodiscard]] QString parseErrorMessage(ParseError error);

/// A well-formed seal split into the signed body, its fields and the raw r‖s signature.
struct ParsedSeal {
    SealFields fields;
    QByteArray body;
    QByteArray signature; // 64 bytes
    QString verifyUrl; // SQ2: the page the QR opens (not signed; never part of a verdict); SQ1: empty
};

/// Binary body and QR text of SQ1 and SQ2 seals; parsing checks every bound and never trusts a length.
class SealCodec
{
public:
    /// The body bytes of `fields` (strings NFC-normalised); an Indonesian message when a field is out of range.
    [[nodiscard]] static Expected<QByteArray, QString> encodeBody(const SealFields &fields);
    /// The QR text in the form of the body's version: SQ1 "SQ1:" + base45(body ‖ signature);
    /// SQ2 verifyUrl + "#SQ2" + digits(body ‖ signature).
    [[nodiscard]] static QString toText(const QByteArray &body, const QByteArray &signature, const QString &verifyUrl = {});
    /// The version whose text form `text` has (1 or 2; surrounding whitespace ignored), by shape only:
    /// "SQ1:" + base45 characters, or ^https://[A-Za-z0-9.\-/:]{1,80}#SQ2[0-9]+$, each with a length its
    /// encoding can have. nullopt: not a seal (a ticket's status URL is not one).
    [[nodiscard]] static std::optional<quint8> textVersion(const QString &text);
    /// Strict parse of a scanned text (surrounding whitespace is ignored, nothing else is); the body's
    /// version must be the one of the text form.
    [[nodiscard]] static Expected<ParsedSeal, ParseError> parse(const QString &text);
    /// Strict parse of body ‖ signature bytes of either version.
    [[nodiscard]] static Expected<ParsedSeal, ParseError> parseBytes(const QByteArray &bytes);
};

/// The QR symbol of a seal text at level M: SQ2 as a byte segment ("URL#SQ2") and a numeric segment,
/// SQ1 (and anything else) in one mode. nullopt if too long.
[[nodiscard]] std::optional<QrCode> qrCodeFor(const QString &sealText);

/// Days since 2000-01-01 (the seal's date unit); nullopt outside 0..65535.
[[nodiscard]] std::optional<quint16> toDayNumber(const QDate &date);
[[nodiscard]] QDate fromDayNumber(quint16 days);

/// Office code packed as 5 bytes of BCD; nullopt unless exactly 10 ASCII digits.
[[nodiscard]] std::optional<QByteArray> packOffice(const QString &office);
/// A 6-digit kode kecamatan or a 10-digit kode desa as the seal's 10-digit office code.
[[nodiscard]] QString officeCode(const QString &kodeDesaOrKecamatan);

/// The NIK tag of a body of `version`: SQ1 the first 10 bytes of SHA-256("SQ1-NIK" ‖ office BCD ‖ serial BE32 ‖ NIK);
/// SQ2 8 bytes of scrypt(NIK, "SQ2-NIK" ‖ office BCD ‖ serial BE32, N 32768, r 8, p 1) — about 0.1 s each.
/// nullopt for a bad office, NIK or version.
[[nodiscard]] std::optional<QByteArray> nikTag(quint8 version, const QString &office, quint32 serial, const QString &nik);
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
