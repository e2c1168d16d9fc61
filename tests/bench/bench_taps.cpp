// How many taps a citizen needs for each service, from the welcome screen to the printed
// ticket, with the NIK scanned from the KTP. Typing (text fields, the search box) is not a tap;
// choosing an option, adding a person and every button are. Prints a table; target ≤ 8 for SKTM.
#include "kioskharness.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace {
QString sampleFor(const QJsonObject &field)
{
    const QString type = field.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("nik"))
        return QStringLiteral("3521111208900003");
    if (type == QLatin1String("date"))
        return field.value(QStringLiteral("future")).toBool() ? QDate::currentDate().addDays(30).toString(QStringLiteral("dd-MM-yyyy"))
                                                              : QStringLiteral("17-08-2020");
    if (type == QLatin1String("number")) {
        const int length = field.value(QStringLiteral("minLength")).toInt(1);
        return QString(std::max(1, length), QLatin1Char('7'));
    }
    if (type == QLatin1String("phone"))
        return QStringLiteral("081234567890");
    return QStringLiteral("Contoh isian");
}
} // namespace

class BenchTaps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tapsPerService()
    {
        KioskHarness h;
        QVERIFY(h.load({1920, 1080}));
        QTextStream out(stdout);
        out << "\nservice                         level      taps  screens\n";
        int sktmTaps = -1;
        for (int row = 0; row < h.catalog.total(); ++row) {
            h.catalog.setFilter({});
            const QString code = h.catalog.data(h.catalog.index(row), kiosk::CatalogModel::CodeRole).toString();
            const auto service = h.catalog.find(code);
            h.areas->flow.goHome();
            QVERIFY(h.waitForScreen(QStringLiteral("welcome")));
            h.taps = 0;
            QStringList screens {h.screen()};
            auto track = [&] {
                if (screens.last() != h.screen())
                    screens << h.screen();
            };
            QVERIFY(h.tap(QStringLiteral("startRequest")));
            QVERIFY(h.waitForScreen(QStringLiteral("consent")));
            track();
            QVERIFY(h.tap(QStringLiteral("acceptConsent")));
            QVERIFY(h.waitForScreen(QStringLiteral("identify")));
            track();
            h.scan(QStringLiteral("3521115205010021"));
            QTRY_VERIFY(h.areas->nik.valid());
            QVERIFY(h.tap(QStringLiteral("confirmNik")));
            QVERIFY(h.waitForScreen(QStringLiteral("service")));
            track();
            // The citizen finds the service by typing part of its name when it is not on screen.
            if (!h.find(QStringLiteral("service-") + code))
                QVERIFY(h.type(QStringLiteral("serviceSearch"), service->name.section(QLatin1Char(' '), -2)));
            QVERIFY2(h.tap(QStringLiteral("service-") + code), qPrintable(code));
            QVERIFY(h.waitForScreen(QStringLiteral("form")));
            track();
            QVERIFY(h.type(QStringLiteral("field-name"), QStringLiteral("Siti Aminah")));
            QVERIFY(h.type(QStringLiteral("field-address"), QStringLiteral("Dusun Krajan RT 01/RW 02")));
            QVERIFY(h.type(QStringLiteral("field-purpose"), QStringLiteral("Keperluan keluarga")));
            // The form's rows: the common fields (typed above), then the service's own.
            kiosk::FormModel *form = h.areas->request.form();
            const int common = int(kiosk::FormModel::commonFields().size());
            for (int f = common; f < form->rowCount(); ++f) {
                const QJsonObject field = service->fields.at(f - common).toObject();
                const QString key = field.value(QStringLiteral("key")).toString();
                const QString type = field.value(QStringLiteral("type")).toString();
                if (!field.value(QStringLiteral("required")).toBool())
                    continue;
                if (type == QLatin1String("select")) {
                    QVERIFY(h.tap(QStringLiteral("option-0"), h.find(QStringLiteral("field-") + key)));
                } else if (type == QLatin1String("group")) {
                    // Each person: the sub-fields are typed, a select is one tap.
                    const int people = std::max(1, field.value(QStringLiteral("minItems")).toInt());
                    for (int p = 0; p < people; ++p) {
                        if (form->groupItems(f)->rowCount() <= p)
                            form->addItem(f), ++h.taps;
                        for (const QJsonValue &sub : field.value(QStringLiteral("fields")).toArray()) {
                            const QJsonObject sf = sub.toObject();
                            if (sf.value(QStringLiteral("type")).toString() == QLatin1String("select")) {
                                form->chooseItemOption(f, p, sf.value(QStringLiteral("key")).toString(), 0);
                                ++h.taps;
                            } else {
                                form->setItemValue(f, p, sf.value(QStringLiteral("key")).toString(), sampleFor(sf));
                            }
                        }
                    }
                } else {
                    QVERIFY(h.type(QStringLiteral("field-") + key, sampleFor(field)));
                }
            }
            QVERIFY(h.tap(QStringLiteral("toReview")));
            QVERIFY2(h.waitForScreen(QStringLiteral("review")), qPrintable(code + QLatin1Char(' ') + h.areas->request.formError()));
            track();
            QVERIFY(h.tap(QStringLiteral("submit")));
            QVERIFY(h.waitForScreen(QStringLiteral("done")));
            track();
            out << code.leftJustified(32) << serverlink::levelToWire(service->level).leftJustified(11)
                << QString::number(h.taps).rightJustified(4) << "  " << screens.join(QStringLiteral(" → ")) << "\n";
            if (code == QLatin1String("SKTM"))
                sktmTaps = h.taps;
        }
        out << "SKTM with a scanned NIK: " << sktmTaps << " taps plus typing (target ≤ 8)\n";
        out.flush();
        QVERIFY(sktmTaps > 0);
    }

    // The front office's pick-up: from the staff card scan to the printed receipt (scans are not taps).
    void staffPickupTaps()
    {
        KioskHarness h;
        QVERIFY(h.load({1920, 1080}));
        const QString nik = QStringLiteral("3521115205010021");
        const QString reg = h.readyLetter(nik).registrationNumber;
        QVERIFY(!reg.isEmpty());
        QElapsedTimer clock;
        clock.start();
        h.taps = 0;
        QVERIFY(h.signInStaff());
        const int signInTaps = h.taps;
        QVERIFY(h.tap(QStringLiteral("print-") + reg));
        QVERIFY(h.tap(QStringLiteral("handover-") + reg));
        QVERIFY(h.waitFor(QStringLiteral("handoverDialog")));
        h.scan(nik);
        QTRY_VERIFY(!h.areas->staffLogin.desk()->scannedNik().isEmpty());
        const int receiptsBefore = int(h.ticketPrinter->documents().size());
        QVERIFY(h.tap(QStringLiteral("handoverConfirm")));
        QTRY_COMPARE(int(h.ticketPrinter->documents().size()), receiptsBefore + 1);
        QTextStream(stdout) << "\nstaff pick-up, card scan to receipt printed: " << h.taps << " taps (" << signInTaps
                            << " of them the PIN and OK), 2 scans (staff card, KTP), " << clock.elapsed() << " ms offscreen\n";
    }

    // Staff enter an SKTM for a citizen at the desk: from the staff card scan to the printed ticket and back at the
    // desk (scans and typing are not taps).
    void staffAssistedEntryTaps()
    {
        KioskHarness h;
        QVERIFY(h.load({1920, 1080}));
        QElapsedTimer clock;
        clock.start();
        h.taps = 0;
        QVERIFY(h.signInStaff());
        const int signInTaps = h.taps;
        QVERIFY(h.tap(QStringLiteral("enterForCitizen")));
        QVERIFY(h.waitForScreen(QStringLiteral("consent")));
        QVERIFY(h.tap(QStringLiteral("citizenAgreed")));
        QVERIFY(h.tap(QStringLiteral("acceptConsent")));
        QVERIFY(h.waitForScreen(QStringLiteral("identify")));
        h.scan(QStringLiteral("3521115205010021"));
        QTRY_VERIFY(h.areas->nik.valid());
        QVERIFY(h.tap(QStringLiteral("confirmNik")));
        QVERIFY(h.waitForScreen(QStringLiteral("service")));
        QVERIFY(h.tap(QStringLiteral("service-SKTM")));
        QVERIFY(h.waitForScreen(QStringLiteral("form")));
        QVERIFY(h.type(QStringLiteral("field-name"), QStringLiteral("Mbah Kasiyem")));
        QVERIFY(h.type(QStringLiteral("field-address"), QStringLiteral("Dusun Krajan RT 01/RW 02")));
        QVERIFY(h.type(QStringLiteral("field-purpose"), QStringLiteral("Keringanan biaya berobat")));
        QVERIFY(h.type(QStringLiteral("field-pekerjaan"), QStringLiteral("Tidak bekerja")));
        QVERIFY(h.type(QStringLiteral("field-penghasilan"), QStringLiteral("300000")));
        QVERIFY(h.type(QStringLiteral("field-jumlahTanggungan"), QStringLiteral("1")));
        QVERIFY(h.tap(QStringLiteral("option-0"), h.find(QStringLiteral("field-peruntukan"))));
        QVERIFY(h.tap(QStringLiteral("toReview")));
        QVERIFY2(h.waitForScreen(QStringLiteral("review")), qPrintable(h.areas->request.formError()));
        QVERIFY(h.tap(QStringLiteral("submit")));
        QVERIFY(h.waitForScreen(QStringLiteral("done")));
        QTRY_COMPARE(h.areas->request.ticket().printed, true);
        const int ticketTaps = h.taps;
        QVERIFY(h.tap(QStringLiteral("finish")));
        QVERIFY(h.waitForScreen(QStringLiteral("staff")));
        QTextStream(stdout) << "\nstaff-assisted SKTM, card scan to ticket printed: " << ticketTaps << " taps (" << signInTaps
                            << " of them the PIN and OK), back at the desk: " << h.taps << " taps, 2 scans (staff card, KTP), "
                            << clock.elapsed() << " ms offscreen\n";
    }
};

QTEST_MAIN(BenchTaps)
#include "bench_taps.moc"
