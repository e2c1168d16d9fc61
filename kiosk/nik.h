#pragma once

#include <QDate>
#include <QString>
#include <QStringView>
#include <variant>

namespace kiosk {

/// What a valid NIK (Nomor Induk Kependudukan) says about its holder.
struct NikInfo {
    QString nik;
    int provinceCode = 0;
    QString regionCode; // PPKKCC: province, regency/city, district
    QDate birthDate;
    bool female = false;
    int serial = 0;
};

enum class NikError {
    WrongLength,
    NotDigits,
    BadProvince,
    BadRegion,
    BadMonth,
    BadDay,
    ZeroSerial,
};

/// Checks the structure of a 16-digit NIK: PP KK CC DDMMYY SSSS, women's day + 40.
/// `today` decides the century of the two-digit birth year.
[[nodiscard]] std::variant<NikInfo, NikError> parseNik(QStringView text, QDate today = QDate::currentDate());

/// A sentence for the citizen saying what is wrong, in Bahasa Indonesia.
[[nodiscard]] QString nikErrorMessage(NikError error);

} // namespace kiosk
