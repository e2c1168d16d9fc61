#pragma once

#include "formmodel.h"
#include "protocol.h"

#include <QObject>
#include <QStringList>

namespace kiosk {

class CatalogModel;
class PrintLedger;
class RequestChanges;
class VisitFlow;

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
    Q_PROPERTY(QStringList pageNotes READ pageNotes NOTIFY startedChanged)
    Q_PROPERTY(QStringList changes READ changes NOTIFY stepChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    enum Step { Editing, Reviewing, Sent };
    Q_ENUM(Step)

    RequestFix(VisitFlow &flow, const CatalogModel &catalog, PrintLedger &ledger, RequestChanges *changes, QObject *parent = nullptr);

    [[nodiscard]] FormModel *form() { return &m_form; }
    [[nodiscard]] Step step() const { return m_step; }
    [[nodiscard]] QString registrationNumber() const { return m_view.registrationNumber; }
    [[nodiscard]] QString serviceName() const { return m_serviceName; }
    [[nodiscard]] QString note() const { return m_note; }
    [[nodiscard]] QStringList pageNotes() const { return m_pageNotes; }
    /// What the review shows: one "label: before → after" line per field changed.
    [[nodiscard]] QStringList changes() const { return m_changes; }
    [[nodiscard]] QString error() const { return m_error; }
    /// Whether a fix can be committed here at all (a store for revisions was given).
    [[nodiscard]] bool available() const { return m_changeStore != nullptr; }

    /// Opens the fix of `view` (detailed, NEEDS_FIX) with the proof the citizen gave; false when it cannot be fixed here.
    bool start(const serverlink::RequestView &view, const serverlink::RequestProof &proof);
    /// Checks the form and shows what changed.
    Q_INVOKABLE void review();
    /// Back from the review to the form.
    Q_INVOKABLE void edit();
    /// Commits the revision (then prints the slip "Perbaikan diterima").
    Q_INVOKABLE void submit();

Q_SIGNALS:
    void startedChanged();
    void stepChanged();
    void errorChanged();
    /// A revision was committed: the sync service may deliver it now.
    void revisionQueued();

private:
    void wipe();
    void setStep(Step step);
    void setError(const QString &error);
    /// Fills `form` with the service's fields and the request's last version.
    void prefill(FormModel &form) const;

    VisitFlow &m_flow;
    const CatalogModel &m_catalog;
    PrintLedger &m_ledger;
    RequestChanges *m_changeStore;
    FormModel m_form;
    FormModel m_original; // the request as returned, for the review's "what changed"
    serverlink::RequestView m_view;
    serverlink::RequestProof m_proof;
    QString m_serviceName;
    QString m_note;
    QStringList m_pageNotes;
    QStringList m_changes;
    QString m_error;
    Step m_step = Editing;
};

} // namespace kiosk
