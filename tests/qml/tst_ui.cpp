// The citizen's paths through the real QML UI, driven by taps, on-screen-keyboard text and scans.
#include "barcode.h"
#include "crypto.h"
#include "escpos.h"
#include "idformat.h"
#include "kioskharness.h"
#include "payloadclassifier.h"
#include "printjobtracker.h"
#include "slipwriter.h"
#include "staffdesk.h"

#include <QFile>
#include <QTest>

#include <algorithm>

using serverlink::Stage;

namespace {
const QString kNik = QStringLiteral("3521115205010021");
}

class TestUi : public QObject
{
    Q_OBJECT
    std::unique_ptr<KioskHarness> h;

    void fillSktm() { QVERIFY(h->fillSktm()); }

    void startToIdentify()
    {
        QVERIFY(h->tap(QStringLiteral("startRequest")));
        QVERIFY(h->waitForScreen(QStringLiteral("consent")));
        QVERIFY(h->tap(QStringLiteral("acceptConsent")));
        QVERIFY(h->waitForScreen(QStringLiteral("identify")));
    }

    void openSktmFormWithScannedNik() { QVERIFY(h->openSktmForm(kNik)); }

private Q_SLOTS:
    void initTestCase()
    {
        h = std::make_unique<KioskHarness>();
        QVERIFY(h->load());
    }
    void init()
    {
        h->areas->flow.goHome();
        h->idle->setTimeouts(60000, 75000);
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        h->taps = 0;
    }

    void requestWithScannedNik()
    {
        startToIdentify();
        h->scan(kNik);
        QTRY_VERIFY(h->areas->nik.valid());
        QVERIFY(h->areas->nik.scanned());
        QVERIFY(h->tap(QStringLiteral("confirmNik")));
        QVERIFY(h->waitForScreen(QStringLiteral("service")));
        QVERIFY(h->tap(QStringLiteral("service-SKTM")));
        QVERIFY(h->waitForScreen(QStringLiteral("form")));
        fillSktm();
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY2(h->waitForScreen(QStringLiteral("review")), qPrintable(h->areas->request.formError()));
        // The income is reviewed as the letter will print it.
        bool rupiah = false;
        for (const kiosk::ReviewLine &line : h->areas->request.form()->summary())
            rupiah = rupiah || (line.label == QStringLiteral("Penghasilan per bulan") && line.value == QStringLiteral("Rp900.000"));
        QVERIFY(rupiah);
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        QTRY_COMPARE(h->areas->request.ticket().printed, true);
        // The done screen shows the slip's checklist (no page captured here: bring every original), the ready date
        // and the office's hours, as printed.
        const kiosk::Ticket ticket = h->areas->request.ticket();
        QCOMPARE(ticket.requirements.size(), 4);
        QCOMPARE(ticket.captured, QList<bool>(4, false));
        QVERIFY(!ticket.readyDate.isEmpty());
        QCOMPARE(ticket.officeHours, QStringLiteral("Senin–Jumat 08.00–15.00"));
        QCOMPARE(h->find(QStringLiteral("checklist-1"))->property("text").toString(),
            QStringLiteral("☐ %1: bawa aslinya").arg(ticket.requirements.at(1)));
        QVERIFY(h->find(QStringLiteral("readyDate"))->property("text").toString().contains(ticket.readyDate));
        // The printed ticket's QR carries the status token that finds this request.
        const auto qr = devices::barcode::decode(devices::escpos::rasterToImage(h->ticketPrinter->documents().last()));
        QVERIFY(qr);
        const auto found = h->outbox->findByStatusToken(qr->mid(5));
        QVERIFY(found);
        QCOMPARE(found->registrationNumber, h->areas->request.ticket().registrationNumber);
        QCOMPARE(h->outbox->dueForDelivery().last().body.contains("\"peruntukan\":\"Keringanan biaya sekolah\""), true);
    }

    void catalogHolidaysDateTheTicket()
    {
        // The backend's catalog says the office is closed for the next 40 days: an SKTM (1 working day) is
        // ready only after them.
        QFile file(QStringLiteral(KIOSK_CATALOG_JSON));
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto catalog = serverlink::Catalog::fromJson(file.readAll());
        QVERIFY(catalog);
        const QDate today = QDate::currentDate();
        for (int i = 0; i <= 40; ++i)
            catalog->holidays.append({today.addDays(i), QStringLiteral("Libur uji")});
        h->areas->request.handleCatalog(catalog->toJson());
        openSktmFormWithScannedNik();
        fillSktm();
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        const serverlink::WorkingCalendar closed(catalog->holidays);
        QCOMPARE(h->areas->request.ticket().readyDate, serverlink::idformat::shortDayDate(closed.addWorkingDays(today, 1)));
        QTRY_COMPARE(h->areas->request.ticket().printed, true);
        catalog->holidays.clear();
        h->areas->request.handleCatalog(catalog->toJson());
    }

    void requestWithTypedNik()
    {
        startToIdentify();
        for (QChar digit : kNik)
            QVERIFY(h->tap(QStringLiteral("numpad-") + digit));
        QTRY_VERIFY(h->areas->nik.valid());
        QVERIFY(!h->areas->nik.scanned());
        QVERIFY(h->find(QStringLiteral("confirmNik"))->isEnabled());
        QVERIFY(h->tap(QStringLiteral("confirmNik")));
        QVERIFY(h->waitForScreen(QStringLiteral("service")));
    }

    void invalidNikIsExplained()
    {
        startToIdentify();
        h->scan(QStringLiteral("3521113102900003")); // 31 February
        QTRY_VERIFY(!h->areas->nik.error().isEmpty());
        QVERIFY(h->find(QStringLiteral("nikError")));
        QVERIFY(!h->find(QStringLiteral("confirmNik"))->isEnabled());
        QCOMPARE(h->screen(), QStringLiteral("identify"));
    }

    void validationErrorsShowBesideFields()
    {
        openSktmFormWithScannedNik();
        QVERIFY(h->type(QStringLiteral("field-penghasilan"), QStringLiteral("sembilan ratus")));
        QVERIFY(h->type(QStringLiteral("field-phone"), QStringLiteral("12345")));
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QCOMPARE(h->screen(), QStringLiteral("form"));
        QVERIFY(h->find(QStringLiteral("formError")));
        QVERIFY(!h->fieldError(QStringLiteral("name")).isEmpty());
        QVERIFY(!h->fieldError(QStringLiteral("phone")).isEmpty());
        QVERIFY(h->areas->request.form()->hasErrors());
        QStringList shown;
        for (QQuickItem *t : h->visibleTexts())
            shown << t->property("text").toString();
        QVERIFY2(shown.contains(QStringLiteral("Isi dengan angka saja.")), qPrintable(shown.join(QLatin1Char('|'))));
    }

    void editFromReviewKeepsAnswers()
    {
        openSktmFormWithScannedNik();
        fillSktm();
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QVERIFY(h->tap(QStringLiteral("editForm")));
        QVERIFY(h->waitForScreen(QStringLiteral("form")));
        QCOMPARE(h->areas->request.form()->value(QStringLiteral("name")), QStringLiteral("Siti Aminah"));
        QCOMPARE(h->areas->request.form()->values().value(QStringLiteral("pekerjaan")).toString(), QStringLiteral("Buruh tani"));
        h->areas->request.setField(QStringLiteral("name"), QString());
        QVERIFY(h->type(QStringLiteral("field-name"), QStringLiteral("Siti Aminah Rahayu")));
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        bool shown = false;
        for (const kiosk::ReviewLine &line : h->areas->request.form()->summary())
            shown = shown || line.value == QLatin1String("Siti Aminah Rahayu");
        QVERIFY(shown);
    }

    // Ahli Waris: heirs added and removed by taps, sub-fields typed through the keyboard, messages per
    // person, the names on the review screen, and the groups sent as arrays of objects.
    void heirsAndWitnessesThroughTheForm()
    {
        startToIdentify();
        h->scan(kNik);
        QTRY_VERIFY(h->areas->nik.valid());
        QVERIFY(h->tap(QStringLiteral("confirmNik")));
        QVERIFY(h->waitForScreen(QStringLiteral("service")));
        if (!h->find(QStringLiteral("service-AHLI_WARIS")))
            QVERIFY(h->type(QStringLiteral("serviceSearch"), QStringLiteral("Ahli Waris")));
        QVERIFY(h->tap(QStringLiteral("service-AHLI_WARIS")));
        QVERIFY(h->waitForScreen(QStringLiteral("form")));
        for (const auto &[field, text] : {std::pair {"name", "Siti Aminah"}, {"address", "Dusun Krajan RT 01/RW 02"},
                 {"purpose", "Balik nama sertifikat tanah"}, {"namaPewaris", "Sukardi"}, {"nikPewaris", "3521111208900003"},
                 {"tanggalMeninggal", "17-08-2025"}, {"nomorAktaKematian", "3521-KM-17082025-0001"}})
            QVERIFY2(h->type(QStringLiteral("field-") + QLatin1String(field), QLatin1String(text)), field);
        QQuickItem *heirs = h->find(QStringLiteral("field-ahliWaris"));
        QVERIFY(heirs);
        // One heir to start with (the minimum), who cannot be removed.
        QVERIFY(h->find(QStringLiteral("person-0"), heirs));
        QVERIFY(!h->find(QStringLiteral("person-1"), heirs));
        QVERIFY(!h->find(QStringLiteral("removePerson"), heirs));
        const auto fillPerson = [this](QQuickItem *group, int person, const QString &name, const QString &nik) {
            QQuickItem *card = h->waitFor(QStringLiteral("person-%1").arg(person), 3000, group);
            return card && h->type(QStringLiteral("subfield-nama"), name, card) && h->type(QStringLiteral("subfield-nik"), nik, card);
        };
        QVERIFY(fillPerson(heirs, 0, QStringLiteral("Sri Wahyuni"), kNik));
        QVERIFY(h->tap(QStringLiteral("option-0"), h->find(QStringLiteral("person-0"), heirs)));
        QVERIFY(h->tap(QStringLiteral("addPerson"), heirs));
        QVERIFY(h->waitFor(QStringLiteral("person-1"), 3000, heirs));

        // The second heir is still empty: the message names that person and shows beside their sub-fields.
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QCOMPARE(h->screen(), QStringLiteral("form"));
        QCOMPARE(h->fieldError(QStringLiteral("ahliWaris")), QStringLiteral("Periksa data orang ke-2."));
        const auto texts = [this](QQuickItem *within) {
            QStringList out;
            for (QQuickItem *t : h->visibleTexts(within))
                out << t->property("text").toString();
            return out;
        };
        QCOMPARE(texts(h->find(QStringLiteral("person-1"), heirs)).count(QStringLiteral("Wajib diisi.")), 3);
        QVERIFY(!texts(h->find(QStringLiteral("person-0"), heirs)).contains(QStringLiteral("Wajib diisi.")));

        // A third heir, then the empty second one is removed: the third moves up with what was typed.
        QVERIFY(h->tap(QStringLiteral("addPerson"), heirs));
        QVERIFY(fillPerson(heirs, 2, QStringLiteral("Agus Santoso"), QStringLiteral("3521110305800007")));
        QVERIFY(h->tap(QStringLiteral("option-2"), h->find(QStringLiteral("person-2"), heirs)));
        QVERIFY(h->tap(QStringLiteral("removePerson"), h->find(QStringLiteral("person-1"), heirs)));
        QTRY_VERIFY(!h->find(QStringLiteral("person-2"), heirs));
        QVERIFY(texts(h->find(QStringLiteral("person-1"), heirs)).contains(QStringLiteral("Agus Santoso")));

        // Exactly two witnesses: no add button, no remove buttons.
        QQuickItem *witnesses = h->find(QStringLiteral("field-saksi"));
        QVERIFY(witnesses);
        QVERIFY(!h->find(QStringLiteral("addPerson"), witnesses));
        QVERIFY(!h->find(QStringLiteral("removePerson"), witnesses));
        QVERIFY(fillPerson(witnesses, 0, QStringLiteral("Joko Susilo"), QStringLiteral("3521111208900003")));
        QVERIFY(h->type(QStringLiteral("subfield-alamat"), QStringLiteral("Dusun Krajan"), h->find(QStringLiteral("person-0"), witnesses)));
        QVERIFY(fillPerson(witnesses, 1, QStringLiteral("Wati"), QStringLiteral("3521115205010021")));
        QVERIFY(h->type(QStringLiteral("subfield-alamat"), QStringLiteral("Dusun Kulon"), h->find(QStringLiteral("person-1"), witnesses)));

        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY2(h->waitForScreen(QStringLiteral("review")), qPrintable(h->areas->request.formError()));
        QStringList review;
        for (const kiosk::ReviewLine &line : h->areas->request.form()->summary())
            review << line.label + QLatin1String(": ") + line.value;
        QVERIFY2(
            review.contains(QStringLiteral("Daftar ahli waris: Sri Wahyuni, Agus Santoso")), qPrintable(review.join(QLatin1Char('|'))));
        QVERIFY2(review.contains(QStringLiteral("Saksi (2 orang): Joko Susilo, Wati")), qPrintable(review.join(QLatin1Char('|'))));
        QVERIFY(texts(h->find(QStringLiteral("reviewRows"))).contains(QStringLiteral("Sri Wahyuni, Agus Santoso")));
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        const QByteArray body = h->outbox->dueForDelivery().last().body;
        QVERIFY2(body.contains(R"("ahliWaris":[{"hubungan":"Istri","nama":"Sri Wahyuni","nik":"3521115205010021"},)"
                               R"({"hubungan":"Anak","nama":"Agus Santoso","nik":"3521110305800007"}])"),
            body.constData());
        QVERIFY2(body.contains(R"("saksi":[{"alamat":"Dusun Krajan","nama":"Joko Susilo","nik":"3521111208900003"},)"
                               R"({"alamat":"Dusun Kulon","nama":"Wati","nik":"3521115205010021"}])"),
            body.constData());
    }

    void idleWipeLeavesNoTrace()
    {
        h->idle->setTimeouts(300, 700);
        openSktmFormWithScannedNik();
        QVERIFY(h->type(QStringLiteral("field-name"), QStringLiteral("Siti Aminah")));
        QVERIFY(h->type(QStringLiteral("field-pekerjaan"), QStringLiteral("Buruh tani")));
        // The countdown appears first, then the visit is wiped.
        QTRY_VERIFY_WITH_TIMEOUT(h->find(QStringLiteral("idleOverlay")) != nullptr, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(h->screen(), QStringLiteral("welcome"), 3000);
        QTest::qWait(50);
        QVERIFY(h->areas->nik.nik().isEmpty());
        QVERIFY(h->areas->request.form()->value(QStringLiteral("name")).isEmpty());
        QVERIFY(h->areas->request.serviceCode().isEmpty());
        QCOMPARE(h->areas->request.form()->rowCount(), 0);
        QVERIFY(h->areas->request.form()->values().isEmpty());
        QVERIFY(h->areas->request.ticket().isEmpty());
        QVERIFY((h->areas->status.status() == kiosk::RequestStatusView {}));
        QVERIFY(h->areas->request.form()->summary().isEmpty());
        QVERIFY(!h->areas->verification.verdict().known);
        QVERIFY(!h->areas->staffLogin.desk());
        for (QQuickItem *t : h->visibleTexts()) {
            const QString text = t->property("text").toString();
            QVERIFY2(!text.contains(QStringLiteral("Siti")) && !text.contains(kNik.left(8)), qPrintable(text));
        }
    }

    void statusShowsEachStage_data()
    {
        QTest::addColumn<Stage>("stage");
        QTest::addColumn<QString>("note");
        for (Stage s : {Stage::Received, Stage::DesaReview, Stage::DesaSigned, Stage::KecamatanReview, Stage::KecamatanSigned, Stage::Ready,
                 Stage::HandedOver, Stage::NeedsFix, Stage::Rejected, Stage::Cancelled})
            QTest::newRow(qPrintable(serverlink::stageToWire(s)))
                << s << (s == Stage::Rejected || s == Stage::NeedsFix ? QStringLiteral("Foto rumah belum dilampirkan") : QString());
    }
    void statusShowsEachStage()
    {
        QFETCH(Stage, stage);
        QFETCH(QString, note);
        const auto queued = h->outbox->enqueue({QStringLiteral("DOMISILI"), kNik, QStringLiteral("Budi Santoso"),
            QStringLiteral("Dusun Krajan"), QStringLiteral("Melamar kerja"), {}, {}});
        QVERIFY(queued.ok());
        serverlink::StatusChange change;
        change.registrationNumber = queued->registrationNumber;
        change.stage = stage;
        change.note = note;
        change.at = QDateTime::currentDateTimeUtc();
        QVERIFY(h->outbox->applyChange(change));
        QVERIFY(h->tap(QStringLiteral("openStatus")));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QVERIFY(h->type(QStringLiteral("registrationField"), queued->registrationNumber));
        QVERIFY(h->tap(QStringLiteral("checkStatus")));
        QTRY_COMPARE(h->areas->status.status().stage, serverlink::stageToWire(stage));
        QQuickItem *label = h->waitFor(QStringLiteral("stageLabel"));
        QVERIFY(label);
        QCOMPARE(label->property("text").toString(), serverlink::stageLabel(stage));
        QCOMPARE(h->areas->status.status().maskedName, QStringLiteral("B*** S******"));
        QCOMPARE(h->areas->status.timeline()->rowCount(), 2);
        if (!note.isEmpty()) {
            // The officer's note needs the applicant's NIK (a typed number alone shows the stage).
            QVERIFY(h->type(QStringLiteral("proofNikField"), kNik));
            QVERIFY(h->tap(QStringLiteral("showDetails")));
            QVERIFY(h->waitFor(QStringLiteral("stageNote"))->property("text").toString().contains(note));
        }
    }

    void typedNumberShowsTheStageNotTheNote()
    {
        const QString note = QStringLiteral("Foto rumah Budi Santoso belum dilampirkan");
        const auto queued = h->outbox->enqueue({QStringLiteral("DOMISILI"), kNik, QStringLiteral("Budi Santoso"),
            QStringLiteral("Dusun Krajan"), QStringLiteral("Melamar kerja"), {}, {}});
        QVERIFY(queued.ok());
        QVERIFY(h->outbox->applyChange({0, queued->registrationNumber, Stage::NeedsFix, note, QDateTime::currentDateTimeUtc(), false}));
        QVERIFY(h->tap(QStringLiteral("openStatus")));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QVERIFY(h->type(QStringLiteral("registrationField"), queued->registrationNumber));
        QVERIFY(h->tap(QStringLiteral("checkStatus")));
        QTRY_COMPARE(h->areas->status.status().stage, serverlink::stageToWire(Stage::NeedsFix));
        const auto noteShown = [&] {
            const auto texts = h->visibleTexts();
            return std::any_of(texts.cbegin(), texts.cend(), [&](QQuickItem *t) { return t->property("text").toString().contains(note); });
        };
        const auto timelineNotes = [&] {
            QString notes;
            for (int row = 0; row < h->areas->status.timeline()->rowCount(); ++row)
                notes += h->areas->status.timeline()->index(row).data(kiosk::TimelineModel::NoteRole).toString();
            return notes;
        };
        QVERIFY(h->waitFor(QStringLiteral("stageLabel")));
        QVERIFY(h->areas->status.status().note.isEmpty());
        QVERIFY(timelineNotes().isEmpty());
        QVERIFY(!noteShown());
        QVERIFY(h->waitFor(QStringLiteral("proofPanel")));
        // Someone else's NIK opens nothing.
        QVERIFY(h->type(QStringLiteral("proofNikField"), QStringLiteral("3521110101800003")));
        QVERIFY(h->tap(QStringLiteral("showDetails")));
        QTRY_VERIFY(h->areas->status.status().message.contains(QStringLiteral("NIK tidak cocok")));
        QVERIFY(!noteShown());
        // The applicant's NIK, or the ticket's QR, shows the note and the timeline's.
        QVERIFY(h->type(QStringLiteral("proofNikField"), kNik));
        QVERIFY(h->tap(QStringLiteral("showDetails")));
        QTRY_VERIFY(noteShown());
        QVERIFY(timelineNotes().contains(note));
        h->areas->flow.goHome();
        h->scan(kiosk::OutboxRepository::ticketQrPayload(queued->statusToken));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QTRY_VERIFY(noteShown());
    }

    void statusByScannedTicket()
    {
        const auto queued = h->outbox->enqueue({QStringLiteral("SKTM"), kNik, QStringLiteral("Siti Aminah"), QStringLiteral("Dusun Krajan"),
            QStringLiteral("Sekolah"), {}, {}});
        QVERIFY(queued.ok());
        h->scan(kiosk::OutboxRepository::ticketQrPayload(queued->statusToken));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QCOMPARE(h->areas->status.status().registrationNumber, queued->registrationNumber);
    }

    void garbageScanChangesNothing()
    {
        startToIdentify();
        h->scan(QStringLiteral("<script>alert(1)</script>"));
        QTRY_VERIFY(!h->areas->flow.notice().isEmpty());
        QVERIFY(h->areas->nik.nik().isEmpty());
        QCOMPARE(h->screen(), QStringLiteral("identify"));
    }

    void surveyIsStoredForTheBackend()
    {
        const int before = int(h->outbox->dueSurveys().size());
        h->areas->survey.open();
        QVERIFY(h->waitForScreen(QStringLiteral("survey")));
        QVERIFY(!h->find(QStringLiteral("sendSurvey"))->isEnabled());
        for (int q = 0; q < 9; ++q)
            QVERIFY2(h->tap(QStringLiteral("answer-%1-%2").arg(q).arg(q % 4 + 1)), qPrintable(QString::number(q)));
        int selected = 0;
        QList<QQuickItem *> stack {h->window->contentItem()};
        while (!stack.isEmpty()) {
            QQuickItem *i = stack.takeLast();
            selected += i->objectName().startsWith(QLatin1String("answer-")) && i->property("selected").toBool();
            stack.append(i->childItems());
        }
        QCOMPARE(selected, 9);
        QVERIFY(h->tap(QStringLiteral("sendSurvey")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        const auto due = h->outbox->dueSurveys();
        QCOMPARE(int(due.size()), before + 1);
        QCOMPARE(due.last().answers, (QList<int> {1, 2, 3, 4, 1, 2, 3, 4, 1}));
    }

    void surveyFromWelcomeWithProfileAndSuggestion()
    {
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        const int before = int(h->outbox->dueSurveys().size());
        QVERIFY(h->tap(QStringLiteral("openSurvey")));
        QVERIFY(h->waitForScreen(QStringLiteral("survey")));
        QVERIFY(!h->areas->survey.atPickup());
        for (int q = 0; q < 9; ++q)
            QVERIFY(h->tap(QStringLiteral("answer-%1-3").arg(q)));
        QVERIFY(h->tap(QStringLiteral("profile-age-60_plus")));
        QVERIFY(h->tap(QStringLiteral("profile-gender-female")));
        QVERIFY(h->tap(QStringLiteral("profile-gender-male")));
        QVERIFY(h->tap(QStringLiteral("profile-education-sd")));
        // A second tap takes an answer back.
        QVERIFY(h->tap(QStringLiteral("profile-education-sd")));
        QVERIFY(h->type(QStringLiteral("suggestion"), QStringLiteral("Mohon disediakan kursi roda.")));
        QVERIFY(h->tap(QStringLiteral("sendSurvey")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        const auto due = h->outbox->dueSurveys();
        QCOMPARE(int(due.size()), before + 1);
        QVERIFY(due.last().serviceCode.isEmpty());
        QCOMPARE(due.last().profile,
            (QMap<QString, QString> {
                {QStringLiteral("age"), QStringLiteral("60_plus")}, {QStringLiteral("gender"), QStringLiteral("male")}}));
        QCOMPARE(due.last().suggestion, QStringLiteral("Mohon disediakan kursi roda."));
    }

    void doneScreenOffersNoSurvey()
    {
        openSktmFormWithScannedNik();
        fillSktm();
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        QVERIFY(h->waitFor(QStringLiteral("finish")));
        QVERIFY(!h->find(QStringLiteral("openSurvey")));
        h->areas->flow.goHome();
    }

    void complaintWithAndWithoutNik_data()
    {
        QTest::addColumn<QString>("nik");
        QTest::addColumn<QString>("phone");
        QTest::newRow("anonymous, no phone") << QString() << QString();
        QTest::newRow("with NIK and phone") << QStringLiteral("3521115205010021") << QStringLiteral("0812 3456 7890");
    }
    void complaintWithAndWithoutNik()
    {
        QFETCH(QString, nik);
        QFETCH(QString, phone);
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        const int slipsBefore = int(h->ticketPrinter->documents().size());
        const int pendingBefore = h->complaints->pending();
        QVERIFY(h->tap(QStringLiteral("openComplaint")));
        QVERIFY(h->waitForScreen(QStringLiteral("complaint")));
        QVERIFY(!h->find(QStringLiteral("sendComplaint"))->isEnabled());
        QVERIFY(h->tap(QStringLiteral("category-fasilitas")));
        const QString text = QStringLiteral("Toilet kantor desa terkunci sejak Senin; warga lansia kesulitan.");
        QVERIFY(h->type(QStringLiteral("complaintText"), text));
        if (!nik.isEmpty())
            h->scan(nik);
        if (!phone.isEmpty())
            QVERIFY(h->type(QStringLiteral("complaintPhone"), phone));
        QVERIFY(h->tap(QStringLiteral("sendComplaint")));
        QVERIFY2(h->waitFor(QStringLiteral("complaintNumber")), qPrintable(h->areas->complaint.error()));
        const QString number = h->areas->complaint.filedNumber();
        QVERIFY(serverlink::complaintqr::isNumber(number));
        QCOMPARE(h->areas->complaint.phoneGiven(), !phone.isEmpty());

        // The slip: printed after the commit, its QR is the complaint's and reads back through the classifier.
        QTRY_COMPARE(int(h->ticketPrinter->documents().size()), slipsBefore + 1);
        const QImage slip = devices::escpos::rasterToImage(h->ticketPrinter->documents().last());
        const auto decoded = devices::barcode::decode(slip);
        QVERIFY(decoded);
        const devices::PayloadClassification scan = devices::PayloadClassifier::classify(*decoded);
        QCOMPARE(scan.kind, devices::PayloadKind::ComplaintSlip);
        QCOMPARE(scan.complaintNumber, number);
        QVERIFY(scan.complaintToken.size() >= 22);

        // Committed once, sealed: the store file does not hold the text, NIK or phone in clear.
        QCOMPARE(h->complaints->pending(), pendingBefore + 1);
        const auto due = h->complaints->due(100);
        const auto body = std::find_if(due.cbegin(), due.cend(), [&](const serverlink::ComplaintBody &b) { return b.number == number; });
        QVERIFY(body != due.cend());
        QCOMPARE(body->text, text);
        QCOMPARE(body->nik, nik);
        QCOMPARE(body->phone, phone.isEmpty() ? QString() : QStringLiteral("+6281234567890"));
        QCOMPARE(body->category, QStringLiteral("fasilitas"));
        QCOMPARE(body->tokenSha256, QString::fromLatin1(serverlink::crypto::sha256(scan.complaintToken.toUtf8()).toHex()));
        QFile file(h->store.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll() + [&] {
            QFile wal(h->store.path() + QStringLiteral("-wal"));
            return wal.open(QIODevice::ReadOnly) ? wal.readAll() : QByteArray();
        }();
        QVERIFY(!bytes.contains("Toilet kantor desa"));
        if (!nik.isEmpty())
            QVERIFY(!bytes.contains(nik.toUtf8()));

        // Without a backend link the answer screen says what to do instead of waiting.
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        h->scan(*decoded);
        QVERIFY(h->waitForScreen(QStringLiteral("complaintAnswer")));
        QTRY_COMPARE(h->areas->complaint.answer().state, kiosk::ComplaintAnswerView::Offline);
        QVERIFY(h->waitFor(QStringLiteral("answerMessage")));
        h->areas->flow.goHome();
    }

    void complaintTooLongOrBadNikIsExplained()
    {
        h->areas->flow.goHome();
        QVERIFY(h->tap(QStringLiteral("openComplaint")));
        QVERIFY(h->waitForScreen(QStringLiteral("complaint")));
        QVERIFY(h->tap(QStringLiteral("category-lainnya")));
        QVERIFY(h->type(QStringLiteral("complaintText"), QStringLiteral("Antrean terlalu lama.")));
        QVERIFY(h->type(QStringLiteral("complaintNik"), QStringLiteral("1234")));
        const int pending = h->complaints->pending();
        QVERIFY(h->tap(QStringLiteral("sendComplaint")));
        QVERIFY(h->waitFor(QStringLiteral("complaintError")));
        QVERIFY(h->areas->complaint.error().contains(QStringLiteral("tanpa nama")));
        QCOMPARE(h->complaints->pending(), pending);
        h->areas->flow.goHome();
    }

    void surveyCanBeSkipped()
    {
        const int before = int(h->outbox->dueSurveys().size());
        h->areas->survey.open();
        QVERIFY(h->waitForScreen(QStringLiteral("survey")));
        QVERIFY(h->tap(QStringLiteral("answer-0-4")));
        QVERIFY(h->tap(QStringLiteral("skipSurvey")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QCOMPARE(int(h->outbox->dueSurveys().size()), before);
    }

    void englishThenBackToIndonesian()
    {
        QVERIFY(h->tap(QStringLiteral("languageToggle")));
        QTRY_COMPARE(h->areas->flow.language(), QStringLiteral("en"));
        QTRY_COMPARE(
            h->waitFor(QStringLiteral("screenTitle"))->property("text").toString(), QStringLiteral("Welcome to the village kiosk"));
        QVERIFY(h->tap(QStringLiteral("startRequest")));
        QVERIFY(h->waitForScreen(QStringLiteral("consent")));
        h->areas->flow.goHome(); // the next citizen starts in Bahasa Indonesia
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QTRY_COMPARE(
            h->waitFor(QStringLiteral("screenTitle"))->property("text").toString(), QStringLiteral("Selamat datang di Anjungan Desa"));
    }

    void focusedFieldStaysAboveKeyboard()
    {
        openSktmFormWithScannedNik();
        // A field low on the form: the on-screen keyboard opens and the field moves above it.
        QVERIFY(h->type(QStringLiteral("field-jumlahTanggungan"), QStringLiteral("3")));
        QQuickItem *keyboard = h->find(QStringLiteral("keyboard"));
        QVERIFY(keyboard);
        QTRY_VERIFY(keyboard->property("active").toBool());
        QTest::qWait(100);
        auto *focused = qobject_cast<QQuickItem *>(h->window->activeFocusItem());
        QVERIFY(focused);
        const QRectF field = focused->mapRectToScene(QRectF(0, 0, focused->width(), focused->height()));
        const QRectF board = keyboard->mapRectToScene(QRectF(0, 0, keyboard->width(), keyboard->height()));
        QVERIFY2(field.bottom() <= board.top() + 1,
            qPrintable(QStringLiteral("field bottom %1, keyboard top %2").arg(field.bottom()).arg(board.top())));
        QVERIFY(field.top() >= 0);
    }

    void tamperedLetterIsNotPrinted()
    {
        const auto queued = h->outbox->enqueue({QStringLiteral("SKTM"), kNik, QStringLiteral("Siti Aminah"), QStringLiteral("Dusun Krajan"),
            QStringLiteral("Sekolah"), {}, {}});
        QVERIFY(queued.ok());
        serverlink::StatusChange ready {0, queued->registrationNumber, Stage::Ready, {}, QDateTime::currentDateTimeUtc(), true};
        QVERIFY(h->outbox->applyChange(ready));
        QVERIFY(h->outbox->saveLetter(queued->registrationNumber, "%PDF-1.4 asli", h->dir.path()));
        // The stored hash is the signed letter's; the file on disk is no longer that letter.
        QFile pdf(h->outbox->findByRegistrationNumber(queued->registrationNumber)->letterPath);
        QVERIFY(pdf.open(QIODevice::WriteOnly));
        pdf.write("%PDF-1.4 surat yang sudah diubah");
        pdf.close();
        const int printedBefore = int(h->letterPrinter->documents().size());
        const int alertsBefore = int(h->outbox->technicianAlerts().size());
        QVERIFY(h->signInStaff());
        QVERIFY(h->tap(QStringLiteral("print-") + queued->registrationNumber));
        QCOMPARE(int(h->letterPrinter->documents().size()), printedBefore);
        QVERIFY(h->areas->staffLogin.desk()->message().contains(QStringLiteral("tidak dicetak")));
        QCOMPARE(int(h->outbox->technicianAlerts().size()), alertsBefore + 1);
    }

    kiosk::QueuedRequest readyLetter() { return h->readyLetter(kNik); }

    // The text of the ticket printer's slips printed since `before`.
    QString slipsSince(int before) const
    {
        QString text;
        const QList<QByteArray> documents = h->ticketPrinter->documents();
        for (qsizetype i = before; i < documents.size(); ++i)
            text += escPosText(documents.at(i));
        return text;
    }

    void staffHandsOverALetter()
    {
        // The citizen scans the ticket of a READY letter: "Surat siap diambil" and a pick-up number, printed.
        const kiosk::QueuedRequest queued = readyLetter();
        const QString reg = queued.registrationNumber;
        QVERIFY(!reg.isEmpty());
        const int slipsBefore = int(h->ticketPrinter->documents().size());
        h->scan(kiosk::OutboxRepository::ticketQrPayload(queued.statusToken));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QVERIFY(h->waitFor(QStringLiteral("pickupHeadline")));
        const QString label = h->areas->status.status().pickupLabel;
        QVERIFY(label.startsWith(QStringLiteral("B-")));
        QVERIFY(h->waitFor(QStringLiteral("pickupNumber")));
        QCOMPARE(h->find(QStringLiteral("pickupNumber"))->property("text").toString(), label);
        QTRY_COMPARE(int(h->ticketPrinter->documents().size()), slipsBefore + 1);
        const QString slip = slipsSince(slipsBefore);
        QVERIFY2(slip.contains(QStringLiteral("SURAT SIAP DIAMBIL")) && slip.contains(label) && slip.contains(reg), qPrintable(slip));
        // Taking it twice gives the same number (and the slip again), never a new one.
        const int drawn = h->areas->queue.waiting(kiosk::QueueKind::Pickup);
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        h->scan(kiosk::OutboxRepository::ticketQrPayload(queued.statusToken));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QCOMPARE(h->areas->status.status().pickupLabel, label);
        QCOMPARE(h->areas->queue.waiting(kiosk::QueueKind::Pickup), drawn);
        QTRY_COMPARE(int(h->ticketPrinter->documents().size()), slipsBefore + 2);

        // At the desk: the letter with its pick-up number; print it, then hand it over to the holder by KTP scan.
        QVERIFY(h->signInStaff());
        QVERIFY(h->waitFor(QStringLiteral("handover-") + reg));
        const int lettersBefore = int(h->letterPrinter->documents().size());
        QVERIFY(h->tap(QStringLiteral("print-") + reg));
        QTRY_COMPARE(int(h->letterPrinter->documents().size()), lettersBefore + 1);
        QVERIFY(h->tap(QStringLiteral("handover-") + reg));
        QVERIFY(h->waitFor(QStringLiteral("handoverDialog")));
        h->scan(kNik);
        QTRY_VERIFY(h->areas->staffLogin.desk()->scannedNik().endsWith(QStringLiteral("0021")));
        QCOMPARE(h->screen(), QStringLiteral("staff"));
        const int receiptsBefore = int(h->ticketPrinter->documents().size());
        QVERIFY(h->tap(QStringLiteral("handoverConfirm")));
        QTRY_VERIFY(h->outbox->findByRegistrationNumber(reg)->handedOver);
        // Staff step back: the kiosk signs them out and asks the citizen about the service, for this letter's service only.
        QVERIFY(h->waitForScreen(QStringLiteral("survey")));
        QVERIFY(!h->areas->staffLogin.desk());
        QVERIFY(h->areas->survey.atPickup());
        QVERIFY(h->find(QStringLiteral("screenTitle"))->property("text").toString().contains(QStringLiteral("Bagaimana pelayanan kami")));
        const int surveysBefore = int(h->outbox->dueSurveys().size());
        for (int q = 0; q < 9; ++q)
            QVERIFY(h->tap(QStringLiteral("answer-%1-4").arg(q)));
        QVERIFY(h->tap(QStringLiteral("profile-age-30_39")));
        QVERIFY(h->tap(QStringLiteral("profile-occupation-petani")));
        QVERIFY(h->tap(QStringLiteral("sendSurvey")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        const auto surveys = h->outbox->dueSurveys();
        QCOMPARE(int(surveys.size()), surveysBefore + 1);
        QCOMPARE(surveys.last().serviceCode, h->outbox->findByRegistrationNumber(reg)->serviceCode);
        QCOMPARE(surveys.last().profile,
            (QMap<QString, QString> {
                {QStringLiteral("age"), QStringLiteral("30_39")}, {QStringLiteral("occupation"), QStringLiteral("petani")}}));
        // Anonymous: nothing of the citizen travels with the answers.
        QVERIFY(!surveys.last().toJson().contains(kNik.toUtf8()));

        // The receipt: office, letter, date, who handed it over, who received it (NIK masked), a line to sign.
        QTRY_COMPARE(int(h->ticketPrinter->documents().size()), receiptsBefore + 1);
        const QString receipt = slipsSince(receiptsBefore);
        for (const QString &expected : {QStringLiteral("TANDA TERIMA PENYERAHAN SURAT"), QStringLiteral("Kantor Desa Pitu"), reg,
                 QStringLiteral("Diserahkan oleh: Siti Aminah"), QStringLiteral("Siti Aminah"), QStringLiteral("3521********0021"),
                 QStringLiteral("Pemohon sendiri"), QStringLiteral("________")})
            QVERIFY2(receipt.contains(expected), qPrintable(expected + QStringLiteral(" missing in:\n") + receipt));
        QVERIFY(!receipt.contains(kNik));
        for (const QString &line : receipt.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= kiosk::SlipWriter::kColumns80mm, qPrintable(line));

        // What the backend will be told: who handed it over, to whom.
        const QList<kiosk::PendingHandover> due = h->outbox->handoversDue();
        const auto sent
            = std::find_if(due.begin(), due.end(), [&](const kiosk::PendingHandover &p) { return p.registrationNumber == reg; });
        QVERIFY(sent != due.end());
        const auto body = serverlink::HandoverBody::fromJson(sent->body);
        QVERIFY(body);
        QCOMPARE(body->actor, QStringLiteral("siti"));
        QCOMPARE(body->kind, serverlink::CollectorKind::Holder);
        QCOMPARE(body->nik, kNik);
        QCOMPARE(body->name, QStringLiteral("Siti Aminah"));
        h->areas->flow.goHome();
    }

    void representativeWithTypedNik()
    {
        const QString reg = readyLetter().registrationNumber;
        QVERIFY(!reg.isEmpty());
        QVERIFY(h->signInStaff());
        QVERIFY(h->tap(QStringLiteral("handover-") + reg));
        QVERIFY(h->waitFor(QStringLiteral("handoverDialog")));
        QVERIFY(h->tap(QStringLiteral("collectorRepresentative")));
        QVERIFY(h->type(QStringLiteral("representativeName"), QStringLiteral("Budi Santoso")));
        QVERIFY(h->type(QStringLiteral("collectorNik"), QStringLiteral("3521110101800003")));
        // Without a relationship the desk asks for one.
        QVERIFY(h->tap(QStringLiteral("handoverConfirm")));
        QVERIFY(h->waitFor(QStringLiteral("handoverError")));
        QVERIFY(h->areas->staffLogin.desk()->handoverError().contains(QStringLiteral("hubungan")));
        QVERIFY(h->tap(QStringLiteral("relationship-anak")));
        const int receiptsBefore = int(h->ticketPrinter->documents().size());
        QVERIFY(h->tap(QStringLiteral("handoverConfirm")));
        QTRY_VERIFY(!h->find(QStringLiteral("handoverDialog")));
        QTRY_COMPARE(int(h->ticketPrinter->documents().size()), receiptsBefore + 1);
        const QString receipt = slipsSince(receiptsBefore);
        for (const QString &expected : {QStringLiteral("Budi Santoso"), QStringLiteral("3521********0003"), QStringLiteral("Wakil (Anak)")})
            QVERIFY2(receipt.contains(expected), qPrintable(expected + QStringLiteral(" missing in:\n") + receipt));
        const auto recorded = h->outbox->handover(reg);
        QVERIFY(recorded);
        QCOMPARE(recorded->kind, serverlink::CollectorKind::Representative);
        QCOMPARE(recorded->name, QStringLiteral("Budi Santoso"));
        QCOMPARE(recorded->nik, QStringLiteral("3521110101800003"));
        QCOMPARE(recorded->relationship, QStringLiteral("anak"));
        h->areas->flow.goHome();
    }

    void wrongNikForTheHolderIsRefused()
    {
        const QString reg = readyLetter().registrationNumber;
        QVERIFY(!reg.isEmpty());
        QVERIFY(h->signInStaff());
        QVERIFY(h->tap(QStringLiteral("handover-") + reg));
        QVERIFY(h->waitFor(QStringLiteral("handoverDialog")));
        QVERIFY(h->type(QStringLiteral("collectorNik"), QStringLiteral("3521110101800003")));
        const int printedBefore = int(h->ticketPrinter->documents().size());
        QVERIFY(h->tap(QStringLiteral("handoverConfirm")));
        QVERIFY(h->waitFor(QStringLiteral("handoverError")));
        QVERIFY(h->areas->staffLogin.desk()->handoverError().contains(QStringLiteral("tidak sama")));
        // Nothing recorded, nothing printed, and the request's NIK is nowhere on screen.
        QVERIFY(!h->outbox->findByRegistrationNumber(reg)->handedOver);
        QVERIFY(h->find(QStringLiteral("handoverDialog")));
        QTest::qWait(100);
        QCOMPARE(int(h->ticketPrinter->documents().size()), printedBefore);
        for (QQuickItem *text : h->visibleTexts())
            QVERIFY(!text->property("text").toString().contains(kNik));
        QVERIFY(h->tap(QStringLiteral("handoverCancel")));
        QTRY_VERIFY(!h->find(QStringLiteral("handoverDialog")));
        h->areas->flow.goHome();
    }

    void printerFaultIsExplainedAndNothingIsLost()
    {
        // The ticket printer runs out of paper: the tracker notices and a banner tells everyone.
        h->ticketPrinter->setState(devices::DeviceState::PaperOut);
        QVERIFY(h->waitFor(QStringLiteral("printerBanner")));
        openSktmFormWithScannedNik();
        fillSktm();
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        // The request is committed all the same; the citizen is told the ticket comes later.
        QTRY_VERIFY(h->areas->request.ticket().printMessage.contains(QStringLiteral("Kertas habis")));
        const QString reg = h->areas->request.ticket().registrationNumber;
        QCOMPARE(h->areas->request.ticket().printed, false);
        QVERIFY(h->outbox->findByRegistrationNumber(reg));
        const int notPrinted = h->outbox->stats().ticketsNotPrinted;
        QVERIFY(notPrinted >= 1);
        // Paper loaded: the waiting job prints, the banner goes away and the record says printed.
        h->ticketPrinter->setState(devices::DeviceState::Ready);
        QTRY_VERIFY(!h->find(QStringLiteral("printerBanner")));
        QTRY_COMPARE(h->areas->request.ticket().printed, true);
        QTRY_COMPARE(h->outbox->stats().ticketsNotPrinted, notPrinted - 1);
    }

    void failedTicketWaitsForStaffReprint()
    {
        // Every job the printer takes aborts: after three tries the ticket waits for staff.
        h->ticketPrinter->setFailJobs(true);
        const int alerts = int(h->outbox->technicianAlerts().size());
        openSktmFormWithScannedNik();
        fillSktm();
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        const QString reg = h->areas->request.ticket().registrationNumber;
        QTRY_COMPARE(int(h->outbox->technicianAlerts().size()), alerts + 1);
        QTRY_COMPARE(h->print->pendingJobs().size(), 1);
        QVERIFY(h->print->pendingJobs().first().needsStaff);
        const int printedBefore = int(h->ticketPrinter->documents().size());

        // Staff see the job with its reason and print it again once the printer is fixed.
        h->ticketPrinter->setFailJobs(false);
        QVERIFY(h->signInStaff());
        const int id = h->print->pendingJobs().first().id;
        // Device states and their paths are for the technician (#15), not on the staff desk.
        QVERIFY(!h->find(QStringLiteral("deviceStates")));
        QQuickItem *job = h->waitFor(QStringLiteral("printJob-%1").arg(id));
        QVERIFY(job);
        QVERIFY(h->tap(QStringLiteral("reprint-%1").arg(id)));
        QTRY_VERIFY(h->print->pendingJobs().isEmpty());
        QCOMPARE(int(h->ticketPrinter->documents().size()), printedBefore + 1);
        const auto qr = devices::barcode::decode(devices::escpos::rasterToImage(h->ticketPrinter->documents().last()));
        QVERIFY(qr);
        QCOMPARE(h->outbox->findByStatusToken(qr->mid(5))->registrationNumber, reg);
        QTRY_VERIFY(!h->find(QStringLiteral("printJob-%1").arg(id)));
        h->areas->flow.goHome();
    }

    void ticketLostToACrashIsPrintedAgain()
    {
        // The request was committed, then the kiosk lost power before the printer took the ticket:
        // no print job survives, only the store's record.
        const auto queued = h->outbox->enqueue({QStringLiteral("SKTM"), kNik, QStringLiteral("Siti Aminah"), QStringLiteral("Dusun Krajan"),
            QStringLiteral("Sekolah"), {}, {}});
        QVERIFY(queued.ok());
        QVERIFY(h->outbox->stats().ticketsNotPrinted >= 1);
        const int printedBefore = int(h->ticketPrinter->documents().size());
        QVERIFY(h->signInStaff());
        QVERIFY(h->tap(QStringLiteral("reprintLostTickets")));
        QVERIFY(h->areas->staffLogin.desk()->message().contains(QStringLiteral("dikirim ulang")));
        // The same ticket: its QR carries the request's own status token.
        QTRY_VERIFY(int(h->ticketPrinter->documents().size()) > printedBefore);
        bool found = false;
        for (qsizetype i = printedBefore; i < h->ticketPrinter->documents().size(); ++i) {
            const auto qr = devices::barcode::decode(devices::escpos::rasterToImage(h->ticketPrinter->documents().at(i)));
            QVERIFY(qr);
            found = found || qr->mid(5) == queued->statusToken;
        }
        QVERIFY(found);
        // Printed: it is no longer lost, and a second press prints nothing more.
        QTRY_VERIFY(h->outbox->unprintedTickets().isEmpty());
        const int printedAfter = int(h->ticketPrinter->documents().size());
        h->areas->staffLogin.desk()->reprintLostTickets();
        QCOMPARE(int(h->ticketPrinter->documents().size()), printedAfter);
        h->areas->flow.goHome();
        // The desk ends with the visit: the next person finds the PIN screen, not the letters.
        QVERIFY(!h->areas->staffLogin.desk());
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
