#pragma once

#include "documentstore.h"
#include "pageanalyser.h"
#include "pagesource.h"
#include "rowlistmodel.h"

#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

namespace devices {
class PageCapture;
} // namespace devices

namespace kiosk {

class VisitFlow;
/// One requirement on the documents screen and what became of it.
struct DocumentRow {
    /// Where a requirement stands.
    enum class State {
        Waiting, ///< Not reached yet (or being captured now).
        Captured, ///< A page is held for it.
        Skipped, ///< "Bawa aslinya": the citizen brings the original to the office.
        NotAsked, ///< Not part of this round (a fix asks only for some requirements again).
    };
    int index = 0; ///< the requirement's index in the catalog service's list
    QString text;
    State state = State::Waiting;
    QByteArray jpeg;
    bool outlineFound = false;
    qint64 captureMs = 0; ///< from the camera's start to the page being ready
};

/// The requirements of the documents screen with their state, for the list beside the camera.
class DocumentRowsModel : public RowListModel<DocumentRow>
{
    Q_OBJECT
public:
    enum Role { TextRole = Qt::UserRole + 1, StateRole, KilobytesRole, IndexRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const DocumentRow &row, int role) const override;
};

/// The documents screen: for each requirement of the service, a live preview from the document source, the
/// automatic capture of a still and sharp page, "Ulangi", "Lanjut" and "Lewati (bawa aslinya ke kantor)". Pages are
/// held in memory until the caller takes them (pages()) and forgotten when the visit is wiped. The letter request
/// uses it after the form; a fix of a returned request can ask again for only some requirements (begin()).
class DocumentCapture : public QObject
{
    Q_OBJECT
    /// False when the kiosk has no document source: every requirement is "bawa aslinya", the screen is skipped.
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    Q_PROPERTY(kiosk::DocumentRowsModel *rows READ rows CONSTANT)
    /// Row being captured (-1 when every asked requirement has an answer).
    Q_PROPERTY(int current READ current NOTIFY currentChanged)
    Q_PROPERTY(QString currentText READ currentText NOTIFY currentChanged)
    /// "1 dari 3" for the current requirement among those asked.
    Q_PROPERTY(QString progressText READ progressText NOTIFY currentChanged)
    Q_PROPERTY(Step step READ step NOTIFY stepChanged)
    /// The line under the preview: hold still, moving, not sharp, or why the source cannot be used.
    Q_PROPERTY(QString hintText READ hintText NOTIFY hintChanged)
    /// The camera's picture, a few times a second, scaled for the screen.
    Q_PROPERTY(QImage preview READ preview NOTIFY previewChanged)
    /// The current requirement's stored page (decoded from what will be sent).
    Q_PROPERTY(QImage page READ page NOTIFY pageChanged)
    Q_PROPERTY(QString pageInfo READ pageInfo NOTIFY pageChanged)
    /// A flatbed scanner waits for "Pindai"; a camera captures by itself.
    Q_PROPERTY(bool needsScanButton READ needsScanButton NOTIFY availableChanged)

public:
    /// What the screen shows for the current requirement.
    enum Step {
        Idle, ///< Nothing asked.
        Looking, ///< Preview running, waiting for a still and sharp page (or for "Pindai").
        Scanning, ///< A flatbed scan is under way.
        Captured, ///< The page is shown with "Ulangi" and "Lanjut".
        Unavailable, ///< The source failed; only "Lewati" helps now.
    };
    Q_ENUM(Step)

    /// Preview updates: 5 a second look live and cost little to paint.
    static constexpr qint64 kPreviewIntervalMs = 200;
    /// Preview width: the screen shows it at about this size.
    static constexpr int kPreviewWidth = 640;

    explicit DocumentCapture(VisitFlow &flow, QObject *parent = nullptr);
    ~DocumentCapture() override;

    /// The document source built by the composition root from [documents] source (null: none configured).
    void setSource(devices::PageSource *source);

    [[nodiscard]] bool available() const { return m_source != nullptr; }
    [[nodiscard]] DocumentRowsModel *rows() { return &m_rows; }
    [[nodiscard]] int current() const { return m_current; }
    [[nodiscard]] QString currentText() const;
    [[nodiscard]] QString progressText() const;
    [[nodiscard]] Step step() const { return m_step; }
    [[nodiscard]] QString hintText() const { return m_hintText; }
    [[nodiscard]] QImage preview() const { return m_preview; }
    [[nodiscard]] QImage page() const { return m_page; }
    [[nodiscard]] QString pageInfo() const;
    [[nodiscard]] bool needsScanButton() const;

    /// Asks for `requirements` (display texts, in catalog order); with `onlyThese` (indexes into `requirements`)
    /// only those, the others are NotAsked. Starts the source at the first one asked; finished() when all answered.
    Q_INVOKABLE void begin(const QStringList &requirements, const QList<int> &onlyThese = {});
    /// "Ulangi": drops the current page and looks again.
    Q_INVOKABLE void retake();
    /// "Lanjut": keeps the current page and goes to the next requirement.
    Q_INVOKABLE void accept();
    /// "Lewati (bawa aslinya ke kantor)".
    Q_INVOKABLE void skip();
    /// A flatbed scan of the current requirement.
    Q_INVOKABLE void scanNow();
    /// Forgets every page and stops the source (the visit ended).
    Q_INVOKABLE void clear();

    /// The captured pages (index and text as given to begin()).
    [[nodiscard]] QList<CapturedPage> pages() const;
    /// Indexes of the requirements skipped ("bawa aslinya").
    [[nodiscard]] QList<int> skipped() const;
    /// True when every requirement asked has a page or was skipped.
    [[nodiscard]] bool isComplete() const { return !m_rows.rows().isEmpty() && m_current < 0; }

Q_SIGNALS:
    void availableChanged();
    void currentChanged();
    void stepChanged();
    void hintChanged();
    void previewChanged();
    void pageChanged();
    /// Every requirement asked has a page or was skipped: the caller moves on.
    void finished();

private:
    void startCurrent();
    void advance();
    void setStep(Step step);
    void setHint(const QString &text);
    void stopSource();
    void onFrame(const QImage &frame);
    void onPageReady(const devices::ProcessedPage &page, int analysedFrames);
    void onSourceFailed(const QString &message);
    void updateRow(const std::function<void(DocumentRow &)> &change);

    VisitFlow &m_flow;
    QPointer<devices::PageSource> m_source;
    std::unique_ptr<devices::PageCapture> m_capture;
    DocumentRowsModel m_rows;
    int m_current = -1;
    Step m_step = Idle;
    QString m_hintText;
    QImage m_preview;
    QImage m_page;
    QElapsedTimer m_sincePreview;
    QElapsedTimer m_sinceStart;
};

} // namespace kiosk
