#pragma once

#include "catalogmodel.h"
#include "complaintbox.h"
#include "idlemonitor.h"
#include "kioskareas.h"
#include "outbox.h"
#include "pickupnumbers.h"
#include "printer.h"
#include "printjobtracker.h"
#include "requestchanges.h"
#include "staffdirectory.h"
#include "store.h"
#include "translations.h"
#include "wedgescanner.h"

#include <QMutex>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <memory>

/// A printer at the hardware boundary that keeps what it was sent (tests only). Its state is set by the
/// test; while it cannot print, jobs stay pending; with failJobs set, every job it accepted aborts.
class CapturingPrinter : public devices::Printer
{
public:
    QString uri() const override { return QStringLiteral("capture:"); }
    devices::PrintSubmission submit(const QByteArray &document, const QString &mimeType, const QString &) override
    {
        QMutexLocker lock(&m_mutex);
        m_documents.append(document);
        m_mimeTypes.append(mimeType);
        return {true, int(m_documents.size()), {}};
    }
    QString describeState() override { return QStringLiteral("siap"); }
    devices::DeviceState queryState() override
    {
        QMutexLocker lock(&m_mutex);
        return m_state;
    }
    int queryJobState(int) override
    {
        QMutexLocker lock(&m_mutex);
        if (m_failJobs)
            return devices::jobstate::Aborted;
        return devices::canPrint(m_state) ? devices::jobstate::Completed : devices::jobstate::Pending;
    }
    bool cancelJob(int) override { return true; }

    void setState(devices::DeviceState state)
    {
        QMutexLocker lock(&m_mutex);
        m_state = state;
    }
    void setFailJobs(bool fail)
    {
        QMutexLocker lock(&m_mutex);
        m_failJobs = fail;
    }
    QList<QByteArray> documents() const
    {
        QMutexLocker lock(&m_mutex);
        return m_documents;
    }

private:
    mutable QMutex m_mutex;
    QList<QByteArray> m_documents;
    QStringList m_mimeTypes;
    devices::DeviceState m_state = devices::DeviceState::Ready;
    bool m_failJobs = false;
};

/// Pick-up numbers counted per harness (tests only; the kiosk takes them from its queue book).
/// The text of an ESC/POS text slip (SlipWriter): printer commands dropped, lines kept.
[[nodiscard]] QString escPosText(const QByteArray &job);

/// The kiosk's real objects (store, outbox, catalog, the UI areas, QML UI, wedge scanner) on a
/// throw-away data folder, with a capturing printer, driven the way a person does: taps on
/// items, text through the input method (as the on-screen keyboard sends it), and scans.
class KioskHarness
{
public:
    /// `staffIdleMs`: staff mode's idle time ([staff] idleMinutes). `dataDir`: the kiosk's data folder (store and
    /// device key) when a test restarts the kiosk on the same files; a fresh temporary folder when empty. The
    /// staff directory holds teststaff::withTechnician() (tests/tools/teststaff.h). `queue`: the lokets. `live`: the backend asked
    /// now by the status screen (owned by the test; none: this kiosk's requests only). `technician`: what technician
    /// mode uses (its backend, certificate and configuration); none: an unreachable backend and a configuration of the test's.
    /// `sealVerifier`: the seal check of "Verifikasi Surat" (owned by the test); none: every seal is TIDAK DIKENAL.
    explicit KioskHarness(int idleWarnMs = 60000, int idleWipeMs = 75000, int staffIdleMs = 180000, const QString &dataDir = {},
        kiosk::QueueBook::Settings queue = {}, kiosk::LiveLink *live = nullptr,
        std::optional<kiosk::TechnicianSettings> technician = std::nullopt, const kiosk::SealVerifier *sealVerifier = nullptr);
    ~KioskHarness();

    /// Loads Main.qml at `size`; false with the QML errors printed when it does not load.
    bool load(QSize size = {1280, 800});
    void resize(QSize size);

    /// The visible item with this objectName (searched below `within`, or the whole window).
    QQuickItem *find(const QString &objectName, QQuickItem *within = nullptr) const;
    /// Waits (with a deadline) until the item exists and is visible.
    QQuickItem *waitFor(const QString &objectName, int timeoutMs = 3000, QQuickItem *within = nullptr);
    /// Scrolls the item into view and taps its centre. Counts as one tap.
    bool tap(const QString &objectName, QQuickItem *within = nullptr);
    bool tapItem(QQuickItem *item);
    /// Focuses the text box inside `fieldObjectName` (searched below `within`, or the whole window) and
    /// commits `text` as the on-screen keyboard does.
    bool type(const QString &fieldObjectName, const QString &text, QQuickItem *within = nullptr);
    /// A keyboard-wedge scanner burst.
    void scan(const QString &payload);
    /// Waits for the visit to reach `screen` ("consent", "staffLogin": see VisitFlow::screenName).
    bool waitForScreen(const QString &screen, int timeoutMs = 3000);
    /// The screen showing now, by name.
    [[nodiscard]] QString screen() const;
    /// The message beside form field `key` (empty when it is fine or absent).
    [[nodiscard]] QString fieldError(const QString &key) const;
    /// Every visible Text in the window (or below `within`), for checks on what a person can read.
    QList<QQuickItem *> visibleTexts(QQuickItem *within = nullptr) const;

    QTemporaryDir dir;
    kiosk::KioskStore store;
    QByteArray key;
    std::unique_ptr<kiosk::OutboxRepository> outbox;
    /// Revisions and cancellations committed on this kiosk.
    std::unique_ptr<kiosk::RequestChanges> changes;
    /// Complaints filed at the kiosk (sealed with the same device key).
    std::unique_ptr<kiosk::ComplaintBox> complaints;
    kiosk::CatalogModel catalog;
    std::unique_ptr<kiosk::StaffDirectory> staff;
    std::unique_ptr<kiosk::IdleMonitor> idle;
    /// Owned by `print`; the tracker polls them every 20 ms.
    CapturingPrinter *ticketPrinter = nullptr;
    CapturingPrinter *letterPrinter = nullptr;
    std::unique_ptr<devices::PrintJobTracker> print;
    std::unique_ptr<kiosk::KioskAreas> areas;
    std::unique_ptr<devices::WedgeScanner> wedge;
    std::unique_ptr<QQmlApplicationEngine> engine;
    std::unique_ptr<kiosk::Translations> translations;
    QQuickWindow *window = nullptr;
    int taps = 0;
    static const QString kStaffPin;
    /// Siti's staff card (teststaff::card('S')); her PIN is kStaffPin.
    static const QString kStaffCard;
    /// Tono's technician card (teststaff::card('T')); his PIN is kStaffPin too.
    static const QString kTechnicianCard;
    /// The folder standing in for the technician's USB stick (technician mode exports the diagnostics bundle here).
    QString technicianStick;
    /// The stick helper's spool folder: absent (no helper, the folder above is the stick) unless a test makes it and
    /// answers the requests as the helper does.
    QString stickSpool;
    /// A request of `nik` delivered to the backend, READY, its signed letter on this kiosk (checked by its hash);
    /// an empty request when the store refused a step.
    kiosk::QueuedRequest readyLetter(const QString &nik);
    /// Scans Siti's card and types kStaffPin on the PIN pad (taps); true when the desk opened.
    bool signInStaff();
};
