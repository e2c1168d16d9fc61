// The ticket is the citizen's registration slip (tanda terima pra-permohonan): requirement checklist (captured
// at the kiosk, or "bawa aslinya"), the ready date in working days and the office's hours, on 58 and 80 mm paper.
#include "barcode.h"
#include "escpos.h"
#include "outbox.h"
#include "store.h"
#include "ticketissuer.h"
#include "ticketrenderer.h"

#include <QFile>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;

namespace {
serverlink::CatalogService catalogService(const QString &code)
{
    QFile file(QStringLiteral(KIOSK_CATALOG_JSON));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto catalog = serverlink::Catalog::fromJson(file.readAll());
    return catalog ? catalog->service(code).value_or(serverlink::CatalogService {}) : serverlink::CatalogService {};
}

// True when every pixel of `area` is white (nothing was drawn there).
bool blank(const QImage &image, const QRect &area)
{
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (qGray(image.pixel(x, y)) < 128)
                return false;
    return true;
}
} // namespace

class TestTicket : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QDateTime m_now = QDateTime(QDate(2026, 12, 10), QTime(9, 15)); // a Thursday
    const TicketOffice m_office {QStringLiteral("Kantor Desa Pitu"), QStringLiteral("Senin–Kamis 08.00–15.00, Jumat 08.00–11.00"),
        serverlink::WorkingCalendar::builtIn()};

    // A committed AHLI_WARIS request (six requirements, five working days) with pages of requirements 0 and 2.
    QueuedRequest commit(KioskStore &store)
    {
        OutboxRepository outbox(store, QByteArray(32, 'k'), [this] { return m_now; });
        NewRequest request;
        request.serviceCode = QStringLiteral("AHLI_WARIS");
        request.nik = QStringLiteral("3521114506800002");
        request.name = QStringLiteral("Siti Aminah");
        request.address = QStringLiteral("Dusun Krajan RT 01/RW 02");
        request.purpose = QStringLiteral("Balik nama sertifikat");
        const QStringList requirements = catalogService(QStringLiteral("AHLI_WARIS")).requirements;
        for (int i : {0, 2})
            request.documents.append({i, requirements.value(i), QByteArray(2000, char(0x5a))});
        const auto queued = outbox.enqueue(request);
        return queued ? queued.value() : QueuedRequest {};
    }

private Q_SLOTS:
    void checklistAndEstimateOfACommittedRequest()
    {
        KioskStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("checklist.sqlite"))));
        const QueuedRequest queued = commit(store);
        QVERIFY(!queued.registrationNumber.isEmpty());
        const serverlink::CatalogService service = catalogService(QStringLiteral("AHLI_WARIS"));
        QCOMPARE(service.requirements.size(), 6);
        const TicketContent content = ticketContent(queued, m_office, service, capturedRequirements(queued));
        QCOMPARE(content.checklist.size(), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(content.checklist.at(i).requirement, service.requirements.at(i));
            QCOMPARE(content.checklist.at(i).captured, i == 0 || i == 2);
        }
        QCOMPARE(content.checklist.at(0).text(), QStringLiteral("✓ %1: sudah dipindai").arg(service.requirements.at(0)));
        QCOMPARE(content.checklist.at(1).text(), QStringLiteral("☐ %1: bawa aslinya").arg(service.requirements.at(1)));
        // Thursday 10 Dec + 5 working days: Fri 11, Mon 14 … Thu 17.
        QCOMPARE(content.readyBy, QDate(2026, 12, 17));
        QCOMPARE(content.readyLine(), QStringLiteral("Perkiraan selesai: Kamis, 17 Des 2026 (5 hari kerja)"));
        QCOMPARE(content.officeHours, m_office.hours);

        // After a power cut the reprinted ticket says the same: the store still knows which pages were captured.
        OutboxRepository again(store, QByteArray(32, 'k'), [this] { return m_now; });
        const QList<QueuedRequest> lost = again.unprintedTickets();
        QCOMPARE(lost.size(), 1);
        QCOMPARE(capturedRequirements(lost.first()), QSet<int>({0, 2}));
        QCOMPARE(ticketContent(lost.first(), m_office, service, capturedRequirements(lost.first())).checklist, content.checklist);
    }

    void slipFitsThePaper_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("58 mm (32 columns)") << 384;
        QTest::newRow("80 mm (48 columns)") << 576;
    }
    void slipFitsThePaper()
    {
        QFETCH(int, width);
        KioskStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("paper-%1.sqlite").arg(width))));
        const QueuedRequest queued = commit(store);
        // The service with the longest requirement text (KEMATIAN) and the one with the most (AHLI_WARIS).
        for (const QString &code : {QStringLiteral("AHLI_WARIS"), QStringLiteral("KEMATIAN")}) {
            const TicketContent content
                = ticketContent(queued, m_office, catalogService(code), capturedRequirements(queued), QStringLiteral("± 10–20 menit"));
            const TicketRenderer renderer(width);
            const QImage image = renderer.render(content);
            QCOMPARE(image.width(), width);
            // One ticket length on both papers: at most 20 cm of paper (203 dpi), whatever the service.
            QVERIFY2(image.height() <= 1600, qPrintable(QStringLiteral("%1: %2 dots").arg(code).arg(image.height())));

            // The printer's raster gives the QR code back.
            const QImage printed = devices::escpos::rasterToImage(devices::escpos::ticketJob(image));
            const auto qr = devices::barcode::decode(printed);
            QVERIFY2(qr, qPrintable(code));
            QCOMPARE(*qr, content.qrPayload);

            // No line is cut: every word fits the printable width, nothing is drawn in the side margins, and the
            // last line ends above the bottom margin.
            for (const TicketLine &line : TicketRenderer::lines(content)) {
                const QFontMetrics metrics(TicketRenderer::font(line));
                for (const QString &word : line.text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
                    QVERIFY2(metrics.horizontalAdvance(word) <= renderer.textWidth(), qPrintable(word));
                for (const QChar mark : line.text)
                    if (mark == QChar(0x2713) || mark == QChar(0x2610))
                        QVERIFY2(metrics.inFont(mark), "the checklist's mark is in the ticket's font");
            }
            const int side = TicketRenderer::kMargin / 2;
            QVERIFY(blank(image, QRect(0, 0, side, image.height())));
            QVERIFY(blank(image, QRect(width - side, 0, side, image.height())));
            QVERIFY(blank(image, QRect(0, image.height() - side, width, side)));

            // The checklist is there, each requirement once, with the estimate and the hours.
            QStringList texts;
            for (const TicketLine &line : TicketRenderer::lines(content))
                texts.append(line.text);
            for (const ChecklistItem &item : content.checklist)
                QCOMPARE(texts.count(item.text()), 1);
            QVERIFY(texts.contains(content.readyLine()));
            QVERIFY(texts.contains(QStringLiteral("Jam layanan: %1").arg(m_office.hours)));
        }
    }

    void withoutSlipDetailsTheTicketIsAsBefore()
    {
        // No requirements, no estimate, no hours (a service missing from the catalog): no slip lines.
        QueuedRequest queued;
        queued.registrationNumber = QStringLiteral("MQHT7-F7YC9");
        queued.queueNumber = 7;
        queued.createdAt = m_now;
        const TicketContent content
            = ticketContent(queued, {QStringLiteral("Kantor Desa Pitu"), {}, {}}, serviceNamedByCode(QStringLiteral("X")), {});
        QVERIFY(content.checklist.isEmpty());
        QVERIFY(!content.readyBy.isValid());
        QVERIFY(content.readyLine().isEmpty());
        for (const TicketLine &line : TicketRenderer::lines(content))
            QVERIFY2(!line.text.startsWith(QLatin1String("Jam layanan")) && !line.text.startsWith(QLatin1String("Persyaratan")),
                qPrintable(line.text));
    }
};

QTEST_MAIN(TestTicket)
#include "tst_ticket.moc"
