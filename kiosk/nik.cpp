#include "nik.h"

#include <QCoreApplication>

namespace kiosk {

namespace {
int digits(QStringView s, int from, int count)
{
    return s.mid(from, count).toInt();
}
} // namespace

std::variant<NikInfo, NikError> parseNik(QStringView text, QDate today)
{
    if (text.size() != 16)
        return NikError::WrongLength;
    for (QChar c : text)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return NikError::NotDigits;

    NikInfo info;
    info.nik = text.toString();
    info.provinceCode = digits(text, 0, 2);
    if (info.provinceCode < 11 || info.provinceCode > 96)
        return NikError::BadProvince;
    if (digits(text, 2, 2) == 0 || digits(text, 4, 2) == 0)
        return NikError::BadRegion;
    info.regionCode = text.left(6).toString();

    int day = digits(text, 6, 2);
    const int month = digits(text, 8, 2);
    const int yy = digits(text, 10, 2);
    info.female = day > 40;
    if (info.female)
        day -= 40;
    if (month < 1 || month > 12)
        return NikError::BadMonth;
    // Two-digit years: a year after this one must be last century.
    const int year = (2000 + yy > today.year()) ? 1900 + yy : 2000 + yy;
    if (!QDate::isValid(year, month, day))
        return NikError::BadDay;
    info.birthDate = QDate(year, month, day);

    info.serial = digits(text, 12, 4);
    if (info.serial == 0)
        return NikError::ZeroSerial;
    return info;
}

QString nikErrorMessage(NikError error)
{
    switch (error) {
    case NikError::WrongLength:
        return QCoreApplication::translate("kiosk::Nik", "NIK harus 16 angka. Periksa lagi angka di KTP Anda.");
    case NikError::NotDigits:
        return QCoreApplication::translate("kiosk::Nik", "NIK hanya berisi angka 0–9.");
    case NikError::BadProvince:
        return QCoreApplication::translate("kiosk::Nik", "Dua angka pertama NIK (kode provinsi) tidak dikenal. Periksa lagi NIK Anda.");
    case NikError::BadRegion:
        return QCoreApplication::translate("kiosk::Nik", "Kode kabupaten/kecamatan pada NIK (angka ke-3 sampai ke-6) tidak boleh 00.");
    case NikError::BadMonth:
        return QCoreApplication::translate("kiosk::Nik", "Bulan lahir pada NIK (angka ke-9 dan ke-10) harus 01 sampai 12.");
    case NikError::BadDay:
        return QCoreApplication::translate("kiosk::Nik", "Tanggal lahir pada NIK (angka ke-7 sampai ke-12) bukan tanggal yang ada.");
    case NikError::ZeroSerial:
        return QCoreApplication::translate("kiosk::Nik", "Empat angka terakhir NIK tidak boleh 0000.");
    }
    return {};
}

} // namespace kiosk
