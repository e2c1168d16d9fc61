#include "letterrequest.h"

#include "devicestatus.h"
#include "documentcapture.h"
#include "idformat.h"
#include "nikentry.h"
#include "printledger.h"
#include "queuedesk.h"
#include "ticketissuer.h"
#include "ticketrenderer.h"
#include "visitflow.h"

#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRequest, "anjungan.request")

namespace kiosk {

LetterRequest::LetterRequest(VisitFlow &flow, NikEntry &nik, CatalogModel &catalog, PrintLedger &ledger, const DeviceStatus &devices,
    DocumentCapture &documents, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_nik(nik)
    , m_catalog(catalog)
    , m_ledger(ledger)
    , m_devices(devices)
    , m_documents(documents)
{
    // Every requirement answered (photographed or "bawa aslinya"): on to the review.
    connect(&m_documents, &DocumentCapture::finished, this, [this] {
        if (m_awaitingDocuments && m_flow.screen() == VisitFlow::Documents)
            m_flow.show(VisitFlow::Review);
    });
    connect(&m_catalog, &CatalogModel::countChanged, this, &LetterRequest::catalogChanged);
    connect(&m_catalog, &CatalogModel::countChanged, this, &LetterRequest::serviceChanged);
    connect(&m_flow, &VisitFlow::wiped, this, &LetterRequest::wipe);
    connect(&m_flow, &VisitFlow::languageChanged, this, [this] {
        m_catalog.setEnglish(m_flow.english());
        m_form.setEnglish(m_flow.english());
        Q_EMIT serviceChanged();
    });
    connect(&m_ledger, &PrintLedger::ticketAccepted, this, [this](int job) {
        if (job != m_ticketJob || m_ticket.isEmpty())
            return;
        const QString notice = m_devices.printerNotice();
        setTicketPrintState(notice.isEmpty(),
            notice.isEmpty()
                ? QString()
                : tr("%1 Permohonan Anda sudah tersimpan; catat nomor registrasi Anda. Tiket tercetak setelah printer siap.").arg(notice));
    });
    connect(&m_ledger, &PrintLedger::ticketRefused, this, [this](int job, const QString &reason) {
        if (job == m_ticketJob && !m_ticket.isEmpty())
            setTicketPrintState(false, tr("Tiket belum tercetak (%1). Catat nomor registrasi Anda dan beri tahu petugas.").arg(reason));
    });
    connect(&m_ledger, &PrintLedger::ticketFinished, this, [this](int job, bool ok, const QString &) {
        if (ok && job == m_ticketJob && !m_ticket.isEmpty())
            setTicketPrintState(true, {});
    });
}

std::optional<CatalogService> LetterRequest::service() const
{
    return m_catalog.find(m_serviceCode);
}

QString LetterRequest::serviceName() const
{
    const auto s = service();
    return s ? s->displayName(m_catalog.english()) : QString();
}

QString LetterRequest::serviceDescription() const
{
    const auto s = service();
    return s ? s->displayDescription(m_catalog.english()) : QString();
}

int LetterRequest::estimatedDays() const
{
    const auto s = service();
    return s ? s->estimatedDays : 0;
}

QStringList LetterRequest::requirements() const
{
    const auto s = service();
    return s ? s->displayRequirements(m_catalog.english()) : QStringList();
}

void LetterRequest::chooseService(const QString &code)
{
    const auto s = m_catalog.find(code);
    if (!s) {
        m_flow.setNotice(tr("Layanan ini belum tersedia di anjungan. Silakan pilih layanan lain."));
        return;
    }
    if (m_serviceCode != code) {
        m_serviceCode = code;
        m_awaitingDocuments = false;
        m_documents.clear();
        m_form.setServiceFields(s->fields);
        Q_EMIT serviceChanged();
    }
    m_catalog.setFilter({});
    m_flow.show(VisitFlow::Form);
}

void LetterRequest::setField(const QString &key, const QString &value)
{
    m_form.setValueByKey(key, value);
}

void LetterRequest::review()
{
    const bool ok = m_form.validate();
    m_formError = ok ? QString() : tr("Ada isian yang perlu diperbaiki. Lihat pesan merah di bawah kolomnya.");
    Q_EMIT formErrorChanged();
    if (!ok)
        return;
    // Pages already taken for this service are kept when the citizen comes back from the review to edit the form.
    const QStringList needed = requirements();
    if (m_documents.available() && !needed.isEmpty() && !m_documents.isComplete()) {
        m_awaitingDocuments = true;
        m_documents.begin(needed);
        if (!m_documents.isComplete()) {
            m_flow.show(VisitFlow::Documents);
            return;
        }
    }
    m_flow.show(VisitFlow::Review);
}

void LetterRequest::editForm()
{
    m_flow.show(VisitFlow::Form);
}

void LetterRequest::submit()
{
    if (m_flow.screen() != VisitFlow::Review || !m_nik.valid())
        return;
    NewRequest request {m_serviceCode, m_nik.nik(), m_form.value(QStringLiteral("name")), m_form.value(QStringLiteral("address")),
        m_form.value(QStringLiteral("purpose")), m_form.value(QStringLiteral("phone")), m_form.values(),
        queuerules::reasonFromWire(m_priority)};
    request.enteredBy = m_flow.enteredBy();
    const auto s = service();
    // The pages name their requirement as the catalog does (Indonesian), whatever language the screen showed.
    request.documents = m_documents.pages();
    for (CapturedPage &page : request.documents)
        if (s && page.requirement >= 0 && page.requirement < s->requirements.size())
            page.requirementText = s->requirements.at(page.requirement);
    // Printing happens on the print service's thread; the done screen follows the job.
    const auto issued = m_ledger.issue(request, s.value_or(serviceNamedByCode(m_serviceCode)));
    if (!issued) {
        qCCritical(lcRequest).noquote() << "enqueue failed:" << issued.error();
        m_flow.setNotice(tr("Maaf, permohonan belum dapat disimpan. Silakan hubungi petugas."));
        return;
    }
    // The pages are in the outbox now (sealed); the copies in memory go.
    m_awaitingDocuments = false;
    m_documents.clear();
    const QueuedRequest &queued = issued->queued;
    m_ticketJob = issued->printJob;
    qCInfo(lcRequest).noquote() << "queued" << queued.registrationNumber << "ticket job" << m_ticketJob;
    const TicketContent &printed = issued->content;
    QList<bool> captured;
    for (const ChecklistItem &item : printed.checklist)
        captured.append(item.captured);
    const QString readyDate = !printed.readyBy.isValid() ? QString()
        : m_flow.english() ? QLocale(QLocale::English).toString(printed.readyBy, QStringLiteral("dddd, d MMM yyyy"))
                           : serverlink::idformat::shortDayDate(printed.readyBy);
    m_ticket = {queued.registrationNumber, queued.queueLabel, false, tr("Tiket sedang dicetak…"), printed.workingDays, requirements(),
        captured, readyDate, printed.officeHours, QueueTicket::waitText(issued->wait), queuerules::reasonLabel(queued.priority)};
    Q_EMIT ticketChanged();
    Q_EMIT requestQueued();
    m_flow.show(VisitFlow::Done);
}

void LetterRequest::setTicketPrintState(bool printed, const QString &message)
{
    m_ticket.printed = printed;
    m_ticket.printMessage = message;
    Q_EMIT ticketChanged();
}

void LetterRequest::setPriority(const QString &priority)
{
    const QString wire = queuerules::reasonToWire(queuerules::reasonFromWire(priority));
    if (wire == m_priority)
        return;
    m_priority = wire;
    Q_EMIT priorityChanged();
}

void LetterRequest::wipe()
{
    m_awaitingDocuments = false;
    setPriority({});
    m_serviceCode.clear();
    m_form.clear();
    m_catalog.setFilter({});
    m_formError.clear();
    m_ticket = {};
    m_ticketJob = 0;
    Q_EMIT serviceChanged();
    Q_EMIT formErrorChanged();
    Q_EMIT ticketChanged();
}

void LetterRequest::handleCatalog(const QByteArray &catalogJson)
{
    if (!m_catalog.loadJson(catalogJson))
        qCWarning(lcRequest) << "catalog from the backend is malformed; keeping the previous one";
}

} // namespace kiosk
