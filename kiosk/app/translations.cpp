#include "translations.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QQmlEngine>

namespace kiosk {

Translations::Translations(QQmlEngine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{ }

void Translations::apply(const QString &language)
{
    const bool english = language == QLatin1String("en");
    if (english && !m_installed) {
        if (!m_english.load(QStringLiteral(":/i18n/anjungan_en.qm"))) {
            qWarning() << "the English translation is missing from this build";
            return;
        }
        m_installed = QCoreApplication::installTranslator(&m_english);
    } else if (!english && m_installed) {
        QCoreApplication::removeTranslator(&m_english);
        m_installed = false;
    }
    m_engine.retranslate();
}

} // namespace kiosk
