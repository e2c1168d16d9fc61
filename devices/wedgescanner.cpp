#include "wedgescanner.h"

#include <QCoreApplication>
#include <QKeyEvent>

#include <algorithm>

namespace devices {

namespace {

bool isModifierKey(int key)
{
    switch (key) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Alt:
    case Qt::Key_AltGr:
    case Qt::Key_Meta:
    case Qt::Key_CapsLock:
    case Qt::Key_NumLock:
        return true;
    default:
        return false;
    }
}

bool isPrintable(const QString &text)
{
    if (text.isEmpty())
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isPrint(); });
}

} // namespace

WedgeScanner::WedgeScanner(QObject *parent)
    : Scanner(parent)
{
    // Parented so tools and tests can find it; as a member it is destroyed before this object.
    m_abandon.setParent(this);
    m_abandon.setObjectName(QStringLiteral("abandonTimer"));
    m_abandon.setSingleShot(true);
    m_abandon.setInterval(kAbandonAfterMs);
    connect(&m_abandon, &QTimer::timeout, this, &WedgeScanner::reset);
    m_sinceLastKey.start();
}

WedgeScanner::~WedgeScanner()
{
    if (m_installed && QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

bool WedgeScanner::start()
{
    if (m_installed)
        return true;
    QCoreApplication *app = QCoreApplication::instance();
    if (!app) {
        m_lastError = QStringLiteral("Pemindai keyboard belum dapat dipakai karena aplikasi belum berjalan. Mulai ulang kiosk.");
        setState(State::Error);
        Q_EMIT stateChanged();
        return false;
    }
    app->installEventFilter(this);
    m_installed = true;
    m_lastError.clear();
    setState(State::Ready);
    Q_EMIT stateChanged();
    return true;
}

bool WedgeScanner::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::KeyPress && type != QEvent::KeyRelease)
        return Scanner::eventFilter(watched, event);
    // Physical keys arrive at a window first, which then forwards them to its items;
    // swallowing them at the window means items never see them. Key events sent straight to
    // an item (the on-screen keyboard's Enter/Backspace) pass untouched.
    if (!watched || !watched->isWindowType())
        return Scanner::eventFilter(watched, event);
    const auto *keyEvent = static_cast<QKeyEvent *>(event);
    if (type == QEvent::KeyPress && !isDuplicate(*keyEvent))
        handleKeyPress(*keyEvent);
    return true;
}

bool WedgeScanner::isDuplicate(const QKeyEvent &event)
{
    const bool same = m_lastEvent == &event && m_lastEventType == event.type() && m_lastEventTimestamp == event.timestamp()
        && m_lastEventKey == event.key();
    m_lastEvent = &event;
    m_lastEventType = event.type();
    m_lastEventTimestamp = event.timestamp();
    m_lastEventKey = event.key();
    return same;
}

quint64 WedgeScanner::eventTime(const QKeyEvent &event) const
{
    return event.timestamp() != 0 ? event.timestamp() : quint64(m_sinceLastKey.elapsed());
}

void WedgeScanner::handleKeyPress(const QKeyEvent &event)
{
    if (isModifierKey(event.key()))
        return;
    // A held-down key repeats quickly; that is a person, not a scanner.
    if (event.isAutoRepeat()) {
        reset();
        return;
    }
    const quint64 now = eventTime(event);
    // A gap longer than a scanner ever makes ends the burst: whatever came before was typed by hand.
    if (!m_buffer.isEmpty() && (now < m_lastKeyTime || now - m_lastKeyTime > quint64(kMaxKeyGapMs)))
        reset();
    m_lastKeyTime = now;

    const int key = event.key();
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        const QString payload = m_buffer;
        reset();
        if (payload.size() >= kMinBurstLength)
            Q_EMIT scanned(payload);
        return;
    }
    const QString text = event.text();
    if (!isPrintable(text)) {
        reset();
        return;
    }
    if (m_buffer.size() + text.size() > kMaxBurstLength) {
        reset();
        return;
    }
    m_buffer += text;
    m_abandon.start();
}

void WedgeScanner::reset()
{
    m_buffer.clear();
    m_abandon.stop();
}

} // namespace devices
