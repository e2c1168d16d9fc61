#pragma once

#include <QDate>
#include <QString>

/// Numbers, amounts and dates written the Indonesian way (PUEBI: a dot groups thousands, "Rp" before the
/// amount without a space), for tickets, the kiosk's screens and letters alike.
namespace serverlink::idformat {

/// How a form value is written once filled in (catalog field attribute "format").
enum class ValueFormat {
    AsTyped, // identifiers (NIK, nomor KK, ID pelanggan), years and free text
    Number, // a count: "1.234"
    Rupiah, // an amount: "Rp900.000"
};

/// "1.234.567"; "-1.500".
[[nodiscard]] QString number(qint64 value);
/// "Rp900.000"; "-Rp1.500".
[[nodiscard]] QString rupiah(qint64 value);
/// "17 Desember 2026".
[[nodiscard]] QString date(const QDate &day);
/// "Kamis, 17 Des 2026": short enough for a 58 mm ticket line.
[[nodiscard]] QString shortDayDate(const QDate &day);
/// "Kamis".
[[nodiscard]] QString weekday(const QDate &day);
/// The catalog's "format" word: "rupiah", "number"; anything else (or nothing) is AsTyped.
[[nodiscard]] ValueFormat valueFormatFromWire(const QString &word);
/// A typed form value as written: "900000" as Rupiah is "Rp900.000"; a value that is not a whole number
/// (or too long to be one) is returned as typed.
[[nodiscard]] QString value(const QString &typed, ValueFormat format);

} // namespace serverlink::idformat
