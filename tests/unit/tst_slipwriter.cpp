// The ticket printer's text slips (pick-up number, handover receipt) fit 58 mm and 80 mm paper and say what they must.
#include "masking.h"
#include "slipwriter.h"

#include <QTest>

using kiosk::HandoverReceipt;
using kiosk::PickupSlip;
using kiosk::SlipWriter;

namespace {
/// One printed line and whether it printed at double width.
struct PrintedLine {
    QString text;
    bool large = false;
};

/// Reads a SlipWriter job back as the printer would lay it out (ESC @, ESC t/a/E n, GS ! n, GS V m n).
QList<PrintedLine> printed(const QByteArray &job)
{
    QList<PrintedLine> lines;
    QByteArray current;
    bool large = false;
    bool lineLarge = false;
    for (qsizetype i = 0; i < job.size(); ++i) {
        const char c = job.at(i);
        if (c == 0x1b) {
            i += job.at(i + 1) == '@' ? 1 : 2;
        } else if (c == 0x1d && job.at(i + 1) == '!') {
            large = job.at(i + 2) != 0;
            i += 2;
        } else if (c == 0x1d) {
            i += 3;
        } else if (c == '\n') {
            lines.append({QString::fromLatin1(current), lineLarge});
            current.clear();
            lineLarge = false;
        } else {
            current.append(c);
            lineLarge = lineLarge || large;
        }
    }
    return lines;
}

QString joined(const QList<PrintedLine> &lines)
{
    QStringList out;
    for (const PrintedLine &l : lines)
        out.append(l.text.trimmed());
    return out.join(QLatin1Char(' ')).simplified();
}
} // namespace

class TestSlipWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void receiptFitsThePaper_data()
    {
        QTest::addColumn<int>("columns");
        QTest::newRow("58 mm") << SlipWriter::kColumns58mm;
        QTest::newRow("80 mm") << SlipWriter::kColumns80mm;
    }

    void receiptFitsThePaper()
    {
        QFETCH(int, columns);
        const HandoverReceipt receipt {QStringLiteral("Kantor Desa Pitu, Kecamatan Pitu, Kabupaten Ngawi"), QStringLiteral("7KQ2M-X9D4P"),
            QStringLiteral("Surat Keterangan Tidak Mampu untuk Keringanan Biaya Pendidikan"),
            QDateTime(QDate(2026, 12, 7), QTime(2, 30), Qt::UTC), QStringLiteral("Dewi Lestari"),
            QStringLiteral("Muhammad Abdurrahman Wahid Hasyim Asy'ari"), serverlink::masking::nik(QStringLiteral("3521110101800003")),
            QStringLiteral("Orang tua")};
        const QList<PrintedLine> lines = printed(receipt.toEscPos(columns));
        for (const PrintedLine &l : lines)
            QVERIFY2(l.text.size() <= (l.large ? columns / 2 : columns), qPrintable(l.text));
        const QString text = joined(lines);
        for (const QString &expected : {QStringLiteral("TANDA TERIMA PENYERAHAN SURAT"), QStringLiteral("Kantor Desa Pitu, Kecamatan Pitu"),
                 QStringLiteral("7KQ2M-X9D4P"), QStringLiteral("Keringanan Biaya Pendidikan"), QStringLiteral("Desember 2026"),
                 QStringLiteral("Dewi Lestari"), QStringLiteral("Hasyim Asy'ari"), QStringLiteral("3521********0003"),
                 QStringLiteral("Wakil (Orang tua)"), QStringLiteral("Tanda tangan penerima")})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" missing in: ") + text));
        QVERIFY(!text.contains(QStringLiteral("3521110101800003")));
    }

    void pickupSlipShowsTheNumberLarge()
    {
        const PickupSlip slip {QStringLiteral("Kantor Desa Pitu"), QStringLiteral("B-004"), QStringLiteral("7KQ2M-X9D4P"),
            QStringLiteral("Surat Keterangan Domisili"), QDateTime(QDate(2026, 12, 7), QTime(2, 30), Qt::UTC)};
        for (int columns : {SlipWriter::kColumns58mm, SlipWriter::kColumns80mm}) {
            const QList<PrintedLine> lines = printed(slip.toEscPos(columns));
            const auto number = std::find_if(lines.begin(), lines.end(), [](const PrintedLine &l) { return l.large; });
            QVERIFY(number != lines.end());
            QCOMPARE(number->text, QStringLiteral("B-004"));
            for (const PrintedLine &l : lines)
                QVERIFY2(l.text.size() <= (l.large ? columns / 2 : columns), qPrintable(l.text));
            QVERIFY(joined(lines).contains(QStringLiteral("SURAT SIAP DIAMBIL")));
            QVERIFY(joined(lines).contains(QStringLiteral("7KQ2M-X9D4P")));
        }
    }

    void wrapKeepsEveryCharacter()
    {
        QCOMPARE(SlipWriter::wrap(QStringLiteral("satu dua tiga"), 8), (QStringList {QStringLiteral("satu dua"), QStringLiteral("tiga")}));
        QCOMPARE(SlipWriter::wrap(QStringLiteral("abcdefghij"), 4),
            (QStringList {QStringLiteral("abcd"), QStringLiteral("efgh"), QStringLiteral("ij")}));
        QCOMPARE(SlipWriter::wrap({}, 10), QStringList {QString()});
    }

    void nikMask()
    {
        QCOMPARE(serverlink::masking::nik(QStringLiteral("3521115205010021")), QStringLiteral("3521********0021"));
        QCOMPARE(serverlink::masking::nik(QStringLiteral("1234")), QStringLiteral("****"));
        QCOMPARE(serverlink::masking::name(QStringLiteral(" Siti  Aminah ")), QStringLiteral("S*** A*****"));
    }
};

QTEST_GUILESS_MAIN(TestSlipWriter)
#include "tst_slipwriter.moc"
