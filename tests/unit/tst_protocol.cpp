// The /api/v1 bodies that both sides parse in server-link/protocol: catalog, heartbeat, changes page,
// the transient-status rule, and the one QR encoder of tickets and seals.
#include "documentupload.h"
#include "protocol.h"
#include "qrcode.h"
#include "staffcard.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <functional>

using namespace serverlink;

class TestProtocol : public QObject
{
    Q_OBJECT

    static QByteArray builtInCatalog()
    {
        QFile file(QStringLiteral(KIOSK_CATALOG_JSON));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static QByteArray oneService(const QByteArray &service) { return R"({"version":"1","services":[)" + service + "]}"; }

    static Heartbeat sampleHeartbeat()
    {
        Heartbeat h;
        h.sentAt = QDateTime(QDate(2026, 12, 7), QTime(8, 30, 15, 250), Qt::UTC);
        h.appVersion = QStringLiteral("1.4.0");
        h.outboxDepth = 3;
        h.parkedCount = 1;
        h.freeDiskMb = 2048;
        h.devices.printer = HealthState::PaperOut;
        h.devices.paper = HealthState::Out;
        h.devices.scanner = HealthState::Ready;
        return h;
    }

private Q_SLOTS:
    void contentRangesOfPageUploads_data()
    {
        // An independent table of RFC 9110 byte ranges as the upload route takes them (-1: refused).
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<qint64>("total");
        QTest::newRow("first chunk") << QByteArray("bytes 0-65535/150000") << qint64(0) << qint64(65535) << qint64(150000);
        QTest::newRow("last chunk") << QByteArray("bytes 131072-149999/150000") << qint64(131072) << qint64(149999) << qint64(150000);
        QTest::newRow("one byte") << QByteArray("bytes 0-0/1") << qint64(0) << qint64(0) << qint64(1);
        QTest::newRow("largest page") << QByteArray("bytes 1048575-1048575/1048576") << qint64(1048575) << qint64(1048575)
                                      << qint64(1048576);
        for (const char *refused : {"bytes 0-1/1048577", "bytes 10-5/150000", "bytes 0-150000/150000", "bytes */150000", "bytes 0-9/*",
                 "bytes 00-9/150000", "bytes -1-9/150000", "bytes +0-9/150000", "bytes 0-9/150000 ", " bytes 0-9/150000",
                 "bytes  0-9/150000", "Bytes 0-9/150000", "items 0-9/150000", "bytes 0-9", "bytes 0-9/0", "bytes 0x0-9/150000",
                 "bytes 0-9/15e4", "bytes 0-99999999999999999999/1", "bytes 0-9/150000/1", "bytes 0--9/150000", ""})
            QTest::newRow(refused) << QByteArray(refused) << qint64(-1) << qint64(-1) << qint64(-1);
    }

    void contentRangesOfPageUploads()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(qint64, total);
        const auto range = serverlink::ContentRange::parse(header);
        if (start < 0) {
            QVERIFY(!range);
            return;
        }
        QVERIFY(range);
        QCOMPARE(*range, (serverlink::ContentRange {start, end, total}));
        QCOMPARE(range->toHeader(), header);
        QCOMPARE(serverlink::ContentRange::of(start, end - start + 1, total), *range);
    }

    void requestLifeBodiesRoundTrip()
    {
        const DocumentRef page {
            1, QStringLiteral("Surat pengantar RT"), QString(32, QLatin1Char('a')), QString(64, QLatin1Char('b')), 200000};
        SubmitRequest submit;
        submit.registrationNumber = QStringLiteral("AB12C-DE34F");
        submit.serviceCode = QStringLiteral("SKTM");
        submit.nik = QStringLiteral("3521111208900003");
        submit.submittedAt = QDateTime(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);
        const QByteArray plain = submit.toJson();
        // An older kiosk's body stays byte-identical: the new keys appear only when set.
        QVERIFY(!plain.contains("documents") && !plain.contains("enteredBy") && !plain.contains("statusTokenHash"));
        submit.documents = {page};
        submit.enteredBy = QStringLiteral("rina");
        submit.statusTokenHash = QString(64, QLatin1Char('c'));
        const auto back = SubmitRequest::fromJson(submit.toJson());
        QVERIFY(back);
        QCOMPARE(back->documents, submit.documents);
        QCOMPARE(back->enteredBy, submit.enteredBy);
        QCOMPARE(back->statusTokenHash, submit.statusTokenHash);

        RequestView view;
        view.registrationNumber = submit.registrationNumber;
        view.serviceCode = submit.serviceCode;
        view.stage = Stage::NeedsFix;
        view.stageAt = submit.submittedAt.addDays(1);
        view.maskedName = QStringLiteral("S*** A*****");
        view.timeline = {{Stage::Received, submit.submittedAt, {}, {}},
            {Stage::NeedsFix, view.stageAt, QStringLiteral("foto buram"), QStringLiteral("kasi_pelayanan")}};
        view.detailed = true;
        view.note = QStringLiteral("foto buram");
        view.fixes = {{FixItem::documentTarget(1), QStringLiteral("foto buram")},
            {FixItem::fieldTarget(QStringLiteral("penghasilan")), QStringLiteral("isi angka")}};
        view.version = 2;
        view.name = QStringLiteral("Siti Aminah");
        view.fields = QJsonObject {{QStringLiteral("penghasilan"), QStringLiteral("900000")}};
        view.documents = {page};
        QCOMPARE(RequestView::fromJson(view.toJson()).value(), view);
        QCOMPARE(view.fixes.at(0).documentRequirement(), 1);
        QCOMPARE(view.fixes.at(1).fieldKey(), QStringLiteral("penghasilan"));
        // Without proof the backend sends no detail, and a reader keeps none.
        RequestView brief = view;
        brief.detailed = false;
        const auto briefBack = RequestView::fromJson(brief.toJson());
        QVERIFY(briefBack && briefBack->name.isEmpty() && briefBack->fixes.isEmpty());

        RequestRevision revision;
        revision.registrationNumber = submit.registrationNumber;
        revision.baseVersion = 2;
        revision.name = view.name;
        revision.address = QStringLiteral("Dusun Krajan");
        revision.purpose = QStringLiteral("BPJS");
        revision.fields = view.fields;
        revision.documents = {page};
        revision.proof.statusToken = QStringLiteral("tok");
        revision.submittedAt = submit.submittedAt;
        QCOMPARE(RequestRevision::fromJson(revision.toJson()).value(), revision);
        CancelBody cancel {
            submit.registrationNumber, QStringLiteral("salah layanan"), {{}, {}, QStringLiteral("rina")}, submit.submittedAt};
        QCOMPARE(CancelBody::fromJson(cancel.toJson()).value(), cancel);
    }

    void malformedRequestLifeBodiesRefused_data()
    {
        // JSON written with single quotes (turned into double quotes) so the rows stay readable.
        const auto j = [](QByteArray text) { return text.replace('\'', '"'); };
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QByteArray>("json");
        const QByteArray page = j("{'requirement':0,'requirementText':'KTP','pageId':'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','sha256':'")
            + QByteArray(64, 'b') + j("','size':10,'contentType':'image/jpeg'}");
        const QByteArray submit = j("{'registrationNumber':'R','serviceCode':'S','nik':'3521111208900003','name':'','address':'',"
                                    "'purpose':'','fields':{},'submittedAt':'2026-12-07T09:00:00Z'");
        const QByteArray docs = j(",'documents':[");
        QTest::newRow("documents not an array") << QByteArray("submit") << submit + j(",'documents':{}}");
        QTest::newRow("page id not hex") << QByteArray("submit") << submit + docs + QByteArray(page).replace("aaaa", "zzzz") + "]}";
        QTest::newRow("page twice") << QByteArray("submit") << submit + docs + page + "," + page + "]}";
        QTest::newRow("page too large") << QByteArray("submit")
                                        << submit + docs + QByteArray(page).replace("\"size\":10", "\"size\":99999999") + "]}";
        QTest::newRow("token hash not hex") << QByteArray("submit") << submit + j(",'statusTokenHash':'xyz'}");
        const QByteArray revision = j("{'registrationNumber':'R','name':'','address':'','purpose':'','fields':{},"
                                      "'submittedAt':'2026-12-07T09:00:00Z'");
        QTest::newRow("revision without proof") << QByteArray("revision") << revision + j(",'baseVersion':1,'proof':{}}");
        QTest::newRow("revision version 0") << QByteArray("revision")
                                            << revision + j(",'baseVersion':0,'proof':{'nik':'3521111208900003'}}");
        QTest::newRow("revision short nik") << QByteArray("revision") << revision + j(",'baseVersion':1,'proof':{'nik':'123'}}");
        QTest::newRow("staff cancel without reason")
            << QByteArray("cancel") << j("{'registrationNumber':'R','reason':' ','proof':{'actor':'rina'},'at':'2026-12-07T09:00:00Z'}");
        QTest::newRow("cancel not json") << QByteArray("cancel") << QByteArray("{");
        QTest::newRow("view bad stage") << QByteArray(
            "view") << j("{'registrationNumber':'R','serviceCode':'S','stage':'NOPE','stageAt':'2026-12-07T09:00:00Z'}");
        QTest::newRow("fix bad target") << QByteArray("view")
                                        << j("{'registrationNumber':'R','serviceCode':'S','stage':'NEEDS_FIX','stageAt':"
                                             "'2026-12-07T09:00:00Z','detailed':true,'fixes':[{'target':'rumah:1','reason':'x'}]}");
    }
    void malformedRequestLifeBodiesRefused()
    {
        QFETCH(QByteArray, kind);
        QFETCH(QByteArray, json);
        QString error;
        bool parsed = true;
        if (kind == "submit")
            parsed = SubmitRequest::fromJson(json, &error).has_value();
        else if (kind == "revision")
            parsed = RequestRevision::fromJson(json, &error).has_value();
        else if (kind == "cancel")
            parsed = CancelBody::fromJson(json, &error).has_value();
        else
            parsed = RequestView::fromJson(json, &error).has_value();
        QVERIFY(!parsed);
        QVERIFY(!error.isEmpty());
    }

    void builtInCatalogRoundTrips()
    {
        QString error;
        const auto catalog = Catalog::fromJson(builtInCatalog(), &error);
        QVERIFY2(catalog, qPrintable(error));
        QCOMPARE(catalog->services.size(), 16);
        const auto sktm = catalog->service(QStringLiteral("SKTM"));
        QVERIFY(sktm);
        QCOMPARE(sktm->level, ServiceLevel::Desa);
        QCOMPARE(sktm->fieldLabels().first(), qMakePair(QStringLiteral("pekerjaan"), QStringLiteral("Pekerjaan")));
        QCOMPARE(sktm->displayName(true), QStringLiteral("Certificate of low income"));
        const auto again = Catalog::fromJson(catalog->toJson());
        QVERIFY(again);
        QCOMPARE(*again, *catalog);
        // Every key the catalog file carries survives the round trip.
        QCOMPARE(QJsonDocument::fromJson(catalog->toJson()), QJsonDocument::fromJson(builtInCatalog()));
    }

    void malformedCatalogsRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        const QByteArray good = R"({"code":"A","name":"Surat A","level":"desa","fields":[{"key":"k","label":"K"}],"requirements":[]})";
        QTest::newRow("not JSON") << QByteArray("<html>proxy error</html>");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("no version") << QByteArray(R"({"services":[]})");
        QTest::newRow("services wrong type") << QByteArray(R"({"version":"1","services":"all"})");
        QTest::newRow("item not object") << oneService("1");
        QTest::newRow("no code") << oneService(QByteArray(good).replace(R"("code":"A",)", ""));
        QTest::newRow("name not string") << oneService(QByteArray(good).replace(R"("Surat A")", "[]"));
        QTest::newRow("unknown level") << oneService(QByteArray(good).replace("desa", "provinsi"));
        QTest::newRow("fields not array") << oneService(QByteArray(good).replace(R"([{"key":"k","label":"K"}])", "{}"));
        QTest::newRow("field without key") << oneService(QByteArray(good).replace(R"("key":"k",)", ""));
        QTest::newRow("no requirements") << oneService(QByteArray(good).replace(R"(,"requirements":[])", ""));
        QTest::newRow("code twice") << oneService(good + "," + good);
        QTest::newRow("holiday without name") << QByteArray(oneService(good)).replace("]}", R"(],"holidays":[{"date":"2026-12-25"}]})");
        QTest::newRow("holiday with a bad date")
            << QByteArray(oneService(good)).replace("]}", R"(],"holidays":[{"date":"25-12-2026","name":"Natal"}]})");
    }

    void malformedCatalogsRefused()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!Catalog::fromJson(json, &error));
        QVERIFY(!error.isEmpty());
    }

    void catalogCarriesHolidaysAndFormats()
    {
        auto catalog = Catalog::fromJson(builtInCatalog());
        QVERIFY(catalog);
        QVERIFY(catalog->holidays.isEmpty());
        const auto sktm = catalog->service(QStringLiteral("SKTM"));
        QCOMPARE(sktm->fieldFormat(QStringLiteral("penghasilan")), idformat::ValueFormat::Rupiah);
        QCOMPARE(sktm->fieldFormat(QStringLiteral("jumlahTanggungan")), idformat::ValueFormat::Number);
        QCOMPARE(catalog->service(QStringLiteral("PERNYATAAN_MISKIN_PBI"))->fieldFormat(QStringLiteral("nomorKk")),
            idformat::ValueFormat::AsTyped);
        catalog->holidays = {{QDate(2026, 12, 24), QStringLiteral("Cuti bersama Natal")}, {QDate(2026, 12, 25), QStringLiteral("Natal")}};
        const auto again = Catalog::fromJson(catalog->toJson());
        QVERIFY(again);
        QCOMPARE(again->holidays, catalog->holidays);
    }

    // The heartbeat's answer carries the kiosk's open alerts; a backend from before sends none (the list is then absent).
    void heartbeatAnswerCarriesAlerts()
    {
        serverlink::HeartbeatAnswer answer;
        answer.receivedAt = QDateTime(QDate(2026, 12, 7), QTime(8, 0, 1, 250), Qt::UTC);
        answer.alerts = QList<serverlink::FleetAlert> {{12, QStringLiteral("paper_out"),
            QStringLiteral("Kertas printer habis: printer tiket"), QDateTime(QDate(2026, 12, 7), QTime(7, 59), Qt::UTC)}};
        const auto back = serverlink::HeartbeatAnswer::fromJson(answer.toJson());
        QVERIFY(back);
        QCOMPARE(back->receivedAt, answer.receivedAt);
        QVERIFY(back->alerts);
        QCOMPARE(*back->alerts, *answer.alerts);
        const auto old = serverlink::HeartbeatAnswer::fromJson(R"({"receivedAt":"2026-12-07T08:00:01.250Z"})");
        QVERIFY(old && !old->alerts);
        QVERIFY(!serverlink::HeartbeatAnswer::fromJson(R"({"receivedAt":"2026-12-07T08:00:01Z","alerts":[{"id":0}]})"));
        QVERIFY(!serverlink::HeartbeatAnswer::fromJson(R"({"alerts":{}})"));

        const serverlink::AlertAcknowledgement ack {QStringLiteral("kioskctl:root"), answer.receivedAt};
        const auto parsed = serverlink::AlertAcknowledgement::fromJson(ack.toJson());
        QVERIFY(parsed);
        QCOMPARE(parsed->technician, ack.technician);
        QString why;
        QVERIFY(!serverlink::AlertAcknowledgement::fromJson(R"({"technician":"a b","acknowledgedAt":"2026-12-07T08:00:00Z"})", &why));
        QVERIFY(why.contains(QStringLiteral("technician")));
        QVERIFY(!serverlink::AlertAcknowledgement::fromJson(R"({"technician":"tono"})"));
    }

    void heartbeatRoundTrips()
    {
        const Heartbeat h = sampleHeartbeat();
        QString error;
        const auto back = Heartbeat::fromJson(h.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, h);
        const QJsonObject o = QJsonDocument::fromJson(h.toJson()).object();
        QCOMPARE(o.value(QStringLiteral("printerState")).toString(), QStringLiteral("paper-out"));
        QCOMPARE(o.value(QStringLiteral("letterPrinterState")).toString(), QStringLiteral("unknown"));
        // Off the appliance there is no image version, and the wire has no field for it.
        QVERIFY(!o.contains(QStringLiteral("imageVersion")));
        Heartbeat onAppliance = h;
        onAppliance.imageVersion = QStringLiteral("2026.12.1");
        const auto fromAppliance = Heartbeat::fromJson(onAppliance.toJson(), &error);
        QVERIFY2(fromAppliance, qPrintable(error));
        QCOMPARE(*fromAppliance, onAppliance);
        QCOMPARE(QJsonDocument::fromJson(onAppliance.toJson()).object().value(QStringLiteral("imageVersion")).toString(),
            QStringLiteral("2026.12.1"));
        // #15: each scanner, the certificate's expiry and the clock skew; absent from older kiosks, absent on the wire when unknown.
        QVERIFY(!o.contains(QStringLiteral("scanners")) && !o.contains(QStringLiteral("certificateNotAfter"))
            && !o.contains(QStringLiteral("clockSkewSeconds")));
        Heartbeat live = h;
        live.devices.scanners = {{QStringLiteral("usb:0581:0115"), HealthState::Offline}, {QStringLiteral("camera:0"), HealthState::Ready}};
        live.certificateNotAfter = QDateTime(QDate(2028, 3, 1), QTime(0, 0), Qt::UTC);
        live.clockSkewSeconds = -42;
        const auto liveBack = Heartbeat::fromJson(live.toJson(), &error);
        QVERIFY2(liveBack, qPrintable(error));
        QCOMPARE(*liveBack, live);
        // Each printer's raw CUPS state and reasons: optional, unknown reasons kept, "none" left out.
        QVERIFY(!o.contains(QStringLiteral("printers")));
        Heartbeat raw = live;
        raw.devices.printers = {{QStringLiteral("ticket"), 5, {QStringLiteral("door-open-error"), QStringLiteral("media-low-report")}},
            {QStringLiteral("letter"), 3, {QStringLiteral("com.vendor-fuser-warm-report")}}, {QStringLiteral("letter2"), 0, {}}};
        const auto rawBack = Heartbeat::fromJson(raw.toJson(), &error);
        QVERIFY2(rawBack, qPrintable(error));
        QCOMPARE(*rawBack, raw);
        QCOMPARE(
            QJsonDocument::fromJson(raw.toJson()).object().value(QStringLiteral("printers"))[0][QStringLiteral("printerState")].toInt(), 5);
    }

    void printerReasonsAreBounded()
    {
        // At most 16 IPP keywords of 64 characters each: more are cut on the kiosk, and the backend refuses them.
        QStringList many;
        for (int i = 0; i < 20; ++i)
            many.append(QStringLiteral("vendor-reason-%1-report").arg(i));
        const QStringList bounded = PrinterReport::boundedReasons(
            QStringList {QStringLiteral("none"), QStringLiteral("<b>x</b>"), QString(80, QLatin1Char('m'))} + many);
        QCOMPARE(bounded.size(), PrinterReport::kMaxReasons);
        QCOMPARE(bounded.first(), QString(64, QLatin1Char('m')));
        QVERIFY(!bounded.contains(QStringLiteral("none")));
        Heartbeat h = sampleHeartbeat();
        h.devices.printers = {{QStringLiteral("ticket"), 4, many}};
        const QJsonObject sent = QJsonDocument::fromJson(h.toJson()).object();
        QCOMPARE(
            sent.value(QStringLiteral("printers"))[0][QStringLiteral("printerStateReasons")].toArray().size(), PrinterReport::kMaxReasons);
        QVERIFY(Heartbeat::fromJson(h.toJson()));
        // Plain words for the console, a reason the table does not know as it is.
        QCOMPARE(printerReasonText(QStringLiteral("media-low-report")), QStringLiteral("kertas hampir habis"));
        QCOMPARE(printerReasonText(QStringLiteral("media-empty-error")), QStringLiteral("kertas habis"));
        QCOMPARE(printerReasonText(QStringLiteral("com.vendor-fuser-warm")), QStringLiteral("com.vendor-fuser-warm"));
    }

    void healthWords()
    {
        for (int i = int(HealthState::Unknown); i <= int(HealthState::None); ++i)
            QCOMPARE(healthStateFromWire(healthStateToWire(HealthState(i))), HealthState(i));
        // A newer kiosk's word still counts, as unknown; markup or a long word does not.
        QCOMPARE(healthStateFromWire(QStringLiteral("cover-open")), HealthState::Unknown);
        QVERIFY(!healthStateFromWire(QStringLiteral("<b>ok</b>")));
        QVERIFY(!healthStateFromWire(QString(33, QLatin1Char('a'))));
        QVERIFY(!healthStateFromWire(QString()));
    }

    void staffCredentialsRoundTripAndBounds()
    {
        StaffCredential c {QStringLiteral("siti"), QStringLiteral("Siti Aminah"), staffcard::cardLookup(QByteArray(32, 'S')),
            QByteArray(16, 'a'), QByteArray(32, 'b'), {}, {}, 1000};
        StaffCredentials list {{c}};
        QCOMPARE(StaffCredentials::fromJson(list.toJson()).value(), list);
        QVERIFY(!list.staff.first().allowsPinOnly());
        // The card payload and its secret are each other's inverse; anything else is no card.
        const QByteArray secret(32, 'S');
        QCOMPARE(staffcard::secretOf(staffcard::payload(secret)).value(), secret);
        for (const QString &bad :
            {QStringLiteral("ADSTAFF1:"), QStringLiteral("ADSTAFF1:U1NT"), QStringLiteral("adstaff1:") + staffcard::payload(secret).mid(9),
                staffcard::payload(secret) + QLatin1Char('='), staffcard::payload(QByteArray(31, 'S'))})
            QVERIFY2(!staffcard::secretOf(bad), qPrintable(bad));
        QVERIFY(staffcard::isValidPin(QStringLiteral("0000")) && staffcard::isValidPin(QStringLiteral("123456")));
        QVERIFY(!staffcard::isValidPin(QStringLiteral("123")) && !staffcard::isValidPin(QStringLiteral("1234567")));
        QVERIFY(!staffcard::isValidPin(QStringLiteral("12a4")) && !staffcard::isValidPin(QStringLiteral("١٢٣٤")));
        // Refused, each with a reason: too few iterations, a half fallback, a bad lookup, a name twice, too many staff.
        QString error;
        const auto refused = [&error](StaffCredentials l) {
            error.clear();
            return !StaffCredentials::fromJson(l.toJson(), &error) && !error.isEmpty();
        };
        StaffCredential weak = c;
        weak.iterations = 999;
        QVERIFY(refused({{weak}}));
        StaffCredential half = c;
        half.pinSalt = QByteArray(16, 'c');
        QVERIFY(refused({{half}}));
        StaffCredential upper = c;
        upper.cardLookup = c.cardLookup.toUpper();
        QVERIFY(refused({{upper}}));
        StaffCredential again = c;
        again.cardLookup = staffcard::cardLookup(QByteArray(32, 'T'));
        QVERIFY(refused({{c, again}}));
        StaffCredentials many;
        for (int i = 0; i <= StaffCredentials::kMaxStaff; ++i) {
            StaffCredential n = c;
            n.username = QStringLiteral("staf%1").arg(i);
            n.cardLookup = staffcard::cardLookup(QByteArray::number(i));
            many.staff.append(n);
        }
        QVERIFY(refused(many));
        QVERIFY(!StaffCredentials::fromJson(QByteArrayLiteral("{\"staff\":{}}"), &error));
    }

    void malformedHeartbeatsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        // tst_heartbeat sends more malformed bodies to the API server; these are the parser's own edges.
        const QByteArray good = R"("appVersion":"1","outboxDepth":0,"parkedCount":0,"freeDiskMb":10)";
        QTest::newRow("depth fraction") << "{" + QByteArray(good).replace("\"outboxDepth\":0", "\"outboxDepth\":2.5") + "}";
        QTest::newRow("disk below -1") << "{" + QByteArray(good).replace("10", "-2") + "}";
        QTest::newRow("version not string") << "{" + QByteArray(good).replace("\"1\"", "1") + "}";
        QTest::newRow("state not string") << "{" + good + ",\"scannerState\":1}";
        QTest::newRow("empty state") << "{" + good + ",\"paperState\":\"\"}";
        QTest::newRow("image version not string") << "{" + good + ",\"imageVersion\":2}";
        QTest::newRow("scanners not a list") << "{" + good + ",\"scanners\":{}}";
        QTest::newRow("scanner without state") << "{" + good + ",\"scanners\":[{\"uri\":\"usb:1\"}]}";
        QTest::newRow("scanner state with markup") << "{" + good + ",\"scanners\":[{\"uri\":\"usb:1\",\"state\":\"<b>\"}]}";
        const QByteArray seventeen = [] {
            QByteArray list;
            for (int i = 0; i < 17; ++i)
                list += (i ? ",\"r" : "\"r") + QByteArray::number(i) + "\"";
            return list;
        }();
        QTest::newRow("printers not a list") << "{" + good + ",\"printers\":{}}";
        QTest::newRow("five printers") << "{" + good + ",\"printers\":["
                + QByteArray("{\"role\":\"ticket\",\"printerState\":3,\"printerStateReasons\":[]},").repeated(4)
                + "{\"role\":\"ticket\",\"printerState\":3,\"printerStateReasons\":[]}]}";
        QTest::newRow("printer without reasons") << "{" + good + ",\"printers\":[{\"role\":\"ticket\",\"printerState\":3}]}";
        QTest::newRow("printer state as text") << "{" + good
                + ",\"printers\":[{\"role\":\"ticket\",\"printerState\":\"idle\",\"printerStateReasons\":[]}]}";
        QTest::newRow("seventeen reasons") << "{" + good
                + ",\"printers\":[{\"role\":\"ticket\",\"printerState\":3,\"printerStateReasons\":[" + seventeen + "]}]}";
        QTest::newRow("reason of 65 characters") << "{" + good
                + ",\"printers\":[{\"role\":\"ticket\",\"printerState\":3,\"printerStateReasons\":[\"" + QByteArray(65, 'm') + "\"]}]}";
        QTest::newRow("reason with markup") << "{" + good
                + ",\"printers\":[{\"role\":\"ticket\",\"printerState\":3,\"printerStateReasons\":[\"<img src=x>\"]}]}";
        QTest::newRow("certificate expiry not a time") << "{" + good + ",\"certificateNotAfter\":\"soon\"}";
        QTest::newRow("clock skew as text") << "{" + good + ",\"clockSkewSeconds\":\"5\"}";
        QTest::newRow("oversized") << "{" + good + ",\"pad\":\"" + QByteArray(kMaxBodyBytes, 'a') + "\"}";
    }

    void malformedHeartbeatsRefused()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!Heartbeat::fromJson(body, &error));
        QVERIFY(!error.isEmpty());
    }

    void handoverBodyRoundTrips()
    {
        const HandoverBody holder {QStringLiteral("siti"), QDateTime(QDate(2026, 12, 7), QTime(9, 30), Qt::UTC), CollectorKind::Holder,
            QStringLiteral("Siti Aminah"), QStringLiteral("3521115205010021"), {}};
        QCOMPARE(HandoverBody::fromJson(holder.toJson()), holder);
        HandoverBody wakil = holder;
        wakil.kind = CollectorKind::Representative;
        wakil.name = QStringLiteral("Budi Santoso");
        wakil.relationship = QStringLiteral("orang_tua");
        QCOMPARE(HandoverBody::fromJson(wakil.toJson()), wakil);
        QVERIFY(wakil.toJson().contains(R"("kind":"representative")"));
    }

    void handoverRelationshipsAreTheDesksChoices()
    {
        // Independent table: the five choices the brief names, in the order the desk offers them.
        const QList<QPair<QString, QString>> expected {{QStringLiteral("suami_istri"), QStringLiteral("Suami/istri")},
            {QStringLiteral("anak"), QStringLiteral("Anak")}, {QStringLiteral("orang_tua"), QStringLiteral("Orang tua")},
            {QStringLiteral("saudara"), QStringLiteral("Saudara")}, {QStringLiteral("lainnya"), QStringLiteral("Lainnya")}};
        QCOMPARE(collectorRelationships().size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QCOMPARE(QString::fromLatin1(collectorRelationships().at(i).wire), expected.at(i).first);
            QCOMPARE(collectorRelationshipLabel(expected.at(i).first), expected.at(i).second);
        }
        QVERIFY(collectorRelationshipLabel(QStringLiteral("tetangga")).isEmpty());
    }

    void malformedHandoverBodiesRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("notAnObject");
        const QByteArray collector = R"({"kind":"holder","name":"Siti Aminah","nik":"3521115205010021","relationship":""})";
        const QByteArray good = R"("actor":"siti","at":"2026-12-07T09:30:00Z","collector":)" + collector;
        QVERIFY(HandoverBody::fromJson("{" + good + "}"));
        QTest::newRow("not json") << QByteArray("actor=siti") << true;
        QTest::newRow("array") << QByteArray("[1]") << true;
        QTest::newRow("oversized") << "{" + good + ",\"pad\":\"" + QByteArray(kMaxBodyBytes, 'a') + "\"}" << true;
        QTest::newRow("no actor") << "{" + QByteArray(good).replace(R"("actor":"siti",)", "") + "}" << false;
        QTest::newRow("empty actor") << "{" + QByteArray(good).replace(R"("siti")", R"("")") + "}" << false;
        QTest::newRow("bad at") << "{" + QByteArray(good).replace("2026-12-07T09:30:00Z", "kemarin") + "}" << false;
        QTest::newRow("no collector") << QByteArray(R"({"actor":"siti","at":"2026-12-07T09:30:00Z"})") << false;
        QTest::newRow("collector string") << QByteArray(R"({"actor":"siti","at":"2026-12-07T09:30:00Z","collector":"Siti"})") << false;
        QTest::newRow("unknown kind") << "{" + QByteArray(good).replace(R"("holder")", R"("courier")") + "}" << false;
        QTest::newRow("short nik") << "{" + QByteArray(good).replace("3521115205010021", "352111") + "}" << false;
        QTest::newRow("nik letters") << "{" + QByteArray(good).replace("3521115205010021", "35211152050100AB") + "}" << false;
        QTest::newRow("empty name") << "{" + QByteArray(good).replace("Siti Aminah", "  ") + "}" << false;
        QTest::newRow("holder with relationship")
            << "{" + QByteArray(good).replace(R"("relationship":"")", R"("relationship":"anak")") + "}" << false;
        QTest::newRow("representative without relationship")
            << "{" + QByteArray(good).replace(R"("holder")", R"("representative")") + "}" << false;
        QTest::newRow("unknown relationship") << "{"
                + QByteArray(good).replace(R"("holder")", R"("representative")").replace(R"("relationship":"")", R"("relationship":"x")")
                + "}" << false;
    }

    void malformedHandoverBodiesRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, notAnObject);
        QString error;
        bool malformed = !notAnObject;
        QVERIFY(!HandoverBody::fromJson(body, &error, &malformed));
        QVERIFY(!error.isEmpty());
        QCOMPARE(malformed, notAnObject);
    }

    void changesPageRoundTripsAndSkipsBadEntries()
    {
        ChangesPage page;
        page.cursor = 42;
        StatusChange c;
        c.sequence = 42;
        c.registrationNumber = QStringLiteral("7KQ2M-X9D4P");
        c.stage = Stage::Ready;
        c.note = QStringLiteral("Silakan ambil");
        c.at = QDateTime(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);
        c.letterAvailable = true;
        page.changes.append(c);
        const auto back = ChangesPage::fromJson(page.toJson());
        QVERIFY(back);
        QCOMPARE(back->cursor, 42);
        QCOMPARE(back->changes.size(), 1);
        QCOMPARE(back->changes.first().toJsonObject(), c.toJsonObject());
        QCOMPARE(back->skipped, 0);

        const auto mixed
            = ChangesPage::fromJson(R"({"cursor":3,"changes":[1,"x",null,{"sequence":"1","registrationNumber":7,"stage":[],"at":{}}]})");
        QVERIFY(mixed);
        QCOMPARE(mixed->changes.size(), 0);
        QCOMPARE(mixed->skipped, 4);
    }

    void malformedChangesPagesRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not JSON") << QByteArray("{\"cursor\": 5, \"changes\": [");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("cursor is text") << QByteArray(R"({"cursor":"7","changes":[]})");
        QTest::newRow("cursor negative") << QByteArray(R"({"cursor":-4,"changes":[]})");
        QTest::newRow("cursor fraction") << QByteArray(R"({"cursor":2.5,"changes":[]})");
        QTest::newRow("cursor huge") << QByteArray(R"({"cursor":1e300,"changes":[]})");
        QTest::newRow("changes is object") << QByteArray(R"({"cursor":3,"changes":{"a":1}})");
        QTest::newRow("empty") << QByteArray();
    }

    void malformedChangesPagesRefused()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!ChangesPage::fromJson(body, &error));
        QVERIFY(!error.isEmpty());
    }

    void transientStatuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("transient");
        for (int s : {408, 429, 500, 502, 503, 504})
            QTest::addRow("%d", s) << s << true;
        for (int s : {200, 201, 304, 400, 401, 403, 404, 409, 413, 422})
            QTest::addRow("%d", s) << s << false;
    }

    void transientStatuses()
    {
        QFETCH(int, status);
        QFETCH(bool, transient);
        QCOMPARE(isTransientStatus(status), transient);
    }

    void qrIsLevelMAlphanumeric()
    {
        // 304 base45 characters fit version 10 only in alphanumeric mode at level M
        // (L would give version 9, byte mode version 13).
        const QString seal = QStringLiteral("SQ1:") + QString(300, QLatin1Char('A'));
        const auto qr = QrCode::encode(seal);
        QVERIFY(qr);
        QCOMPARE(qr->version, 10);
        QCOMPARE(qr->size, 17 + 4 * 10);
        QCOMPARE(qr->modules.size(), qr->size * qr->size);
        // Finder pattern corner is dark.
        QVERIFY(qr->dark(0, 0));
        QVERIFY(QrCode::encode(QStringLiteral("Surat untuk Bu Siti — ✓")));
        QVERIFY(!QrCode::encode(QString(8000, QLatin1Char('A'))));
    }

    void surveyProfileIsTheAppendixOfPermenPan14_2017()
    {
        // Written down from the appendix's respondent profile (umur grouped, the village's occupations added), apart
        // from the table in protocol.cpp.
        const QList<QPair<QString, QStringList>> oracle {
            {QStringLiteral("age"),
                {QStringLiteral("under_20"), QStringLiteral("20_29"), QStringLiteral("30_39"), QStringLiteral("40_49"),
                    QStringLiteral("50_59"), QStringLiteral("60_plus")}},
            {QStringLiteral("gender"), {QStringLiteral("male"), QStringLiteral("female")}},
            {QStringLiteral("education"),
                {QStringLiteral("sd"), QStringLiteral("smp"), QStringLiteral("sma"), QStringLiteral("diploma"), QStringLiteral("s1"),
                    QStringLiteral("s2")}},
            {QStringLiteral("occupation"),
                {QStringLiteral("pns"), QStringLiteral("tni"), QStringLiteral("polri"), QStringLiteral("swasta"),
                    QStringLiteral("wirausaha"), QStringLiteral("petani"), QStringLiteral("pelajar"), QStringLiteral("lainnya")}},
        };
        const auto &questions = serverlink::surveyProfileQuestions();
        QCOMPARE(questions.size(), oracle.size());
        for (int i = 0; i < oracle.size(); ++i) {
            QCOMPARE(QString::fromLatin1(questions.at(i).key), oracle.at(i).first);
            QStringList wires;
            for (const serverlink::WireChoice &c : questions.at(i).choices) {
                wires << QString::fromLatin1(c.wire);
                QVERIFY(!QString::fromUtf8(c.label).isEmpty());
            }
            QCOMPARE(wires, oracle.at(i).second);
        }
        QVERIFY(serverlink::surveyProfileLabel(QStringLiteral("gender"), QStringLiteral("sd")).isEmpty());
    }

    void surveyBodiesOldAndNew_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("accepted");
        const QByteArray head
            = "{\"id\":\"7d2f3c1e-survey-0001\",\"serviceCode\":\"SKTM\",\"answers\":[4,3,4,4,3,4,4,2,3],\"at\":\"2026-11-23T10:00:00Z\"";
        QTest::newRow("before #13") << head + "}" << true;
        QTest::newRow("profile and suggestion")
            << head + ",\"profile\":{\"age\":\"30_39\",\"occupation\":\"petani\"},\"suggestion\":\"Kipas angin\"}" << true;
        QTest::newRow("empty profile") << head + ",\"profile\":{}}" << true;
        QTest::newRow("unknown answer") << head + ",\"profile\":{\"age\":\"17\"}}" << false;
        QTest::newRow("unknown question") << head + ",\"profile\":{\"hobby\":\"petani\"}}" << false;
        QTest::newRow("profile not an object") << head + ",\"profile\":[\"30_39\"]}" << false;
        QTest::newRow("suggestion not text") << head + ",\"suggestion\":5}" << false;
        QTest::newRow("suggestion too long") << head + ",\"suggestion\":\"" + QByteArray(501, 'x') + "\"}" << false;
    }
    void surveyBodiesOldAndNew()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, accepted);
        const auto survey = serverlink::SurveyResponse::fromJson(body);
        QCOMPARE(bool(survey), accepted);
        if (survey) {
            const auto again = serverlink::SurveyResponse::fromJson(survey->toJson());
            QVERIFY(again);
            QCOMPARE(again->profile, survey->profile);
            QCOMPARE(again->suggestion, survey->suggestion);
        }
    }

    void complaintBodiesAndSlipQr()
    {
        serverlink::ComplaintBody c;
        c.id = QStringLiteral("5b1c7a2e-complaint-0001");
        c.number = QStringLiteral("PGD-7K2M9-QX4TB");
        c.tokenSha256 = QString(64, QLatin1Char('0'));
        c.category = QStringLiteral("biaya");
        c.text = QStringLiteral("  Diminta uang rokok.  ");
        c.phone = QStringLiteral("0812-3456-7890");
        c.at = QDateTime(QDate(2026, 11, 24), QTime(3, 0, 0, 250), Qt::UTC);
        const auto parsed = serverlink::ComplaintBody::fromJson(c.toJson());
        QVERIFY(parsed);
        QCOMPARE(parsed->text, QStringLiteral("Diminta uang rokok."));
        QCOMPARE(parsed->phone, QStringLiteral("+6281234567890"));
        QCOMPARE(parsed->at, c.at);
        QVERIFY(!c.toJson().contains("nik"));
        QCOMPARE(*serverlink::ComplaintBody::fromJson(parsed->toJson()), *parsed);
        for (const auto &bad :
            {std::function<void(serverlink::ComplaintBody &)>([](auto &b) { b.number = QStringLiteral("PGD-IIIII-00000"); }),
                std::function<void(serverlink::ComplaintBody &)>([](auto &b) { b.category = QStringLiteral("cuaca"); }),
                std::function<void(serverlink::ComplaintBody &)>([](auto &b) { b.text = QStringLiteral("   "); }),
                std::function<void(serverlink::ComplaintBody &)>(
                    [](auto &b) { b.text = QString(serverlink::ComplaintBody::kMaxTextLength + 1, QLatin1Char('x')); }),
                std::function<void(serverlink::ComplaintBody &)>([](auto &b) { b.nik = QStringLiteral("12345"); }),
                std::function<void(serverlink::ComplaintBody &)>([](auto &b) { b.phone = QStringLiteral("12"); }),
                std::function<void(serverlink::ComplaintBody &)>([](auto &b) { b.tokenSha256 = QStringLiteral("abc"); })}) {
            serverlink::ComplaintBody b = *parsed;
            bad(b);
            QVERIFY2(!serverlink::ComplaintBody::fromJson(b.toJson()), b.toJson().constData());
        }
        const QString qr = serverlink::complaintqr::encode(c.number, QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA"));
        QVERIFY(qr.startsWith(QLatin1String("ADPGD1:")));
        QCOMPARE(serverlink::complaintqr::decode(qr)->first, c.number);
        QVERIFY(!serverlink::complaintqr::decode(QStringLiteral("ADPGD1:PGD-7K2M9-QX4TB.short")));
        QVERIFY(!serverlink::complaintqr::decode(QStringLiteral("ADT1:AAAAAAAAAAAAAAAAAAAAAA")));
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
