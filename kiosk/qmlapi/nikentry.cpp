#include "nikentry.h"

#include "nik.h"
#include "visitflow.h"

#include <QLocale>

namespace kiosk {

NikEntry::NikEntry(VisitFlow &flow, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
{
    connect(&m_flow, &VisitFlow::wiped, this, [this] {
        m_scanned = false;
        setNik({});
    });
    // The facts are words (month, sex): rebuilt in the new language.
    connect(&m_flow, &VisitFlow::languageChanged, this, [this] {
        if (m_nik.size() == 16)
            setNik(m_nik);
    });
}

void NikEntry::setNik(const QString &nik)
{
    m_nik = nik.left(16);
    m_valid = false;
    m_error.clear();
    m_facts = {};
    if (m_nik.size() == 16) {
        const auto parsed = parseNik(m_nik);
        if (const auto *info = std::get_if<NikInfo>(&parsed)) {
            const QLocale locale(m_flow.english() ? QLocale::English : QLocale::Indonesian);
            m_valid = true;
            m_facts.birthDate = locale.toString(info->birthDate, QStringLiteral("d MMMM yyyy"));
            m_facts.sex = info->female ? tr("Perempuan") : tr("Laki-laki");
            m_facts.region
                = QStringLiteral("%1.%2.%3").arg(info->regionCode.left(2), info->regionCode.mid(2, 2), info->regionCode.mid(4, 2));
        } else {
            m_error = nikErrorMessage(std::get<NikError>(parsed));
        }
    }
    Q_EMIT changed();
}

void NikEntry::acceptScan(const QString &nik)
{
    m_scanned = true;
    setNik(nik);
}

void NikEntry::typeDigit(const QString &digit)
{
    if (digit.size() == 1 && digit.at(0).isDigit() && m_nik.size() < 16) {
        m_scanned = false;
        setNik(m_nik + digit);
    }
}

void NikEntry::eraseDigit()
{
    m_scanned = false;
    setNik(m_nik.left(m_nik.size() - 1));
}

void NikEntry::confirm()
{
    if (m_nik.size() != 16) {
        m_error = nikErrorMessage(NikError::WrongLength);
        Q_EMIT changed();
        return;
    }
    if (m_valid)
        m_flow.show(VisitFlow::Service);
}

} // namespace kiosk
