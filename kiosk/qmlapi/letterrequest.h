#pragma once

#include "catalogmodel.h"
#include "formmodel.h"

#include <QObject>
#include <QStringList>

namespace kiosk {

class DeviceStatus;
class DocumentCapture;
class NikEntry;
class PrintLedger;
class VisitFlow;

/// The done screen's ticket: the request is committed; the ticket prints (or says why not yet).
struct Ticket {
    Q_GADGET
    Q_PROPERTY(QString registrationNumber MEMBER registrationNumber)
    Q_PROPERTY(QString queueLabel MEMBER queueLabel)
    Q_PROPERTY(bool printed MEMBER printed)
    Q_PROPERTY(QString printMessage MEMBER printMessage)
    Q_PROPERTY(int estimatedDays MEMBER estimatedDays)
    /// The service's requirements in the session's language, as on the printed checklist.
    Q_PROPERTY(QStringList requirements MEMBER requirements)
    /// Whether the page of each requirement (same order) was captured at the kiosk; if not, the citizen brings it.
    Q_PROPERTY(QList<bool> captured MEMBER captured)
    /// "Kamis, 17 Des 2026": the ready date printed on the ticket, in the session's language; empty without one.
    Q_PROPERTY(QString readyDate MEMBER readyDate)
    /// The office's opening hours as printed; empty when not configured.
    Q_PROPERTY(QString officeHours MEMBER officeHours)
    /// "± 10–20 menit" or "perkiraan belum tersedia" (in the kiosk's language), as printed on the ticket.
    Q_PROPERTY(QString waitEstimate MEMBER waitEstimate)
    /// "lansia", "disabilitas", "ibu hamil", or empty.
    Q_PROPERTY(QString priority MEMBER priority)
public:
    QString registrationNumber;
    QString queueLabel;
    bool printed = false;
    QString printMessage;
    int estimatedDays = 0;
    QStringList requirements;
    QList<bool> captured;
    QString readyDate;
    QString officeHours;
    QString waitEstimate;
    QString priority;
    [[nodiscard]] bool isEmpty() const { return registrationNumber.isEmpty(); }
    bool operator==(const Ticket &) const = default;
};

/// The letter a citizen asks for: the service chosen from the catalog, its form (common and
/// service fields), the review, and the submit that commits the request and prints its ticket.
class LetterRequest : public QObject
{
    Q_OBJECT
    Q_PROPERTY(kiosk::CatalogModel *catalog READ catalog CONSTANT)
    Q_PROPERTY(int catalogCount READ catalogCount NOTIFY catalogChanged)
    Q_PROPERTY(kiosk::FormModel *form READ form CONSTANT)
    Q_PROPERTY(QString serviceCode READ serviceCode NOTIFY serviceChanged)
    Q_PROPERTY(QString serviceName READ serviceName NOTIFY serviceChanged)
    Q_PROPERTY(QString serviceDescription READ serviceDescription NOTIFY serviceChanged)
    Q_PROPERTY(int estimatedDays READ estimatedDays NOTIFY serviceChanged)
    Q_PROPERTY(QStringList requirements READ requirements NOTIFY serviceChanged)
    Q_PROPERTY(QString formError READ formError NOTIFY formErrorChanged)
    Q_PROPERTY(kiosk::Ticket ticket READ ticket NOTIFY ticketChanged)
    /// A priority tapped before the ticket prints: "", "disabilitas" or "ibu_hamil" (lansia is read from the NIK).
    Q_PROPERTY(QString priority READ priority WRITE setPriority NOTIFY priorityChanged)

public:
    /// `documents`: the requirement documents asked for after the form, when the kiosk has a document source.
    LetterRequest(VisitFlow &flow, NikEntry &nik, CatalogModel &catalog, PrintLedger &ledger, const DeviceStatus &devices,
        DocumentCapture &documents, QObject *parent = nullptr);

    [[nodiscard]] CatalogModel *catalog() const { return &m_catalog; }
    [[nodiscard]] int catalogCount() const { return m_catalog.total(); }
    [[nodiscard]] FormModel *form() { return &m_form; }
    [[nodiscard]] QString serviceCode() const { return m_serviceCode; }
    [[nodiscard]] QString serviceName() const;
    [[nodiscard]] QString serviceDescription() const;
    [[nodiscard]] int estimatedDays() const;
    [[nodiscard]] QStringList requirements() const;
    [[nodiscard]] QString formError() const { return m_formError; }
    [[nodiscard]] Ticket ticket() const { return m_ticket; }
    [[nodiscard]] QString priority() const { return m_priority; }
    void setPriority(const QString &priority);

    Q_INVOKABLE void chooseService(const QString &code);
    /// Sets a field by its key (select fields take the option's value).
    Q_INVOKABLE void setField(const QString &key, const QString &value);
    Q_INVOKABLE void review();
    Q_INVOKABLE void editForm();
    Q_INVOKABLE void submit();

public Q_SLOTS:
    /// A new catalog from the backend; a malformed one keeps the previous.
    void handleCatalog(const QByteArray &catalogJson);

Q_SIGNALS:
    void catalogChanged();
    void serviceChanged();
    void formErrorChanged();
    void ticketChanged();
    void priorityChanged();
    /// A request was committed to the outbox: the sync service should deliver it now.
    void requestQueued();

private:
    [[nodiscard]] std::optional<CatalogService> service() const;
    void wipe();
    void setTicketPrintState(bool printed, const QString &message);

    VisitFlow &m_flow;
    NikEntry &m_nik;
    CatalogModel &m_catalog;
    PrintLedger &m_ledger;
    const DeviceStatus &m_devices;
    DocumentCapture &m_documents;
    bool m_awaitingDocuments = false; // the documents screen was opened by this request's review()
    FormModel m_form;
    QString m_serviceCode;
    QString m_formError;
    Ticket m_ticket;
    int m_ticketJob = 0; // the print job of the ticket on the done screen
    QString m_priority;
};

} // namespace kiosk
