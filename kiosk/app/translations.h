#pragma once

#include <QObject>
#include <QTranslator>

class QQmlEngine;

namespace kiosk {

/// Switches the running UI between Bahasa Indonesia (the source language) and English
/// (the translation compiled into :/i18n) and re-evaluates every qsTr() binding.
class Translations : public QObject
{
    Q_OBJECT
public:
    explicit Translations(QQmlEngine &engine, QObject *parent = nullptr);

public Q_SLOTS:
    /// "en" loads the English translation; anything else returns to Bahasa Indonesia.
    void apply(const QString &language);

private:
    QQmlEngine &m_engine;
    QTranslator m_english;
    bool m_installed = false;
};

} // namespace kiosk
