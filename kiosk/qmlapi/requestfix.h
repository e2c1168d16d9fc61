#pragma once

#include "documentstore.h"
#include "formmodel.h"
#include "protocol.h"
#include "rowlistmodel.h"

#include <QMap>
#include <QObject>
#include <QStringList>

namespace kiosk {

class CatalogModel;
class DocumentCapture;
class PrintLedger;
class RequestChanges;
class VisitFlow;

/// A requirement page the officer named in the fix items, and the new page taken for it (if any).
struct FixPage {
    int requirement = 0; ///< index into the service's requirements (catalog order)
    QString text; ///< the requirement as the screen shows it
    QString reason;
    int newKilobytes = 0; ///< 0: no new page; the original is brought to the office or the old page stays
};

/// The pages the officer asked for again, for the fix screen's list with "Foto ulang".
class FixPagesModel : public RowListModel<FixPage>
{
    Q_OBJECT
public:
    enum Role { TextRole = Qt::UserRole + 1, ReasonRole, RequirementRole, NewKilobytesRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const FixPage &row, int role) const override;
};

/// "Perbaiki permohonan": a request returned for fixes (NEEDS_FIX), opened with proof (ticket QR or NIK) on any
/// kiosk of the kecamatan, corrected in the same form engine with the officer's reason beside each field concerned,
/// reviewed with what changed, and committed durably as a revision that the sync service delivers once.
class RequestFix : public QObject
{
    Q_OBJECT
    Q_PROPERTY(kiosk::FormModel *form READ form CONSTANT)
    Q_PROPERTY(Step step READ step NOTIFY stepChanged)
    Q_PROPERTY(QString registrationNumber READ registrationNumber NOTIFY startedChanged)
    Q_PROPERTY(QString serviceName READ serviceName NOTIFY startedChanged)
    Q_PROPERTY(QString note READ note NOTIFY startedChanged)
    /// The pages the officer named, each with its reason and whether a new page was taken.
    Q_PROPERTY(kiosk::FixPagesModel *pages READ pages CONSTANT)
    /// A document source is configured: a named page can be photographed again here ("Foto ulang").
    Q_PROPERTY(bool canRecapture READ canRecapture NOTIFY canRecaptureChanged)
    Q_PROPERTY(QStringList changes READ changes NOTIFY stepChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    enum Step { Editing, Reviewing, Sent };
    Q_ENUM(Step)

    /// `documents`: the documents screen, used for "Foto ulang" when it has a source.
    RequestFix(VisitFlow &flow, const CatalogModel &catalog, PrintLedger &ledger, RequestChanges *changes, DocumentCapture &documents,
        QObject *parent = nullptr);

    [[nodiscard]] FormModel *form() { return &m_form; }
    [[nodiscard]] Step step() const { return m_step; }
    [[nodiscard]] QString registrationNumber() const { return m_view.registrationNumber; }
    [[nodiscard]] QString serviceName() const { return m_serviceName; }
    [[nodiscard]] QString note() const { return m_note; }
    [[nodiscard]] FixPagesModel *pages() { return &m_pages; }
    [[nodiscard]] bool canRecapture() const;
    /// The new pages taken in this fix (catalog requirement text), in requirement order.
    [[nodiscard]] QList<CapturedPage> newPages() const { return m_newPages.values(); }
    /// What the review shows: one "label: before → after" line per field changed.
    [[nodiscard]] QStringList changes() const { return m_changes; }
    [[nodiscard]] QString error() const { return m_error; }
    /// Whether a fix can be committed here at all (a store for revisions was given).
    [[nodiscard]] bool available() const { return m_changeStore != nullptr; }

    /// Opens the fix of `view` (detailed, NEEDS_FIX) with the proof the citizen gave; false when it cannot be fixed here.
    bool start(const serverlink::RequestView &view, const serverlink::RequestProof &proof);
    /// Checks the form and shows what changed.
    Q_INVOKABLE void review();
    /// "Foto ulang": the documents screen asks for the page of row `row` of pages() only, then comes back here.
    Q_INVOKABLE void recapture(int row);
    /// Back from the review to the form.
    Q_INVOKABLE void edit();
    /// Commits the revision (then prints the slip "Perbaikan diterima").
    Q_INVOKABLE void submit();

Q_SIGNALS:
    void startedChanged();
    void stepChanged();
    void errorChanged();
    void canRecaptureChanged();
    /// A revision was committed: the sync service may deliver it now.
    void revisionQueued();

private:
    void wipe();
    void setStep(Step step);
    void setError(const QString &error);
    /// Fills `form` with the service's fields and the request's last version.
    void prefill(FormModel &form) const;
    /// Takes the documents screen's result (finished()) and returns to the fix.
    void takeCapturedPages();
    /// The documents screen was left without finishing (back, home): what it held is dropped.
    void abandonCapture();
    void updatePageRows();

    VisitFlow &m_flow;
    const CatalogModel &m_catalog;
    PrintLedger &m_ledger;
    RequestChanges *m_changeStore;
    DocumentCapture &m_documents;
    FormModel m_form;
    FormModel m_original; // the request as returned, for the review's "what changed"
    serverlink::RequestView m_view;
    serverlink::RequestProof m_proof;
    QString m_serviceName;
    QString m_note;
    FixPagesModel m_pages;
    QMap<int, CapturedPage> m_newPages; // by requirement index
    bool m_capturing = false; // the documents screen was opened by recapture()
    QStringList m_changes;
    QString m_error;
    Step m_step = Editing;
};

} // namespace kiosk
