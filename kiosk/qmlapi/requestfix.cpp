#include "requestfix.h"

#include "catalogmodel.h"
#include "documentcapture.h"
#include "printledger.h"
#include "requestchanges.h"
#include "slipwriter.h"
#include "visitflow.h"

#include <QHash>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFix, "anjungan.fix")

namespace kiosk {

namespace {
// The common fields the request body carries outside `fields`.
const QStringList kCommonKeys {QStringLiteral("name"), QStringLiteral("address"), QStringLiteral("purpose"), QStringLiteral("phone")};

QHash<QString, QString> shownByLabel(const FormModel &form)
{
    QHash<QString, QString> out;
    for (const ReviewLine &line : form.summary())
        out.insert(line.label, line.value);
    return out;
}
} // namespace

QHash<int, QByteArray> FixPagesModel::roleNames() const
{
    return {{TextRole, "text"}, {ReasonRole, "reason"}, {RequirementRole, "requirement"}, {NewKilobytesRole, "newKilobytes"}};
}

QVariant FixPagesModel::roleData(const FixPage &row, int role) const
{
    switch (role) {
    case TextRole:
        return row.text;
    case ReasonRole:
        return row.reason;
    case RequirementRole:
        return row.requirement;
    case NewKilobytesRole:
        return row.newKilobytes;
    default:
        return {};
    }
}

RequestFix::RequestFix(
    VisitFlow &flow, const CatalogModel &catalog, PrintLedger &ledger, RequestChanges *changes, DocumentCapture &documents, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_catalog(catalog)
    , m_ledger(ledger)
    , m_changeStore(changes)
    , m_documents(documents)
    , m_pages(this)
{
    connect(&m_flow, &VisitFlow::wiped, this, &RequestFix::wipe);
    connect(&m_documents, &DocumentCapture::finished, this, &RequestFix::takeCapturedPages);
    connect(&m_documents, &DocumentCapture::availableChanged, this, &RequestFix::canRecaptureChanged);
    connect(&m_flow, &VisitFlow::screenChanged, this, [this] {
        if (m_capturing && m_flow.screen() != VisitFlow::Documents)
            abandonCapture();
    });
}

bool RequestFix::canRecapture() const
{
    return m_documents.available();
}

void RequestFix::wipe()
{
    m_form.clear();
    m_original.clear();
    m_view = {};
    m_proof = {};
    m_serviceName.clear();
    m_note.clear();
    m_pages.setRows({});
    m_newPages.clear();
    m_capturing = false;
    m_changes.clear();
    setError({});
    m_step = Editing;
    Q_EMIT startedChanged();
    Q_EMIT stepChanged();
}

void RequestFix::setStep(Step step)
{
    m_step = step;
    Q_EMIT stepChanged();
}

void RequestFix::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

void RequestFix::prefill(FormModel &form) const
{
    const auto service = m_catalog.find(m_view.serviceCode);
    form.setEnglish(m_catalog.english());
    form.setServiceFields(service ? service->fields : QJsonArray());
    form.setValueByKey(QStringLiteral("name"), m_view.name);
    form.setValueByKey(QStringLiteral("address"), m_view.address);
    form.setValueByKey(QStringLiteral("purpose"), m_view.purpose);
    form.setValueByKey(QStringLiteral("phone"), m_view.phone);
    for (auto it = m_view.fields.begin(); it != m_view.fields.end(); ++it) {
        if (it.value().isArray())
            form.setGroupValues(it.key(), it.value().toArray());
        else
            form.setValueByKey(it.key(), it.value().toString());
    }
}

bool RequestFix::start(const serverlink::RequestView &view, const serverlink::RequestProof &proof)
{
    if (!m_changeStore || !view.detailed || view.stage != serverlink::Stage::NeedsFix || proof.isEmpty())
        return false;
    wipe();
    m_view = view;
    m_proof = proof;
    const auto service = m_catalog.find(view.serviceCode);
    m_serviceName = service ? service->displayName(m_catalog.english()) : view.serviceCode;
    prefill(m_form);
    prefill(m_original);
    // Each reason beside what it concerns: a field, a page, or the request as a whole.
    QHash<QString, QString> fieldNotes;
    QList<FixPage> pages;
    QStringList general;
    if (!view.note.isEmpty())
        general.append(view.note);
    for (const serverlink::FixItem &item : view.fixes) {
        if (const QString key = item.fieldKey(); !key.isEmpty()) {
            QString &note = fieldNotes[key];
            note = note.isEmpty() ? item.reason : note + QStringLiteral("; ") + item.reason;
        } else if (const int requirement = item.documentRequirement(); requirement >= 0) {
            const QString what = service && requirement < service->requirements.size()
                ? service->displayRequirements(m_catalog.english()).at(requirement)
                : tr("Dokumen %1").arg(requirement + 1);
            pages.append(FixPage {requirement, what, item.reason, 0});
        } else if (!item.reason.isEmpty() && !general.contains(item.reason)) {
            general.append(item.reason);
        }
    }
    m_form.setNotes(fieldNotes);
    m_pages.setRows(pages);
    m_note = general.join(QLatin1Char('\n'));
    Q_EMIT startedChanged();
    setStep(Editing);
    m_flow.show(VisitFlow::Fix);
    return true;
}

void RequestFix::recapture(int row)
{
    if (m_step != Editing || !canRecapture() || row < 0 || row >= m_pages.rows().size())
        return;
    const auto service = m_catalog.find(m_view.serviceCode);
    if (!service)
        return;
    const int requirement = m_pages.rows().at(row).requirement;
    if (requirement >= service->requirements.size())
        return;
    setError({});
    m_capturing = true;
    m_documents.begin(service->displayRequirements(m_catalog.english()), {requirement});
    if (m_capturing)
        m_flow.show(VisitFlow::Documents);
}

void RequestFix::takeCapturedPages()
{
    if (!m_capturing)
        return;
    m_capturing = false;
    const auto service = m_catalog.find(m_view.serviceCode);
    // The page names its requirement as the catalog does (Indonesian), whatever language the screen showed.
    for (CapturedPage page : m_documents.pages()) {
        if (service && page.requirement >= 0 && page.requirement < service->requirements.size())
            page.requirementText = service->requirements.at(page.requirement);
        m_newPages.insert(page.requirement, page);
    }
    // "Lewati": the citizen brings the original after all; a page taken earlier in this fix is dropped.
    for (int requirement : m_documents.skipped())
        m_newPages.remove(requirement);
    m_documents.clear();
    updatePageRows();
    m_flow.show(VisitFlow::Fix);
}

void RequestFix::abandonCapture()
{
    m_capturing = false;
    m_documents.clear();
}

void RequestFix::updatePageRows()
{
    QList<FixPage> rows = m_pages.rows();
    for (FixPage &row : rows) {
        const auto page = m_newPages.constFind(row.requirement);
        row.newKilobytes = page == m_newPages.constEnd() ? 0 : int((page->bytes.size() + 1023) / 1024);
    }
    m_pages.setRows(rows);
}

void RequestFix::review()
{
    if (m_step != Editing || m_view.registrationNumber.isEmpty())
        return;
    if (!m_form.validate()) {
        setError(tr("Periksa lagi kolom yang ditandai merah."));
        return;
    }
    const QHash<QString, QString> before = shownByLabel(m_original);
    const QHash<QString, QString> after = shownByLabel(m_form);
    QStringList changed;
    // In the form's order; a field emptied is listed too.
    for (const ReviewLine &line : m_original.summary())
        if (!after.contains(line.label))
            changed.append(tr("%1: %2 → %3").arg(line.label, line.value, tr("(kosong)")));
    for (const ReviewLine &line : m_form.summary())
        if (before.value(line.label) != line.value)
            changed.append(tr("%1: %2 → %3").arg(line.label, before.value(line.label, tr("(kosong)")), line.value));
    for (const FixPage &page : m_pages.rows())
        if (page.newKilobytes > 0)
            changed.append(tr("%1: halaman baru difoto (%2 KB)").arg(page.text).arg(page.newKilobytes));
    if (changed.isEmpty()) {
        setError(tr("Belum ada yang diubah. Perbaiki kolom yang diminta petugas."));
        return;
    }
    setError({});
    m_changes = changed;
    setStep(Reviewing);
}

void RequestFix::edit()
{
    if (m_step == Reviewing)
        setStep(Editing);
}

void RequestFix::submit()
{
    if (m_step != Reviewing || !m_changeStore)
        return;
    serverlink::RequestRevision revision;
    revision.registrationNumber = m_view.registrationNumber;
    revision.baseVersion = m_view.version;
    revision.name = m_form.value(QStringLiteral("name"));
    revision.address = m_form.value(QStringLiteral("address"));
    revision.purpose = m_form.value(QStringLiteral("purpose"));
    revision.phone = m_form.value(QStringLiteral("phone"));
    revision.fields = m_form.values();
    // The pages the backend holds stay part of the request unless a new page replaces them; a page neither kept nor
    // retaken is brought to the office.
    const QList<CapturedPage> newPages = m_newPages.values();
    const QList<serverlink::DocumentRef> newRefs = DocumentStore::describe(newPages);
    for (const serverlink::DocumentRef &kept : m_view.documents)
        if (!m_newPages.contains(kept.requirement))
            revision.documents.append(kept);
    revision.documents.append(newRefs);
    revision.proof = m_proof;
    revision.submittedAt = QDateTime::currentDateTimeUtc();
    if (const auto committed = m_changeStore->enqueueRevision(revision, newPages, newRefs); !committed) {
        qCCritical(lcFix).noquote() << "revision not stored:" << committed.error();
        setError(tr("Maaf, perbaikan belum dapat disimpan. Silakan hubungi petugas."));
        return;
    }
    qCInfo(lcFix).noquote() << "revision of" << revision.registrationNumber << "committed on version" << revision.baseVersion << "with"
                            << newPages.size() << "new pages";
    m_newPages.clear();
    SlipWriter slip;
    slip.centered(QStringLiteral("ANJUNGAN DESA"), false, true).centered(m_ledger.officeName()).rule();
    slip.centered(QStringLiteral("PERBAIKAN DITERIMA"), false, true).blank();
    slip.field(QStringLiteral("No. Registrasi"), revision.registrationNumber).field(QStringLiteral("Layanan"), m_serviceName);
    slip.field(
        QStringLiteral("Waktu"), QLocale(QLocale::Indonesian).toString(QDateTime::currentDateTime(), QStringLiteral("d MMM yyyy HH:mm")));
    slip.rule().text(QStringLiteral("Perbaikan Anda dikirim ke petugas. Simpan tiket pertama Anda untuk cek status."));
    m_ledger.printSlip(slip.finish(), QStringLiteral("Perbaikan %1").arg(revision.registrationNumber));
    setError({});
    setStep(Sent);
    Q_EMIT revisionQueued();
}

} // namespace kiosk
