// Monitoring figures on known data: IKM (PermenPAN-RB 14/2017) by hand, its category
// boundaries, turnaround median/p90, SLA breaches, counts per stage, CSV quoting, and the
// `kecamatan-backend report` command on a real store file.
#include "backendstore.h"
#include "monitoring.h"
#include "servicecatalog.h"
#include "sla.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace backend;
using serverlink::Stage;

namespace {

const QList<QList<int>> kHandExample {
    {4, 4, 4, 4, 4, 4, 4, 4, 4},
    {3, 3, 3, 3, 3, 3, 3, 3, 3},
    {4, 3, 4, 3, 4, 3, 4, 3, 4},
    {2, 3, 3, 4, 3, 3, 2, 4, 3},
};

/// n responses whose answers add up to `total` (every answer 1–4).
QList<QList<int>> responsesWithTotal(int n, qint64 total)
{
    QList<QList<int>> out(n, QList<int>(9, 4));
    qint64 excess = qint64(n) * 36 - total;
    for (auto &r : out)
        for (int &a : r) {
            const int down = int(std::min<qint64>(3, excess));
            a -= down;
            excess -= down;
        }
    return out;
}

EventRecord makeEvent(const QString &reg, Stage stage, const QDateTime &at)
{
    static qint64 sequence = 0;
    return EventRecord {++sequence, reg, QStringLiteral("3521112004"), stage, QStringLiteral("t"), QStringLiteral("t"), {}, at};
}

} // namespace

class TestMonitoring : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void ikmHandComputed()
    {
        // By hand: unsur totals 13,13,14,14,14,13,13,14,14 over 4 respondents → NRR 3.25 or 3.50;
        // Σ NRR = 122/4 = 30.5; IKM = 30.5 × 1/9 × 25 = 84.7222… → B. (With the rounded weight
        // 0.111 it would be 84.6375: exact 1/9 matters.)
        const IkmResult r = ikm::compute(kHandExample);
        QCOMPARE(r.respondents, 4);
        QCOMPARE(r.nrr.at(0), (Fraction {13, 4}));
        QCOMPARE(r.nrr.at(2), (Fraction {7, 2}));
        QCOMPARE(r.ikm, (Fraction {1525, 18}));
        QCOMPARE(ikm::formatHundredths(r.ikm), QStringLiteral("84.72"));
        QCOMPARE(r.category, QLatin1Char('B'));
        QVERIFY(qAbs(30.5 * 0.111 * 25 - 84.6375) < 1e-9);
    }

    void ikmCategoryBoundaries_data()
    {
        QTest::addColumn<qint64>("hundredths");
        QTest::addColumn<QChar>("category");
        for (const auto &[h, c] :
            {std::pair {10000, 'A'}, {8831, 'A'}, {8830, 'B'}, {7661, 'B'}, {7660, 'C'}, {6500, 'C'}, {6499, 'D'}, {2500, 'D'}})
            QTest::newRow(qPrintable(QString::number(h))) << qint64(h) << QChar(QLatin1Char(c));
    }
    void ikmCategoryBoundaries()
    {
        QFETCH(qint64, hundredths);
        QFETCH(QChar, category);
        QCOMPARE(ikm::categoryForHundredths(hundredths), category);
        QCOMPARE(ikm::category(Fraction {hundredths, 100}), category);
    }

    void ikmBoundariesFromAnswers()
    {
        // 2500 respondents, total 79479: IKM = 25·79479 / (9·2500) = 88.31 exactly → A.
        const IkmResult a = ikm::compute(responsesWithTotal(2500, 79479));
        QCOMPARE(a.ikm, (Fraction {8831, 100}));
        QCOMPARE(a.category, QLatin1Char('A'));
        // 250 respondents, total 7947: exactly 88.30 → B.
        const IkmResult b = ikm::compute(responsesWithTotal(250, 7947));
        QCOMPARE(b.ikm, (Fraction {8830, 100}));
        QCOMPARE(b.category, QLatin1Char('B'));
        // 5000 respondents, total 158949: 88.305 exactly, below 88.31 → B, shown 88.30 (never 88.31 with a B).
        const IkmResult c = ikm::compute(responsesWithTotal(5000, 158949));
        QCOMPARE(c.ikm, (Fraction {17661, 200}));
        QCOMPARE(c.category, QLatin1Char('B'));
        QCOMPARE(ikm::formatHundredths(c.ikm), QStringLiteral("88.30"));
        // All 4s: 100.00, A; all 1s: 25.00, D.
        QCOMPARE(ikm::formatHundredths(ikm::compute({QList<int>(9, 4)}).ikm), QStringLiteral("100.00"));
        QCOMPARE(ikm::compute({QList<int>(9, 1)}).category, QLatin1Char('D'));
    }

    void ikmSkipsInvalidResponses()
    {
        QList<QList<int>> answers = kHandExample;
        answers.append({4, 4, 4, 4, 4, 4, 4, 4});
        answers.append({4, 4, 4, 4, 4, 4, 4, 4, 5});
        const IkmResult r = ikm::compute(answers);
        QCOMPARE(r.respondents, 4);
        QCOMPARE(r.skipped, 2);
        QCOMPARE(r.ikm, (Fraction {1525, 18}));
        QCOMPARE(ikm::compute({}).category, QLatin1Char('-'));
    }

    void turnaroundMedianAndP90()
    {
        const QDateTime t0(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
        QList<EventRecord> events;
        QHash<QString, QString> serviceOf;
        // SKTM: 1..10 hours → median 5.5, p90 (nearest rank ⌈9⌉ = 9th) 9.
        for (int h = 1; h <= 10; ++h) {
            const QString reg = QStringLiteral("S%1").arg(h);
            serviceOf.insert(reg, QStringLiteral("SKTM"));
            events.append(makeEvent(reg, Stage::Received, t0));
            events.append(makeEvent(reg, Stage::DesaReview, t0.addSecs(600)));
            events.append(makeEvent(reg, Stage::Ready, t0.addSecs(h * 3600)));
        }
        // DOMISILI: 2, 4, 30 hours → median 4, p90 (⌈2.7⌉ = 3rd) 30; a later second READY is ignored.
        for (const int h : {30, 2, 4}) {
            const QString reg = QStringLiteral("D%1").arg(h);
            serviceOf.insert(reg, QStringLiteral("DOMISILI"));
            events.append(makeEvent(reg, Stage::Received, t0));
            events.append(makeEvent(reg, Stage::Ready, t0.addSecs(h * 3600)));
        }
        events.append(makeEvent(QStringLiteral("D2"), Stage::Ready, t0.addDays(3)));
        // Outside the period: READY after `to`.
        serviceOf.insert(QStringLiteral("LATE"), QStringLiteral("DOMISILI"));
        events.append(makeEvent(QStringLiteral("LATE"), Stage::Received, t0));
        events.append(makeEvent(QStringLiteral("LATE"), Stage::Ready, t0.addDays(40)));

        const auto rows = monitoringcalc::turnaround(events, serviceOf, t0, t0.addDays(30));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).serviceCode, QStringLiteral("DOMISILI"));
        QCOMPARE(rows.at(0).count, 3);
        QCOMPARE(rows.at(0).medianHours, 4.0);
        QCOMPARE(rows.at(0).p90Hours, 30.0);
        QCOMPARE(rows.at(1).serviceCode, QStringLiteral("SKTM"));
        QCOMPARE(rows.at(1).count, 10);
        QCOMPARE(rows.at(1).medianHours, 5.5);
        QCOMPARE(rows.at(1).p90Hours, 9.0);
        QCOMPARE(monitoringcalc::medianAndP90({7.0}), (std::pair {7.0, 7.0}));
    }

    void slaBreachesAndStageCounts()
    {
        const QDateTime now(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
        QList<RequestRecord> requests;
        QList<EventRecord> events;
        const auto add = [&](const QString &reg, const QString &desa, const QString &service, Stage stage, double daysAgo) {
            RequestRecord r;
            r.registrationNumber = reg;
            r.desaCode = desa;
            r.serviceCode = service;
            r.stage = stage;
            requests.append(r);
            events.append(makeEvent(reg, stage, now.addSecs(qint64(-daysAgo * 86400))));
        };
        add(QStringLiteral("LATE"), QStringLiteral("3521112004"), QStringLiteral("SKTM"), Stage::DesaReview, 2.5); // SLA 1 → 1.5 late
        add(QStringLiteral("FINE"), QStringLiteral("3521112004"), QStringLiteral("SKTM"), Stage::DesaReview, 0.5);
        add(QStringLiteral("WAIT"), QStringLiteral("3521112005"), QStringLiteral("AHLI_WARIS"), Stage::KecamatanReview, 9); // SLA 5
        add(QStringLiteral("READY"), QStringLiteral("3521112005"), QStringLiteral("SKTM"), Stage::Ready, 30); // waits for the citizen
        add(QStringLiteral("DONE"), QStringLiteral("3521112005"), QStringLiteral("SKTM"), Stage::HandedOver, 30);
        const QHash<QString, int> sla {{QStringLiteral("SKTM"), 1}, {QStringLiteral("AHLI_WARIS"), 5}};
        const auto breaches = monitoringcalc::slaBreaches(requests, events, sla, 3, now);
        QCOMPARE(breaches.size(), 2);
        QCOMPARE(breaches.at(0).registrationNumber, QStringLiteral("WAIT"));
        QCOMPARE(breaches.at(0).overdueDays, 4.0);
        QCOMPARE(breaches.at(1).registrationNumber, QStringLiteral("LATE"));
        QCOMPARE(breaches.at(1).overdueDays, 1.5);

        const auto counts = monitoringcalc::stageCounts(requests);
        const auto count = [&counts](const QString &desa, Stage stage) {
            for (const StageCount &c : counts)
                if (c.desaCode == desa && c.stage == stage)
                    return c.count;
            return 0;
        };
        QCOMPARE(count(QStringLiteral("3521112004"), Stage::DesaReview), 2);
        QCOMPARE(count(QStringLiteral("3521112005"), Stage::DesaReview), 0);
        QCOMPARE(count(QString(), Stage::DesaReview), 2);
        QCOMPARE(count(QString(), Stage::Ready), 1);
        QVERIFY(counts.last().desaCode.isEmpty()); // totals last
    }

    void slaClockPerStep()
    {
        const QDateTime since(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
        QCOMPARE(sla::measure(since, 2, since.addSecs(86400 - 1)).state, sla::State::Within);
        QCOMPARE(sla::measure(since, 2, since.addDays(1)).state, sla::State::Near);
        QCOMPARE(sla::measure(since, 2, since.addSecs(2 * 86400 - 1)).state, sla::State::Near);
        const sla::StepClock late = sla::measure(since, 2, since.addDays(2));
        QCOMPARE(late.state, sla::State::Late);
        QCOMPARE(late.overdueDays, 0.0);
        QCOMPARE(sla::measure(since, 0, since).state, sla::State::Late);
        for (Stage s : {Stage::Received, Stage::DesaReview, Stage::DesaSigned, Stage::KecamatanReview, Stage::KecamatanSigned})
            QVERIFY(sla::applies(s));
        for (Stage s : {Stage::Ready, Stage::NeedsFix, Stage::HandedOver, Stage::Rejected, Stage::Cancelled})
            QVERIFY(!sla::applies(s));
        // Every service has its per-step days from its letter template.
        const auto catalog = ServiceCatalog::builtIn().value();
        const QHash<QString, int> days = sla::daysByService(catalog);
        QCOMPARE(days.size(), catalog.services().size());
        for (const ServiceInfo &s : catalog.services())
            QCOMPARE(days.value(s.code), s.letter.slaDays);
    }

    void csvQuoting()
    {
        QCOMPARE(csv::field(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(csv::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(csv::field(QStringLiteral("kata \"asli\"")), QStringLiteral("\"kata \"\"asli\"\"\""));
        QCOMPARE(csv::field(QStringLiteral("baris\r\nbaru")), QStringLiteral("\"baris\r\nbaru\""));
        QCOMPARE(csv::field(QStringLiteral("lf\nonly")), QStringLiteral("\"lf\nonly\""));
        QCOMPARE(csv::field(QString()), QString());
        QCOMPARE(csv::table({QStringLiteral("a"), QStringLiteral("b")}, {{QStringLiteral("1,5"), QStringLiteral("x\"y")}}),
            QByteArray("a,b\r\n\"1,5\",\"x\"\"y\"\r\n"));
        const QByteArray ikmCsv = Monitoring::ikmCsv(ikm::compute(kHandExample));
        QVERIFY(ikmCsv.startsWith("unsur,nilai\r\nU1,3.2500\r\n"));
        QVERIFY(ikmCsv.contains("IKM,84.72\r\nmutu,B\r\n"));
    }

    void csvFormulaCellsNeutralised_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");
        QTest::newRow("equals") << QStringLiteral("=HYPERLINK(\"http://x\")") << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\"");
        QTest::newRow("plus") << QStringLiteral("+1+cmd|' /C calc'!A0") << QStringLiteral("'+1+cmd|' /C calc'!A0");
        QTest::newRow("minus") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
        QTest::newRow("carriage return") << QStringLiteral("\r=1") << QStringLiteral("\"'\r=1\"");
        QTest::newRow("negative number") << QStringLiteral("-12") << QStringLiteral("-12");
        QTest::newRow("decimal") << QStringLiteral("+3.25") << QStringLiteral("+3.25");
        QTest::newRow("inside") << QStringLiteral("a=b") << QStringLiteral("a=b");
    }
    void csvFormulaCellsNeutralised()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(csv::field(cell), written);
    }

    void reportCommand()
    {
        const QString data = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        {
            auto store = BackendStore::open(QDir(data).filePath(QStringLiteral("backend.sqlite")));
            QVERIFY(store);
            int i = 0;
            for (const QList<int> &answers : kHandExample) {
                serverlink::SurveyResponse s;
                s.id = QStringLiteral("survey-%1").arg(++i);
                s.answers = answers;
                s.at = QDateTime(QDate(2026, 10, 1 + i), QTime(9, 0), Qt::UTC);
                QVERIFY(store.value()->insertSurvey(QStringLiteral("KIOSK-0001"), QStringLiteral("3521112004"), s));
            }
            serverlink::SurveyResponse outside;
            outside.id = QStringLiteral("survey-outside");
            outside.answers = QList<int>(9, 1);
            outside.at = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
            QVERIFY(store.value()->insertSurvey(QStringLiteral("KIOSK-0001"), QStringLiteral("3521112004"), outside));
            // One request walked to READY at the store level (today), one left waiting in DESA_REVIEW.
            for (const QString &reg : {QStringLiteral("REP-1"), QStringLiteral("REP-2")}) {
                NewRequest n;
                n.kioskId = QStringLiteral("KIOSK-0001");
                n.desaCode = QStringLiteral("3521112004");
                n.idempotencyKey = reg + QStringLiteral("-idempotency-key");
                n.bodySha256 = QString::fromLatin1(QCryptographicHash::hash(reg.toUtf8(), QCryptographicHash::Sha256).toHex());
                n.submit.registrationNumber = reg;
                n.submit.serviceCode = QStringLiteral("DOMISILI");
                n.submit.nik = QStringLiteral("3521114506800002");
                n.submit.name = QStringLiteral("Siti Aminah");
                n.submit.address = QStringLiteral("Pitu");
                n.submit.purpose = QStringLiteral("Laporan");
                n.submit.submittedAt = QDateTime::currentDateTimeUtc();
                QVERIFY(store.value()->insertRequest(n));
            }
            const auto step = [&](const QString &reg, Stage from, Stage to) {
                return bool(
                    store.value()->applyTransition(reg, Transition {from, to, QStringLiteral("t"), QStringLiteral("t"), {}, {}, {}}));
            };
            QVERIFY(step(QStringLiteral("REP-1"), Stage::Received, Stage::DesaReview));
            QVERIFY(step(QStringLiteral("REP-1"), Stage::DesaReview, Stage::DesaSigned));
            QVERIFY(step(QStringLiteral("REP-1"), Stage::DesaSigned, Stage::Ready));
            QVERIFY(step(QStringLiteral("REP-2"), Stage::Received, Stage::DesaReview));
        }
        QProcess p;
        p.start(QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(QStringLiteral("backend/kecamatan-backend")),
            {QStringLiteral("report"), QStringLiteral("--data"), data, QStringLiteral("--from"), QStringLiteral("2026-10-01"),
                QStringLiteral("--to"), QStringLiteral("2026-10-31"), QStringLiteral("--csv"),
                m_dir.filePath(QStringLiteral("laporan.csv"))});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY2(out.contains("4 responden, IKM 84.72, mutu B"), out.constData());
        QVERIFY2(out.contains("3521112004  DESA_REVIEW"), out.constData());
        QVERIFY2(out.contains("SEMUA       READY"), out.constData());

        // Without a period: the READY of today counts in the turnaround table.
        QProcess all;
        all.start(QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(QStringLiteral("backend/kecamatan-backend")),
            {QStringLiteral("report"), QStringLiteral("--data"), data});
        QVERIFY(all.waitForFinished(60000));
        const QByteArray allOut = all.readAllStandardOutput();
        QVERIFY2(allOut.contains("DOMISILI") && allOut.contains(" n=1 "), allOut.constData());
        QVERIFY2(allOut.contains("5 responden"), allOut.constData());
        for (const char *name : {"tahap", "waktu", "sla", "ikm"})
            QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("laporan-%1.csv").arg(QLatin1String(name)))));
        QFile ikmFile(m_dir.filePath(QStringLiteral("laporan-ikm.csv")));
        QVERIFY(ikmFile.open(QIODevice::ReadOnly));
        QVERIFY(ikmFile.readAll().contains("IKM,84.72\r\nmutu,B\r\n"));
    }
};

QTEST_MAIN(TestMonitoring)
#include "tst_monitoring.moc"
