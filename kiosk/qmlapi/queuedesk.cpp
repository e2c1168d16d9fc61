#include "queuedesk.h"

#include "stafflogin.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcQueue, "anjungan.queue")

namespace kiosk {

namespace {
// "4 menit", or "–" when there is nothing to measure.
QString minutes(const std::optional<qint64> &seconds)
{
    if (!seconds)
        return QStringLiteral("–");
    return QObject::tr("%1 menit").arg((*seconds + 30) / 60);
}
// How often no-shows due back in line are put back and the counts refreshed.
constexpr int kRequeueCheckMs = 15000;
} // namespace

QVariant LoketReportModel::roleData(const Row &r, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case CounterRole:
        return r.counter;
    case ServedRole:
        return r.served;
    case SkippedRole:
        return r.skipped;
    case MedianWaitRole:
        return minutes(r.medianWaitSeconds);
    case MedianServiceRole:
        return minutes(r.medianServiceSeconds);
    default:
        return {};
    }
}

QHash<int, QByteArray> LoketReportModel::roleNames() const
{
    return {{CounterRole, "counter"}, {ServedRole, "served"}, {SkippedRole, "skipped"}, {MedianWaitRole, "medianWait"},
        {MedianServiceRole, "medianService"}};
}

QueueDesk::QueueDesk(QueueBook &book, const StaffLogin &login, QObject *parent)
    : QObject(parent)
    , m_book(book)
    , m_login(login)
{
    connect(&m_book, &QueueBook::changed, this, &QueueDesk::changed);
    connect(&m_login, &StaffLogin::deskChanged, this, [this] {
        setMessage({});
        if (m_login.desk())
            refreshReport();
    });
    m_requeue.setInterval(kRequeueCheckMs);
    connect(&m_requeue, &QTimer::timeout, this, [this] {
        if (const auto requeued = m_book.requeueDue(); !requeued)
            qCWarning(lcQueue).noquote() << "requeue failed:" << requeued.error();
    });
    m_requeue.start();
}

QList<int> QueueDesk::counters() const
{
    QList<int> out;
    for (const Loket &l : m_book.settings().lokets)
        out.append(l.counter);
    return out;
}

void QueueDesk::setCounter(int counter)
{
    if (counter == m_counter || !counters().contains(counter))
        return;
    m_counter = counter;
    if (m_login.desk())
        m_loketStaff.insert(counter, m_login.desk()->staff().username);
    setMessage({});
    Q_EMIT counterChanged();
    Q_EMIT changed();
}

QString QueueDesk::currentLabel() const
{
    const auto entry = m_book.current(m_counter);
    return entry ? entry->label : QString();
}

QString QueueDesk::currentPriority() const
{
    const auto entry = m_book.current(m_counter);
    return entry ? queuerules::reasonLabel(entry->reason) : QString();
}

void QueueDesk::setMessage(const QString &message)
{
    if (m_message == message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

QString QueueDesk::actor()
{
    if (!m_login.desk()) {
        setMessage(tr("Masuk sebagai petugas dulu."));
        return {};
    }
    if (m_counter == 0) {
        setMessage(tr("Pilih loket Anda dulu."));
        return {};
    }
    m_loketStaff.insert(m_counter, m_login.desk()->staff().username);
    return m_login.desk()->staff().username;
}

void QueueDesk::act(int counter, const QString &who, devices::Keypad::Action action)
{
    switch (action) {
    case devices::Keypad::Action::CallNext: {
        const auto next = m_book.callNext(counter, who);
        if (!next)
            setMessage(next.error().message);
        else if (!next.value())
            setMessage(tr("Tidak ada nomor yang menunggu untuk loket %1.").arg(counter));
        else
            setMessage({});
        break;
    }
    case devices::Keypad::Action::Recall:
        if (const auto recalled = m_book.recall(counter, who); !recalled)
            setMessage(recalled.error().message);
        break;
    case devices::Keypad::Action::Skip:
        if (const auto skipped = m_book.skip(counter, who); !skipped)
            setMessage(skipped.error().message);
        else
            setMessage(skipped->state == QueueState::Gone
                    ? tr("%1 tidak hadir untuk kedua kalinya dan keluar dari antrean.").arg(skipped->label)
                    : tr("%1 dilewati; nomor ini kembali ke antrean setelah %2 menit.")
                          .arg(skipped->label)
                          .arg(m_book.settings().noShowRequeueMinutes));
        break;
    }
    refreshReport();
}

void QueueDesk::callNext()
{
    if (const QString who = actor(); !who.isEmpty())
        act(m_counter, who, devices::Keypad::Action::CallNext);
}

void QueueDesk::recall()
{
    if (const QString who = actor(); !who.isEmpty())
        act(m_counter, who, devices::Keypad::Action::Recall);
}

void QueueDesk::skip()
{
    if (const QString who = actor(); !who.isEmpty())
        act(m_counter, who, devices::Keypad::Action::Skip);
}

void QueueDesk::serve()
{
    const QString who = actor();
    if (who.isEmpty())
        return;
    if (const auto served = m_book.serve(m_counter, who); !served)
        setMessage(served.error().message);
    else
        setMessage(tr("%1 selesai dilayani.").arg(served->label));
    refreshReport();
}

void QueueDesk::transfer(int toCounter)
{
    const QString who = actor();
    if (who.isEmpty())
        return;
    if (const auto moved = m_book.transfer(m_counter, toCounter, who); !moved)
        setMessage(moved.error().message);
    else
        setMessage(tr("%1 dialihkan ke loket %2.").arg(moved->label).arg(toCounter));
    refreshReport();
}

void QueueDesk::refreshReport()
{
    m_report.setRows(m_book.dayReport(m_book.today()));
}

void QueueDesk::keypad(int counter, devices::Keypad::Action action)
{
    // The keypad acts for whoever picked that loket on the desk last; before anyone did, in the loket's own name.
    const QString who = m_loketStaff.value(counter, QStringLiteral("keypad-loket-%1").arg(counter));
    act(counter, who, action);
}

QueueTicket::QueueTicket(QueueBook &book, SlipPrinter print, QObject *parent)
    : QObject(parent)
    , m_book(book)
    , m_print(std::move(print))
{ }

void QueueTicket::openHelp()
{
    m_choosing = true;
    m_label.clear();
    m_waitEstimate.clear();
    m_message.clear();
    Q_EMIT changed();
}

void QueueTicket::takeHelp(const QString &priority)
{
    if (!m_choosing)
        return;
    m_choosing = false;
    const auto entry = m_book.take(QueueKind::Help, queuerules::reasonFromWire(priority));
    if (!entry) {
        qCCritical(lcQueue).noquote() << "help number failed:" << entry.error();
        m_message = tr("Maaf, nomor antrean belum dapat diambil. Silakan langsung ke petugas.");
        Q_EMIT changed();
        return;
    }
    m_label = entry->label;
    const WaitEstimate wait = m_book.estimateFor(entry.value());
    m_waitEstimate = waitText(wait);
    m_message = tr("Ambil slip nomor antrean di bawah layar, lalu tunggu nomor Anda dipanggil.");
    // The slip is printed in Bahasa Indonesia whatever the screen's language.
    m_print(entry.value(), wait.text());
    Q_EMIT changed();
}

QString QueueTicket::waitText(const WaitEstimate &wait)
{
    if (!wait.available)
        return tr("perkiraan belum tersedia");
    return tr("± %1–%2 menit").arg(wait.lowMinutes).arg(wait.highMinutes);
}

void QueueTicket::close()
{
    m_choosing = false;
    m_label.clear();
    m_waitEstimate.clear();
    m_message.clear();
    Q_EMIT changed();
}

} // namespace kiosk
