// Renders every screen at 1920×1080, 1280×800 and 1080×1920 (Indonesian and English), saves the
// PNGs as test artifacts in <build>/screenshots/, and fails on text that does not fit its box,
// text that leaves the window, text smaller than 20 px, or a button smaller than a fingertip.
#include "kioskharness.h"

#include <QDir>
#include <QTest>

using serverlink::Stage;

class TestScreens : public QObject
{
    Q_OBJECT
    std::unique_ptr<KioskHarness> h;
    QString m_outDir;
    QString m_regNumber;

    // Puts the visit on `screen` with realistic content.
    void visit(const QString &screen)
    {
        kiosk::KioskAreas &a = *h->areas;
        a.flow.goHome();
        if (screen == QLatin1String("welcome"))
            return;
        if (screen == QLatin1String("consent")) {
            a.flow.startRequest();
            return;
        }
        a.flow.startRequest();
        a.flow.acceptConsent();
        h->scan(QStringLiteral("3521115205010021"));
        if (screen == QLatin1String("identify"))
            return;
        a.nik.confirm();
        if (screen == QLatin1String("service"))
            return;
        a.request.chooseService(screen == QLatin1String("formGroups") ? QStringLiteral("AHLI_WARIS") : QStringLiteral("SKTM"));
        for (const auto &[k, v] : {std::pair {"name", "Siti Aminah Binti Abdurrahman Wahyuningtyas"},
                 {"address", "Dusun Krajan RT 001/RW 002, Desa Pitu, Kecamatan Pitu, Kabupaten Ngawi"},
                 {"purpose", "Keringanan biaya sekolah anak di SMP Negeri 1 Pitu"}, {"phone", "081234567890"}, {"pekerjaan", "Buruh tani"},
                 {"penghasilan", "900000"}, {"jumlahTanggungan", "3"}, {"peruntukan", "Keringanan biaya sekolah"}})
            a.request.setField(QLatin1String(k), QLatin1String(v));
        if (screen == QLatin1String("form") || screen == QLatin1String("formGroups"))
            return;
        if (screen == QLatin1String("formErrors")) {
            a.request.setField(QStringLiteral("name"), {});
            a.request.setField(QStringLiteral("penghasilan"), QStringLiteral("banyak"));
            a.request.review();
            return;
        }
        a.request.review();
        if (screen == QLatin1String("review"))
            return;
        a.request.submit();
        if (screen == QLatin1String("done"))
            return;
        a.survey.open();
    }

    void checkLayout(const QString &what)
    {
        const qreal width = h->window->width();
        for (QQuickItem *t : h->visibleTexts()) {
            const QString text = t->property("text").toString();
            if (text.trimmed().isEmpty() || t->width() <= 0)
                continue;
            const QRectF r = t->mapRectToScene(QRectF(0, 0, t->width(), t->height()));
            const QString where = QStringLiteral("%1: '%2'").arg(what, text.left(60));
            QVERIFY2(r.left() >= -1 && r.right() <= width + 1, qPrintable(where + QStringLiteral(" leaves the window")));
            if (t->inherits("QQuickText")) {
                const bool wraps = t->property("wrapMode").toInt() != 0;
                const bool elides = t->property("elide").toInt() != 0 || t->property("fontSizeMode").toInt() != 0;
                if (!wraps && !elides)
                    QVERIFY2(t->property("contentWidth").toReal() <= t->width() + 1,
                        qPrintable(where + QStringLiteral(" is wider than its box")));
                QVERIFY2(!t->property("truncated").toBool() || elides, qPrintable(where + QStringLiteral(" is truncated")));
                const QFont font = t->property("font").value<QFont>();
                QVERIFY2(font.pixelSize() >= 20 || font.pixelSize() < 0, qPrintable(where + QStringLiteral(" is smaller than 20 px")));
            }
        }
        QList<QQuickItem *> stack {h->window->contentItem()};
        while (!stack.isEmpty()) {
            QQuickItem *i = stack.takeLast();
            if (!i->isVisible())
                continue;
            if (i->inherits("QQuickAbstractButton") && i->isEnabled())
                QVERIFY2(i->height() >= 72 && i->width() >= 72,
                    qPrintable(QStringLiteral("%1: button %2 is %3×%4 px").arg(what, i->objectName()).arg(i->width()).arg(i->height())));
            stack.append(i->childItems());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        h = std::make_unique<KioskHarness>();
        QVERIFY(h->load());
        m_outDir = QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(QStringLiteral("screenshots"));
        // Not emptied first: tst_documents, tst_callingdisplay and the console's e2e test write into the same folder
        // at the same time under ctest -j; each run overwrites its own files.
        QDir().mkpath(m_outDir);
        // A request with a history, for the status screen.
        const auto queued = h->outbox->enqueue({QStringLiteral("AHLI_WARIS"), QStringLiteral("3521111208900003"),
            QStringLiteral("Budi Santoso"), QStringLiteral("Dusun Krajan"), QStringLiteral("Bank"), {}, {}});
        QVERIFY(queued.ok());
        m_regNumber = queued->registrationNumber;
        for (Stage st : {Stage::Received, Stage::DesaReview, Stage::NeedsFix}) {
            serverlink::StatusChange c {0, m_regNumber, st,
                st == Stage::NeedsFix ? QStringLiteral("Fotokopi akta kematian belum dilampirkan") : QString(),
                QDateTime::currentDateTimeUtc(), false};
            QVERIFY(h->outbox->applyChange(c));
        }
    }

    void everyScreen_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("screen");
        const QList<QPair<QString, QSize>> sizes {{QStringLiteral("1920x1080"), {1920, 1080}}, {QStringLiteral("1280x800"), {1280, 800}},
            {QStringLiteral("1080x1920"), {1080, 1920}}};
        const QStringList screens {QStringLiteral("welcome"), QStringLiteral("consent"), QStringLiteral("identify"),
            QStringLiteral("service"), QStringLiteral("form"), QStringLiteral("formGroups"), QStringLiteral("formErrors"),
            QStringLiteral("review"), QStringLiteral("done"), QStringLiteral("survey"), QStringLiteral("status"), QStringLiteral("verify"),
            QStringLiteral("help"), QStringLiteral("staffLogin"), QStringLiteral("complaint"), QStringLiteral("complaintAnswer")};
        for (const auto &[name, size] : sizes)
            for (const QString &language : {QStringLiteral("id"), QStringLiteral("en")})
                for (const QString &screen : screens)
                    QTest::newRow(qPrintable(QStringLiteral("%1-%2-%3").arg(name, language, screen))) << size << language << screen;
    }
    void everyScreen()
    {
        QFETCH(QSize, size);
        QFETCH(QString, language);
        QFETCH(QString, screen);
        h->resize(size);
        if (screen == QLatin1String("status")) {
            h->areas->status.check(m_regNumber);
        } else if (screen == QLatin1String("verify") || screen == QLatin1String("help") || screen == QLatin1String("staffLogin")) {
            h->areas->flow.goHome();
            QMetaObject::invokeMethod(&h->areas->flow,
                screen == QLatin1String("verify")     ? "openVerify"
                    : screen == QLatin1String("help") ? "openHelp"
                                                      : "openStaff");
        } else if (screen == QLatin1String("complaint")) {
            h->areas->flow.goHome();
            h->areas->complaint.open();
        } else if (screen == QLatin1String("complaintAnswer")) {
            // No backend here: the answer screen says so and what to do.
            h->areas->flow.goHome();
            h->areas->complaint.lookUp(QStringLiteral("PGD-7K2M9-QX4TB"), QStringLiteral("q83vEjRWeJCrze8SNFZ4kA"));
        } else {
            visit(screen);
        }
        h->areas->flow.setLanguage(language);
        QTest::qWait(60);
        const QString file
            = QDir(m_outDir).filePath(QStringLiteral("%1x%2/%3-%4.png").arg(size.width()).arg(size.height()).arg(language, screen));
        QDir().mkpath(QFileInfo(file).absolutePath());
        QVERIFY(h->window->grabWindow().save(file));
        checkLayout(QStringLiteral("%1 %2x%3 %4").arg(screen).arg(size.width()).arg(size.height()).arg(language));
    }
};

QTEST_MAIN(TestScreens)
#include "tst_screens.moc"
