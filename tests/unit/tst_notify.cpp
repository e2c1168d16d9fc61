// The notification outbox in one process: rows written in the transition's transaction, SMS
// texts, reminders, the sender's retries against a local HTTP gateway, Gammu's inject command.
#include "backendrequest.h"
#include "backendstore.h"
#include "logcapture.h"
#include "notifications.h"
#include "reminders.h"
#include "smsgatewayreceiver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace backend;
using serverlink::Stage;

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kNik = QStringLiteral("3521114506800002");
const QString kPhone = QStringLiteral("+6281234567890");

NewRequest makeRequest(const QString &reg, const QString &phone)
{
    return testsupport::makeRequest(reg, QStringLiteral("DOMISILI"), serverlink::ServiceLevel::Desa, {}, phone);
}

Transition move(Stage from, Stage to, const QString &note = {})
{
    return Transition {from, to, QStringLiteral("petugas"), QStringLiteral("petugas_desa"), note, std::nullopt, std::nullopt};
}

/// A step as Workflow::step records it: the store transition with the citizen SMS the domain policy gives it.
bool step(BackendStore &store, const QString &reg, Stage from, Stage to, const QString &note = {})
{
    Transition t = move(from, to, note);
    if (const auto r = store.request(reg))
        t.notification = transitionNotification(reg, r.value().phone, to, note, QDateTime::currentDateTimeUtc());
    return store.applyTransition(reg, t).ok();
}

/// Inserts a request and walks it to READY (no letter file: the store does not need one).
bool toReady(BackendStore &store, const QString &reg, const QString &phone)
{
    return store.insertRequest(makeRequest(reg, phone)) && step(store, reg, Stage::Received, Stage::DesaReview)
        && step(store, reg, Stage::DesaReview, Stage::DesaSigned) && step(store, reg, Stage::DesaSigned, Stage::Ready);
}

QList<NotificationRecord> rowsFor(BackendStore &store, const QString &reg)
{
    QList<NotificationRecord> out;
    const auto all = store.notifications();
    for (const auto &n : all.value())
        if (n.registrationNumber == reg)
            out.append(n);
    return out;
}

const QString kKadesPhone = QStringLiteral("+6281311112222");
const QString kSekdesPhone = QStringLiteral("+6285733334444");

qint64 addOfficer(BackendStore &store, const QString &username, Role role, const QString &phone, const QString &office = kDesa)
{
    OfficerRecord o;
    o.username = username;
    o.displayName = username;
    o.role = role;
    o.office = office;
    o.passwordHash = QStringLiteral("pbkdf2-tidak-dipakai");
    o.phone = phone;
    return store.insertOfficer(o).value();
}

} // namespace

class TestNotify : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<BackendStore> m_store;

    NotificationSettings fastSettings() const
    {
        NotificationSettings s;
        s.pollIntervalMs = 50;
        s.retryBaseMs = 50;
        s.retryCapMs = 200;
        s.maxAttempts = 50;
        s.reminderScanIntervalMs = 3600000;
        return s;
    }

private Q_SLOTS:
    void init()
    {
        // One database per test function and data row.
        const QString name = QString::fromLatin1(QTest::currentTestFunction()) + QString::fromLatin1(QTest::currentDataTag());
        auto store = BackendStore::open(m_dir.filePath(QString::number(qHash(name)) + QStringLiteral(".sqlite")));
        QVERIFY(store);
        m_store = std::move(store.value());
    }
    void cleanup() { m_store.reset(); }

    void transitionRowsInSameTransaction()
    {
        QVERIFY(toReady(*m_store, QStringLiteral("R-READY"), kPhone));
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("R-FIX"), kPhone)));
        QVERIFY(step(*m_store, QStringLiteral("R-FIX"), Stage::Received, Stage::NeedsFix,
            QStringLiteral("Foto KK buram, NIK 3521114506800002 tidak terbaca")));
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("R-REJ"), kPhone)));
        QVERIFY(step(*m_store, QStringLiteral("R-REJ"), Stage::Received, Stage::Rejected, QStringLiteral("Bukan warga desa")));
        QVERIFY(toReady(*m_store, QStringLiteral("R-NOPHONE"), QString()));
        // A refused transition (stale `from`) writes neither the event nor a notification.
        QVERIFY(!step(*m_store, QStringLiteral("R-REJ"), Stage::Received, Stage::Rejected, QStringLiteral("lagi")));

        QCOMPARE(m_store->request(QStringLiteral("R-READY")).value().phone, kPhone);
        const auto all = m_store->notifications().value();
        QCOMPARE(all.size(), 3);
        QVERIFY(rowsFor(*m_store, QStringLiteral("R-NOPHONE")).isEmpty());
        const QHash<QString, NotificationKind> expected {{QStringLiteral("R-READY"), NotificationKind::Ready},
            {QStringLiteral("R-FIX"), NotificationKind::NeedsFix}, {QStringLiteral("R-REJ"), NotificationKind::Rejected}};
        for (const NotificationRecord &n : all) {
            QCOMPARE(n.kind, expected.value(n.registrationNumber));
            QCOMPARE(n.status, QStringLiteral("pending"));
            QCOMPARE(n.recipient, kPhone);
            QVERIFY(n.message.size() <= 160);
            QVERIFY2(!n.message.contains(kNik), qPrintable(n.message));
            QVERIFY(n.message.contains(n.registrationNumber));
            // The row names the event it was written with: same transaction, same sequence.
            const qint64 sequence = n.eventKey.mid(6).toLongLong();
            const auto events = m_store->events(n.registrationNumber).value();
            QCOMPARE(events.last().sequence, sequence);
        }
        QVERIFY(rowsFor(*m_store, QStringLiteral("R-FIX")).first().message.contains(QStringLiteral("Foto KK buram")));
    }

    void smsTexts()
    {
        const QString longNote = QString(400, QLatin1Char('x'));
        for (const auto kind : {NotificationKind::Ready, NotificationKind::NeedsFix, NotificationKind::Rejected}) {
            const QString text = smstext::forTransition(kind, QStringLiteral("PITU-2611-ABCDEFGH"), longNote + QLatin1Char(' ') + kNik);
            QVERIFY2(text.size() <= 160, qPrintable(text));
            QVERIFY(!text.contains(kNik));
            QVERIFY(text.contains(QStringLiteral("PITU-2611-ABCDEFGH")));
            for (const QChar c : text)
                QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, qPrintable(text));
        }
        QVERIFY(smstext::forTransition(NotificationKind::NeedsFix, QStringLiteral("R1"), QStringLiteral("Lampirkan surat RT\u2019s"))
                    .contains(QStringLiteral("Lampirkan surat RT's")));
        QVERIFY(smstext::pickupReminder(QStringLiteral("PITU-2611-ABCDEFGH"), QDate(2026, 11, 20)).size() <= 160);
        QCOMPARE(smstext::maskPhone(kPhone), QStringLiteral("+62812*****890"));
    }

    void remindersOnceWhenDue()
    {
        QVERIFY(toReady(*m_store, QStringLiteral("R-PICKUP"), kPhone));
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("R-SLOW"), QString())));
        QVERIFY(step(*m_store, QStringLiteral("R-SLOW"), Stage::Received, Stage::DesaReview));
        ReminderPolicy policy;
        policy.pickupAfterDays = 3;
        policy.defaultSlaDays = 5;
        policy.slaDaysByService.insert(QStringLiteral("DOMISILI"), 1);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const int before = int(m_store->notifications().value().size());
        QCOMPARE(enqueueReminders(*m_store, policy, now).value(), 0);
        // Two days on: the DESA_REVIEW step (SLA 1 day) is late; the letter is not yet 3 days old.
        QCOMPARE(enqueueReminders(*m_store, policy, now.addDays(2)).value(), 1);
        const auto sla = rowsFor(*m_store, QStringLiteral("R-SLOW"));
        QCOMPARE(sla.size(), 1);
        QCOMPARE(sla.first().kind, NotificationKind::SlaReminder);
        QCOMPARE(sla.first().recipientKind, QStringLiteral("officer"));
        QCOMPARE(sla.first().recipient, QStringLiteral("3521112004/kepala_desa"));
        QCOMPARE(sla.first().status, QStringLiteral("recorded"));
        // Four days on: the pickup reminder; each reminder exists once however often the scan runs.
        QCOMPARE(enqueueReminders(*m_store, policy, now.addDays(4)).value(), 1);
        QCOMPARE(enqueueReminders(*m_store, policy, now.addDays(9)).value(), 0);
        const auto pickup = rowsFor(*m_store, QStringLiteral("R-PICKUP"));
        QCOMPARE(pickup.size(), 2); // READY + reminder
        QCOMPARE(pickup.last().kind, NotificationKind::PickupReminder);
        QCOMPARE(pickup.last().recipient, kPhone);
        QCOMPARE(int(m_store->notifications().value().size()), before + 2);
        // Handed over: no more reminders for that letter.
        QVERIFY(step(*m_store, QStringLiteral("R-PICKUP"), Stage::Ready, Stage::HandedOver));
        QCOMPARE(enqueueReminders(*m_store, policy, now.addDays(30)).value(), 0);
    }

    void officerSlaReminders_data()
    {
        QTest::addColumn<QString>("kadesPhone");
        QTest::addColumn<QString>("sekdesPhone");
        QTest::addColumn<bool>("kadesOnLeave");
        QTest::addColumn<QString>("recipient");
        QTest::addColumn<QString>("status");
        // At DESA_REVIEW the kades signs; the sekdes may only return or reject, so gets no reminder of their own.
        QTest::newRow("kades has a phone") << kKadesPhone << kSekdesPhone << false << kKadesPhone << QStringLiteral("pending");
        QTest::newRow("kades on leave: the sekdes acts")
            << kKadesPhone << kSekdesPhone << true << kSekdesPhone << QStringLiteral("pending");
        QTest::newRow("delegate without phone")
            << kKadesPhone << QString() << true << QStringLiteral("3521112004/kepala_desa") << QStringLiteral("recorded");
        QTest::newRow("nobody has a phone") << QString() << kSekdesPhone << false << QStringLiteral("3521112004/kepala_desa")
                                            << QStringLiteral("recorded");
    }

    void officerSlaReminders()
    {
        QFETCH(QString, kadesPhone);
        QFETCH(QString, sekdesPhone);
        QFETCH(bool, kadesOnLeave);
        QFETCH(QString, recipient);
        QFETCH(QString, status);
        const qint64 kades = addOfficer(*m_store, QStringLiteral("kades"), Role::KepalaDesa, kadesPhone);
        const qint64 sekdes = addOfficer(*m_store, QStringLiteral("sekdes"), Role::SekretarisDesa, sekdesPhone);
        // Another desa's kades is not responsible for this request.
        QVERIFY(addOfficer(*m_store, QStringLiteral("kades-lain"), Role::KepalaDesa, QStringLiteral("+6281999990000"),
                    QStringLiteral("3521112005"))
            > 0);
        const QDate today = QDate::currentDate();
        if (kadesOnLeave)
            QVERIFY(m_store->insertDelegation(
                DelegationRecord {0, kades, sekdes, today, today.addDays(10), QStringLiteral("cuti"), QStringLiteral("admin"), {}, {}}));
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("R-LATE"), kPhone)));
        QVERIFY(step(*m_store, QStringLiteral("R-LATE"), Stage::Received, Stage::DesaReview));
        ReminderPolicy policy;
        policy.defaultSlaDays = 1;
        const QDateTime now = QDateTime::currentDateTimeUtc();

        QCOMPARE(enqueueReminders(*m_store, policy, now.addDays(2)).value(), 1);
        const auto rows = rowsFor(*m_store, QStringLiteral("R-LATE"));
        QCOMPARE(rows.size(), 1);
        const NotificationRecord &n = rows.first();
        QCOMPARE(n.kind, NotificationKind::SlaReminder);
        QCOMPARE(n.recipientKind, QStringLiteral("officer"));
        QCOMPARE(n.recipient, recipient);
        QCOMPARE(n.status, status);
        const QString sequence = QString::number(m_store->events(QStringLiteral("R-LATE")).value().last().sequence);
        const QString key = QStringLiteral("sla:R-LATE:") + sequence;
        QCOMPARE(n.eventKey,
            status == QLatin1String("pending") ? key + QLatin1Char(':') + QString::number(recipient == kKadesPhone ? kades : sekdes) : key);
        // No citizen data in an officer's SMS: the registration number, the service and the stage only.
        QVERIFY(!n.message.contains(kNik) && !n.message.contains(QStringLiteral("Siti")) && !n.message.contains(kPhone));
        QVERIFY(n.message.size() <= 160);
        // The scan runs every hour: the same late step never gives a second row.
        QCOMPARE(enqueueReminders(*m_store, policy, now.addDays(3)).value(), 0);
        QCOMPARE(rowsFor(*m_store, QStringLiteral("R-LATE")).size(), 1);
    }

    void officerReminderReachesGatewayMaskedInLog()
    {
        SmsGatewayReceiver gateway;
        QVERIFY(gateway.listen());
        gateway.setMode(SmsGatewayReceiver::Mode::Accept);
        (void)addOfficer(*m_store, QStringLiteral("kades"), Role::KepalaDesa, kKadesPhone);
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("R-LATE"), QString())));
        QVERIFY(step(*m_store, QStringLiteral("R-LATE"), Stage::Received, Stage::DesaReview));
        // SLA 0 days: late at once, so the row is due now and the sender takes it.
        ReminderPolicy policy;
        policy.defaultSlaDays = 0;
        QCOMPARE(enqueueReminders(*m_store, policy, QDateTime::currentDateTimeUtc()).value(), 1);
        LogCapture log;
        NotificationSender sender(*m_store, makeHttpSmsGateway(gateway.url(), QStringLiteral("rahasia")), fastSettings());
        sender.start();
        QTRY_COMPARE_WITH_TIMEOUT(rowsFor(*m_store, QStringLiteral("R-LATE")).first().status, QStringLiteral("sent"), 20000);
        sender.stop();
        QCOMPARE(gateway.deliveredCount(), 1);
        QCOMPARE(gateway.posts().last().body.value(QStringLiteral("to")).toString(), kKadesPhone);
        const NotificationRecord row = rowsFor(*m_store, QStringLiteral("R-LATE")).first();
        QCOMPARE(row.status, QStringLiteral("sent"));
        QCOMPARE(row.recipient, smstext::maskPhone(kKadesPhone));
        QVERIFY2(log.text().contains(smstext::maskPhone(kKadesPhone)), qPrintable(log.text()));
        QVERIFY2(!log.text().contains(kKadesPhone) && !log.text().contains(kKadesPhone.mid(3)), qPrintable(log.text()));
    }

    void senderRetriesThenMarksSentOnce()
    {
        SmsGatewayReceiver gateway;
        QVERIFY(gateway.listen());
        gateway.setMode(SmsGatewayReceiver::Mode::Unavailable);
        QVERIFY(toReady(*m_store, QStringLiteral("R-SEND"), kPhone));
        NotificationSender sender(*m_store, makeHttpSmsGateway(gateway.url(), QStringLiteral("rahasia")), fastSettings());
        sender.start();
        QTRY_VERIFY_WITH_TIMEOUT(gateway.posts().size() >= 2, 20000); // refused, then retried
        QCOMPARE(gateway.deliveredCount(), 0);
        QVERIFY(m_store->notifications().value().first().lastError.contains(QStringLiteral("503")));
        gateway.setMode(SmsGatewayReceiver::Mode::Accept);
        QTRY_COMPARE_WITH_TIMEOUT(m_store->notifications().value().first().status, QStringLiteral("sent"), 20000);
        sender.stop();

        const NotificationRecord row = m_store->notifications().value().first();
        QCOMPARE(row.recipient, smstext::maskPhone(kPhone));
        QVERIFY(row.sentAt.isValid());
        QCOMPARE(gateway.deliveredCount(), 1);
        QCOMPARE(gateway.acceptedPosts(row.eventKey), 1);
        const SmsGatewayReceiver::Post &last = gateway.posts().last();
        QCOMPARE(last.authorization, QStringLiteral("Bearer rahasia"));
        QCOMPARE(last.body.value(QStringLiteral("to")).toString(), kPhone);
        QCOMPARE(last.body.value(QStringLiteral("text")).toString(), row.message);
        QCOMPARE(last.body.value(QStringLiteral("id")).toString(), row.eventKey);
        // Marking is once: a second mark finds nothing pending.
        QCOMPARE(m_store->markNotificationSent(row.id, QDateTime::currentDateTimeUtc()).value(), false);
    }

    void gammuInjectCommand()
    {
        const QString out = m_dir.filePath(QStringLiteral("gammu-args.txt"));
        const QString script = m_dir.filePath(QStringLiteral("gammu-smsd-inject"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Stands in for Gammu's inject command (the modem side): records its arguments, one per line.
        f.write(QStringLiteral("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '%1'\n").arg(out).toUtf8());
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("R-GAMMU"), kPhone)));
        QVERIFY(step(*m_store, QStringLiteral("R-GAMMU"), Stage::Received, Stage::Rejected, QStringLiteral("Berkas tidak lengkap; $(id)")));
        NotificationSender sender(*m_store, makeGammuSmsdInject(script), fastSettings());
        QCOMPARE(sender.runOnce(), 1);
        QFile args(out);
        QVERIFY(args.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(args.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0), QStringLiteral("TEXT"));
        QCOMPARE(lines.at(1), kPhone);
        QCOMPARE(lines.at(2), QStringLiteral("-text"));
        QVERIFY(lines.at(3).contains(QStringLiteral("$(id)"))); // passed as one argument, never through a shell
        QCOMPARE(m_store->notifications().value().first().status, QStringLiteral("sent"));
        QCOMPARE(sender.runOnce(), 0);
    }

    void settingsFromIni()
    {
        const QString token = m_dir.filePath(QStringLiteral("token"));
        QFile t(token);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("s3cret\n");
        t.close();
        const QString ini = m_dir.filePath(QStringLiteral("notifications.ini"));
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(
            "[sms]\ntransport=http\nurl=http://127.0.0.1:9/sms\nallow_plain_http=true\ntoken_file=%1\n[outbox]\nretry_base_ms=250\n"
            "[reminders]\npickup_after_days=5\n")
                    .arg(token)
                    .toUtf8());
        f.close();
        const auto s = NotificationSettings::load(ini);
        QVERIFY(s);
        QCOMPARE(s.value().transport, QStringLiteral("http"));
        QCOMPARE(s.value().token, QStringLiteral("s3cret"));
        QCOMPARE(s.value().retryBaseMs, 250);
        QCOMPARE(s.value().reminders.pickupAfterDays, 5);
        QVERIFY(s.value().makeTransport().value() != nullptr);
        QCOMPARE(NotificationSettings::load(m_dir.filePath(QStringLiteral("missing.ini"))).value().transport, QStringLiteral("off"));
        QVERIFY(NotificationSettings::load(m_dir.filePath(QStringLiteral("missing.ini"))).value().makeTransport().value() == nullptr);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[sms]\ntransport=pigeon\n");
        f.close();
        QVERIFY(!NotificationSettings::load(ini));
    }

    void gatewayUrlMustBeHttps_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowPlainHttp");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("https") << QStringLiteral("https://sms.example/api/send") << false << true;
        QTest::newRow("http, not allowed") << QStringLiteral("http://127.0.0.1:9/sms") << false << false;
        QTest::newRow("http loopback, allowed") << QStringLiteral("http://127.0.0.1:9/sms") << true << true;
        QTest::newRow("http ::1, allowed") << QStringLiteral("http://[::1]:9/sms") << true << true;
        QTest::newRow("http LAN, allowed") << QStringLiteral("http://192.168.1.20/sms") << true << true;
        QTest::newRow("http 172.16/12, allowed") << QStringLiteral("http://172.31.0.2/sms") << true << true;
        QTest::newRow("http public, allowed flag") << QStringLiteral("http://sms.example/api/send") << true << false;
        QTest::newRow("http public address") << QStringLiteral("http://8.8.8.8/sms") << true << false;
        QTest::newRow("http 172.32 is public") << QStringLiteral("http://172.32.0.1/sms") << true << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/sms") << true << false;
        QTest::newRow("empty") << QString() << true << false;
    }
    void gatewayUrlMustBeHttps()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowPlainHttp);
        QFETCH(bool, accepted);
        const QString ini = m_dir.filePath(QStringLiteral("gateway.ini"));
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QStringLiteral("[sms]\ntransport=http\nurl=%1\n%2")
                    .arg(url, allowPlainHttp ? QStringLiteral("allow_plain_http=true\n") : QString())
                    .toUtf8());
        f.close();
        const auto s = NotificationSettings::load(ini);
        QCOMPARE(s.ok(), accepted);
        if (!accepted)
            QVERIFY(s.error().message.contains(QStringLiteral("sms/url")));
    }
};

QTEST_MAIN(TestNotify)
#include "tst_notify.moc"
