#pragma once

#include <QObject>
#include <QString>

namespace kiosk {

class VisitFlow;

/// What a valid NIK says about its holder, in the UI's language.
struct NikFacts {
    Q_GADGET
    Q_PROPERTY(QString birthDate MEMBER birthDate)
    Q_PROPERTY(QString sex MEMBER sex)
    Q_PROPERTY(QString region MEMBER region)
public:
    QString birthDate;
    QString sex;
    QString region; // "35.21.11"
    bool operator==(const NikFacts &) const = default;
};

/// The identify step: the NIK typed on the pad or scanned from the KTP, checked as it grows.
class NikEntry : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString nik READ nik NOTIFY changed)
    Q_PROPERTY(bool valid READ valid NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(kiosk::NikFacts facts READ facts NOTIFY changed)
    Q_PROPERTY(bool scanned READ scanned NOTIFY changed)

public:
    explicit NikEntry(VisitFlow &flow, QObject *parent = nullptr);

    [[nodiscard]] QString nik() const { return m_nik; }
    [[nodiscard]] bool valid() const { return m_valid; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] NikFacts facts() const { return m_facts; }
    [[nodiscard]] bool scanned() const { return m_scanned; }
    /// A NIK read from a KTP barcode (only taken on the identify screen; see ScanRouter).
    void acceptScan(const QString &nik);

    Q_INVOKABLE void typeDigit(const QString &digit);
    Q_INVOKABLE void eraseDigit();
    /// "Ya, ini NIK saya": on to the service choice when the NIK is valid.
    Q_INVOKABLE void confirm();

Q_SIGNALS:
    void changed();

private:
    void setNik(const QString &nik);

    VisitFlow &m_flow;
    QString m_nik;
    bool m_valid = false;
    bool m_scanned = false;
    QString m_error;
    NikFacts m_facts;
};

} // namespace kiosk
