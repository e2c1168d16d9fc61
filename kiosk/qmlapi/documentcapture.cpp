#include "documentcapture.h"

#include "pagecapture.h"
#include "pagesource.h"
#include "visitflow.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCapture, "anjungan.documents")

namespace kiosk {

QHash<int, QByteArray> DocumentRowsModel::roleNames() const
{
    return {{TextRole, "text"}, {StateRole, "state"}, {KilobytesRole, "kilobytes"}, {IndexRole, "requirementIndex"}};
}

QVariant DocumentRowsModel::roleData(const DocumentRow &row, int role) const
{
    switch (role) {
    case TextRole:
        return row.text;
    case StateRole:
        switch (row.state) {
        case DocumentRow::State::Captured:
            return QStringLiteral("captured");
        case DocumentRow::State::Skipped:
            return QStringLiteral("skipped");
        case DocumentRow::State::NotAsked:
            return QStringLiteral("notAsked");
        case DocumentRow::State::Waiting:
            break;
        }
        return QStringLiteral("waiting");
    case KilobytesRole:
        return int((row.jpeg.size() + 1023) / 1024);
    case IndexRole:
        return row.index;
    default:
        return {};
    }
}

DocumentCapture::DocumentCapture(VisitFlow &flow, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_capture(std::make_unique<devices::PageCapture>())
    , m_rows(this)
{
    connect(m_capture.get(), &devices::PageCapture::hintChanged, this, [this](devices::CaptureHint hint) {
        if (m_step != Looking)
            return;
        switch (hint) {
        case devices::CaptureHint::NoPage:
            setHint(tr("Tahan dokumen di depan kamera, di atas meja."));
            break;
        case devices::CaptureHint::Moving:
            setHint(tr("Dokumen bergerak. Tahan diam sebentar."));
            break;
        case devices::CaptureHint::Blurry:
            setHint(tr("Kurang tajam. Jauhkan sedikit dokumen dari kamera dan tahan diam."));
            break;
        case devices::CaptureHint::Steady:
            setHint(tr("Tahan… dokumen sedang difoto."));
            break;
        }
    });
    connect(m_capture.get(), &devices::PageCapture::pageReady, this, &DocumentCapture::onPageReady);
    connect(&m_flow, &VisitFlow::wiped, this, &DocumentCapture::clear);
}

DocumentCapture::~DocumentCapture()
{
    stopSource();
}

void DocumentCapture::setSource(devices::PageSource *source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    if (m_source) {
        connect(m_source, &devices::PageSource::frameArrived, this, &DocumentCapture::onFrame);
        connect(m_source, &devices::PageSource::pageArrived, this, [this](const QImage &scanned) {
            if (m_step == Scanning) {
                m_preview = scanned.scaledToWidth(kPreviewWidth, Qt::SmoothTransformation);
                Q_EMIT previewChanged();
                m_capture->offerPage(scanned);
            }
        });
        connect(m_source, &devices::PageSource::failed, this, &DocumentCapture::onSourceFailed);
    }
    Q_EMIT availableChanged();
}

bool DocumentCapture::needsScanButton() const
{
    return m_source && m_source->kind() == devices::PageSource::Kind::Pages;
}

QString DocumentCapture::currentText() const
{
    return m_current >= 0 && m_current < m_rows.rows().size() ? m_rows.rows().at(m_current).text : QString();
}

QString DocumentCapture::progressText() const
{
    if (m_current < 0)
        return {};
    int asked = 0;
    int position = 0;
    for (qsizetype i = 0; i < m_rows.rows().size(); ++i) {
        if (m_rows.rows().at(i).state == DocumentRow::State::NotAsked)
            continue;
        ++asked;
        if (i <= m_current)
            position = asked;
    }
    return tr("Dokumen %1 dari %2").arg(position).arg(asked);
}

QString DocumentCapture::pageInfo() const
{
    if (m_current < 0 || m_step != Captured)
        return {};
    const DocumentRow &row = m_rows.rows().at(m_current);
    return row.outlineFound ? tr("Halaman diluruskan, %1 KB.").arg((row.jpeg.size() + 1023) / 1024)
                            : tr("Tepi kertas tidak terlihat; seluruh gambar disimpan, %1 KB.").arg((row.jpeg.size() + 1023) / 1024);
}

void DocumentCapture::begin(const QStringList &requirements, const QList<int> &onlyThese)
{
    stopSource();
    QList<DocumentRow> rows;
    for (qsizetype i = 0; i < requirements.size(); ++i) {
        DocumentRow row;
        row.index = int(i);
        row.text = requirements.at(i);
        row.state = onlyThese.isEmpty() || onlyThese.contains(int(i)) ? DocumentRow::State::Waiting : DocumentRow::State::NotAsked;
        rows.append(row);
    }
    m_rows.setRows(rows);
    m_current = -1;
    m_page = {};
    Q_EMIT pageChanged();
    advance();
}

void DocumentCapture::advance()
{
    const QList<DocumentRow> &rows = m_rows.rows();
    int next = -1;
    for (qsizetype i = m_current + 1; i < rows.size(); ++i) {
        if (rows.at(i).state == DocumentRow::State::Waiting) {
            next = int(i);
            break;
        }
    }
    m_current = next;
    m_page = {};
    Q_EMIT currentChanged();
    Q_EMIT pageChanged();
    if (m_current < 0) {
        stopSource();
        setStep(Idle);
        Q_EMIT finished();
        return;
    }
    startCurrent();
}

void DocumentCapture::startCurrent()
{
    m_capture->reset();
    m_preview = {};
    Q_EMIT previewChanged();
    if (!m_source) {
        setStep(Unavailable);
        setHint(tr("Anjungan ini tidak memiliki kamera dokumen. Sentuh Lewati dan bawa aslinya ke kantor desa."));
        return;
    }
    m_sinceStart.start();
    m_sincePreview.invalidate();
    if (!m_source->start()) {
        onSourceFailed(m_source->lastError());
        return;
    }
    setStep(Looking);
    setHint(needsScanButton() ? tr("Letakkan dokumen di pemindai, tutup, lalu sentuh Pindai.")
                              : tr("Tahan dokumen di depan kamera, di atas meja."));
}

void DocumentCapture::retake()
{
    if (m_current < 0 || (m_step != Captured && m_step != Unavailable))
        return;
    updateRow([](DocumentRow &row) {
        row.state = DocumentRow::State::Waiting;
        row.jpeg.clear();
    });
    m_page = {};
    Q_EMIT pageChanged();
    startCurrent();
}

void DocumentCapture::accept()
{
    if (m_current < 0 || m_step != Captured)
        return;
    advance();
}

void DocumentCapture::skip()
{
    if (m_current < 0)
        return;
    stopSource();
    updateRow([](DocumentRow &row) {
        row.state = DocumentRow::State::Skipped;
        row.jpeg.clear();
    });
    advance();
}

void DocumentCapture::scanNow()
{
    if (m_current < 0 || m_step != Looking || !needsScanButton())
        return;
    setStep(Scanning);
    setHint(tr("Sedang memindai… jangan buka tutup pemindai."));
    m_source->requestPage();
}

void DocumentCapture::clear()
{
    stopSource();
    m_capture->reset();
    m_rows.setRows({});
    m_current = -1;
    m_preview = {};
    m_page = {};
    setStep(Idle);
    setHint({});
    Q_EMIT currentChanged();
    Q_EMIT previewChanged();
    Q_EMIT pageChanged();
}

QList<CapturedPage> DocumentCapture::pages() const
{
    QList<CapturedPage> pages;
    for (const DocumentRow &row : m_rows.rows())
        if (row.state == DocumentRow::State::Captured)
            pages.append(CapturedPage {row.index, row.text, row.jpeg});
    return pages;
}

QList<int> DocumentCapture::skipped() const
{
    QList<int> skipped;
    for (const DocumentRow &row : m_rows.rows())
        if (row.state == DocumentRow::State::Skipped)
            skipped.append(row.index);
    return skipped;
}

void DocumentCapture::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    Q_EMIT stepChanged();
    // pageInfo() shows only beside a captured page.
    Q_EMIT pageChanged();
}

void DocumentCapture::setHint(const QString &text)
{
    if (m_hintText == text)
        return;
    m_hintText = text;
    Q_EMIT hintChanged();
}

void DocumentCapture::stopSource()
{
    if (m_source)
        m_source->stop();
}

void DocumentCapture::onFrame(const QImage &frame)
{
    if (m_step != Looking)
        return;
    if (!m_sincePreview.isValid() || m_sincePreview.elapsed() >= kPreviewIntervalMs) {
        m_sincePreview.start();
        m_preview = frame.scaledToWidth(std::min(kPreviewWidth, frame.width()), Qt::FastTransformation);
        Q_EMIT previewChanged();
    }
    m_capture->offerFrame(frame);
}

void DocumentCapture::onPageReady(const devices::ProcessedPage &page, int analysedFrames)
{
    if (m_current < 0 || (m_step != Looking && m_step != Scanning))
        return;
    stopSource();
    const qint64 captureMs = m_sinceStart.elapsed();
    qCInfo(lcCapture).noquote() << "page for requirement" << m_rows.rows().at(m_current).index << ":" << page.jpeg.size() << "bytes,"
                                << page.size.width() << "x" << page.size.height() << "q" << page.quality << (page.grey ? "grey" : "colour")
                                << (page.outlineFound ? "deskewed" : "whole frame") << "after" << captureMs << "ms," << analysedFrames
                                << "frames analysed, processing" << page.processingMs << "ms";
    updateRow([&page, captureMs](DocumentRow &row) {
        row.state = DocumentRow::State::Captured;
        row.jpeg = page.jpeg;
        row.outlineFound = page.outlineFound;
        row.captureMs = captureMs;
    });
    m_page = QImage::fromData(page.jpeg, "JPEG");
    setStep(Captured);
    setHint(tr("Dokumen sudah difoto. Periksa apakah tulisannya terbaca."));
    Q_EMIT pageChanged();
    m_flow.setNotice({});
}

void DocumentCapture::onSourceFailed(const QString &message)
{
    if (m_current < 0)
        return;
    qCWarning(lcCapture).noquote() << "document source:" << message;
    setStep(Unavailable);
    setHint(tr("Kamera dokumen tidak dapat dipakai saat ini. Sentuh Lewati dan bawa aslinya ke kantor desa."));
}

void DocumentCapture::updateRow(const std::function<void(DocumentRow &)> &change)
{
    QList<DocumentRow> rows = m_rows.rows();
    if (m_current < 0 || m_current >= rows.size())
        return;
    change(rows[m_current]);
    m_rows.setRows(rows);
}

} // namespace kiosk
