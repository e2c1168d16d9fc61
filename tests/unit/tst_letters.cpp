// Letters per service: nomor surat per office format and year (allocated in the signing
// transaction, unique, sequential, surviving a restart), templates, paper sizes, and the
// printed seal QR of a kecamatan letter decoded from the rasterised PDF and verified.
#include "backend.h"
#include "backendrequest.h"
#include "backendstore.h"
#include "barcode.h"
#include "lettertemplate.h"
#include "offices.h"
#include "sealservice.h"
#include "sealsigner.h"
#include "sealverification.h"
#include "servicecatalog.h"
#include "trustlist.h"
#include "workflow.h"
#include "workflowfixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace backend;
using serverlink::ServiceLevel;
using serverlink::Stage;

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kNik = QStringLiteral("3521114506800002");

using testsupport::makeRequest;

/// Signs a request at the store level with a given office and year (the year boundary without a clock).
QString sign(BackendStore &store, const QString &reg, const QString &office, int year, const QString &klasifikasi,
    const QString &kodeSurat = QStringLiteral("404.604"))
{
    if (!store.insertRequest(makeRequest(reg, QStringLiteral("DOMISILI"), ServiceLevel::Desa)))
        return {};
    if (!store.applyTransition(reg, Transition {Stage::Received, Stage::DesaReview, QStringLiteral("t"), QStringLiteral("t"), {}, {}, {}}))
        return {};
    const auto s = store.applyTransition(reg,
        Transition {Stage::DesaReview, Stage::DesaSigned, QStringLiteral("t"), QStringLiteral("t"), {},
            NomorAllocation {office, year, QStringLiteral("{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}"), klasifikasi, kodeSurat}, {}});
    return s ? s.value().nomorSurat : QString();
}

QImage rasterise(const QString &pdf, const QString &outDir)
{
    QProcess p;
    const QString prefix = QDir(outDir).filePath(QStringLiteral("page"));
    p.start(QStringLiteral("pdftoppm"),
        {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"), QStringLiteral("-singlefile"), QStringLiteral("-gray"), pdf,
            prefix});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QImage(prefix + QStringLiteral(".png"));
}

/// The text of a PDF as pdftotext reads it; empty when pdftotext fails.
QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

/// Scans the seal QR printed on a letter PDF and verifies it against the backend's signed lists (its list signer
/// certified by a fresh offline root first).
serverlink::seal::Verification verifyPrintedSeal(SealService &seals, const QString &pdf, const QString &workDir)
{
    const QImage page = rasterise(pdf, workDir);
    const auto scanned = page.isNull() ? std::nullopt : devices::barcode::decode(page);
    if (!scanned)
        return {};
    const QTemporaryDir rootDir;
    const QByteArray root = testsupport::installOfflineRoot(seals, rootDir.filePath(QStringLiteral("root")));
    const auto trust = serverlink::seal::TrustList::fromSigned(seals.trustList().value().envelope, root);
    const auto revocations = serverlink::seal::RevocationList::fromSigned(seals.revocationList().value().envelope, root);
    if (!trust || !revocations)
        return {};
    return serverlink::seal::SealVerifier(trust.value(), revocations.value()).verify(*scanned);
}

/// Exits with SKIP (77) when one of poppler-utils' tools is missing.
void requirePoppler(std::initializer_list<const char *> tools)
{
    for (const char *tool : tools)
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty()) {
            std::printf("SKIP: %s (poppler-utils) is not installed\n", tool);
            std::exit(77);
        }
}

/// A backend that seals its letters, opened as kecamatan-backend opens a data folder (here `dir`/`name`).
std::unique_ptr<Backend> sealingBackend(const QTemporaryDir &dir, const QString &name)
{
    auto opened = openBackend(dir.filePath(name));
    if (!opened)
        qFatal("openBackend: %s", qPrintable(opened.error().message));
    return std::move(opened.value());
}

/// The /MediaBox of the first page in PDF points, e.g. "0 0 609.449 935.433".
QList<double> mediaBox(const QByteArray &pdf)
{
    static const QRegularExpression box(QStringLiteral("/MediaBox\\s*\\[\\s*([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)"));
    const auto m = box.match(QString::fromLatin1(pdf));
    if (!m.hasMatch())
        return {};
    return {m.captured(3).toDouble(), m.captured(4).toDouble()};
}

} // namespace

class TestLetters : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void nomorFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("number");
        QTest::addColumn<QString>("expected");
        QTest::newRow("issue example") << QStringLiteral("{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}") << 12
                                       << QStringLiteral("470/012/404.604/2026");
        QTest::newRow("default 4 digits") << QStringLiteral("470/{nomor}/{kode}/{tahun}") << 7
                                          << QStringLiteral("470/0007/3521112004/2026");
        QTest::newRow("overflows the width") << QStringLiteral("{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}") << 1234
                                             << QStringLiteral("470/1234/404.604/2026");
    }
    void nomorFormat()
    {
        QFETCH(QString, format);
        QFETCH(int, number);
        QFETCH(QString, expected);
        QVERIFY(isValidNomorFormat(format));
        QCOMPARE(formatNomorSurat(format, NomorParts {number, QStringLiteral("470"), kDesa, QStringLiteral("404.604"), 2026}), expected);
        QVERIFY(!isValidNomorFormat(QStringLiteral("470/{kode}/{tahun}")));
    }

    void nomorSequentialAcrossYearAndRestart()
    {
        const QString path = m_dir.filePath(QStringLiteral("nomor.sqlite"));
        const QString other = QStringLiteral("3521112005");
        {
            auto store = std::move(BackendStore::open(path).value());
            QCOMPARE(sign(*store, QStringLiteral("N1"), kDesa, 2026, QStringLiteral("470")), QStringLiteral("470/001/404.604/2026"));
            QCOMPARE(sign(*store, QStringLiteral("N2"), kDesa, 2026, QStringLiteral("400")), QStringLiteral("400/002/404.604/2026"));
            QCOMPARE(sign(*store, QStringLiteral("N3"), other, 2026, QStringLiteral("470"), QStringLiteral("404.604.05")),
                QStringLiteral("470/001/404.604.05/2026"));
            // The year boundary: a new year starts at 001; the old year's counter is kept.
            QCOMPARE(sign(*store, QStringLiteral("N4"), kDesa, 2027, QStringLiteral("470")), QStringLiteral("470/001/404.604/2027"));
            QCOMPARE(sign(*store, QStringLiteral("N5"), kDesa, 2026, QStringLiteral("503")), QStringLiteral("503/003/404.604/2026"));
        }
        // Restart = reopening the store file: the counters continue, nothing is reissued.
        auto store = std::move(BackendStore::open(path).value());
        QCOMPARE(sign(*store, QStringLiteral("N6"), kDesa, 2027, QStringLiteral("470")), QStringLiteral("470/002/404.604/2027"));
        QCOMPARE(sign(*store, QStringLiteral("N7"), kDesa, 2026, QStringLiteral("470")), QStringLiteral("470/004/404.604/2026"));
        QSet<QString> seen;
        const auto requests = store->requests();
        QVERIFY(requests);
        for (const auto &r : requests.value()) {
            QVERIFY2(!seen.contains(r.nomorSurat), qPrintable(r.nomorSurat));
            seen.insert(r.nomorSurat);
        }
        QCOMPARE(seen.size(), 7);
    }

    void nomorUniqueIndex()
    {
        auto store = std::move(BackendStore::open(m_dir.filePath(QStringLiteral("unique.sqlite"))).value());
        QCOMPARE(sign(*store, QStringLiteral("U1"), kDesa, 2026, QStringLiteral("470")), QStringLiteral("470/001/404.604/2026"));
        // Another office with the same kode surat would print the same number: refused, the transition rolls back.
        QCOMPARE(sign(*store, QStringLiteral("U2"), QStringLiteral("3521112005"), 2026, QStringLiteral("470")), QString());
        QCOMPARE(store->request(QStringLiteral("U2")).value().stage, Stage::DesaReview);
    }

    void everyServiceHasTemplate()
    {
        const auto catalog = ServiceCatalog::builtIn();
        QVERIFY2(catalog, catalog ? "" : qPrintable(catalog.error().message));
        const auto services = catalog.value().services();
        QCOMPARE(services.size(), 16);
        static const QRegularExpression kode(QStringLiteral("^\\d{3}(\\.\\d+)?$"));
        for (const ServiceInfo &s : services) {
            QCOMPARE(s.letter.serviceCode, s.code);
            QVERIFY2(kode.match(s.letter.klasifikasi).hasMatch(), qPrintable(s.code));
            QVERIFY(s.letter.slaDays >= 1);
            QVERIFY(!s.letter.statement.isEmpty());
            QVERIFY(!s.letter.signerTitle.isEmpty());
            for (const QString &key : s.letter.fields) {
                bool known = false;
                for (const auto &f : s.fieldLabels)
                    known = known || f.first == key;
                QVERIFY2(known, qPrintable(s.code + QLatin1Char('.') + key));
            }
        }
        QCOMPARE(catalog.value().service(QStringLiteral("KELAHIRAN"))->letter.klasifikasi, QStringLiteral("474.1"));
        QCOMPARE(catalog.value().service(QStringLiteral("USAHA"))->letter.klasifikasi, QStringLiteral("503"));
        auto missing = ServiceCatalog::builtIn().value();
        QVERIFY(!missing.attachLetterTemplates(LetterTemplates::fromJson(R"({"templates":[]})").value()));
    }

    void templateComposesKopRowsAndSigner()
    {
        const auto catalog = ServiceCatalog::builtIn().value();
        const auto office = OfficeDirectory::builtIn().value().desa(kDesa).value();
        RequestRecord r;
        r.registrationNumber = QStringLiteral("PITU-1");
        r.level = ServiceLevel::Kecamatan;
        r.serviceCode = QStringLiteral("AHLI_WARIS");
        r.name = QStringLiteral("Siti Aminah");
        r.nik = kNik;
        r.fields = QJsonObject {{QStringLiteral("namaPewaris"), QStringLiteral("Ahmad")},
            {QStringLiteral("ahliWaris"),
                QJsonArray {QJsonObject {{QStringLiteral("nama"), QStringLiteral("Budi")}},
                    QJsonObject {{QStringLiteral("nama"), QStringLiteral("Citra")}}}}};
        const auto service = catalog.service(r.serviceCode).value();
        const LetterContent c = composeLetter(r, service, service.letter, office, QDate(2026, 11, 23));
        QCOMPARE(c.kopLines, QStringList({QStringLiteral("PEMERINTAH KABUPATEN NGAWI"), QStringLiteral("KECAMATAN PITU")}));
        QCOMPARE(c.officeAddress, office.kecamatanAddress);
        QCOMPARE(c.signerTitle, QStringLiteral("Camat Pitu"));
        QCOMPARE(c.signerName, office.camat);
        QCOMPARE(c.rows.at(3).second, QStringLiteral("Ahmad"));
        bool heirs = false;
        for (const auto &row : c.rows)
            heirs = heirs || row.second == QStringLiteral("1. Budi; 2. Citra");
        QVERIFY(heirs);
        QVERIFY(c.statement.startsWith(QStringLiteral("Orang tersebut di atas adalah benar ahli waris")));

        const NomorAllocation desaNomor
            = nomorAllocation(office, ServiceLevel::Desa, catalog.service(QStringLiteral("KELAHIRAN"))->letter, 2026);
        const auto format = [](const NomorAllocation &a, int n) {
            return formatNomorSurat(a.format, NomorParts {n, a.klasifikasi, a.office, a.kodeSurat, a.year});
        };
        QCOMPARE(format(desaNomor, 5), QStringLiteral("474.1/005/404.604.04/2026"));
        QCOMPARE(desaNomor.office, kDesa);
        const NomorAllocation kecNomor = nomorAllocation(office, ServiceLevel::Kecamatan, service.letter, 2026);
        QCOMPARE(format(kecNomor, 12), QStringLiteral("593/012/404.604/2026"));
        QCOMPARE(kecNomor.office, QStringLiteral("352111"));
    }

    void amountsOnTheLetterAreRupiah()
    {
        const auto catalog = ServiceCatalog::builtIn().value();
        const auto office = OfficeDirectory::builtIn().value().desa(kDesa).value();
        RequestRecord r;
        r.registrationNumber = QStringLiteral("RP-1");
        r.level = ServiceLevel::Desa;
        r.serviceCode = QStringLiteral("SKTM");
        r.name = QStringLiteral("Siti Aminah");
        r.nik = kNik;
        r.purpose = QStringLiteral("Keringanan biaya sekolah");
        r.fields = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Buruh tani")},
            {QStringLiteral("penghasilan"), QStringLiteral("900000")}, {QStringLiteral("jumlahTanggungan"), QStringLiteral("3")},
            {QStringLiteral("peruntukan"), QStringLiteral("Bantuan sosial")}};
        const auto service = catalog.service(r.serviceCode).value();
        const LetterContent c = composeLetter(r, service, service.letter, office, QDate(2026, 12, 17));
        const QString text = canonicalLetterText(c);
        QVERIFY2(text.contains(QStringLiteral("\nPenghasilan per bulan: Rp900.000\n")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\nJumlah tanggungan keluarga: 3\n")));
        QVERIFY(text.contains(QStringLiteral(", 17 Desember 2026\n")));
        QVERIFY(!text.contains(QStringLiteral("900000")));
        // A kecamatan letter's capital of ten million and an identifier typed as a number.
        r.serviceCode = QStringLiteral("USAHA");
        r.fields = QJsonObject {{QStringLiteral("modal"), QStringLiteral("10000000")}};
        const auto usaha = catalog.service(r.serviceCode).value();
        QVERIFY(canonicalLetterText(composeLetter(r, usaha, usaha.letter, office, QDate(2026, 12, 17)))
                    .contains(QStringLiteral("\nPerkiraan modal usaha: Rp10.000.000\n")));

        // On paper, as the citizen reads it.
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString path = m_dir.filePath(QStringLiteral("rupiah.pdf"));
        QVERIFY(LetterRenderer().renderToFile(c, path));
        const QString printed = pdfText(path);
        QVERIFY2(printed.contains(QStringLiteral("Rp900.000")), qPrintable(printed));
        QVERIFY(!printed.contains(QStringLiteral("900000")));
    }

    void paperF4DefaultA4Option()
    {
        LetterContent c;
        c.kopLines = {QStringLiteral("DESA PITU")};
        c.title = QStringLiteral("SURAT KETERANGAN");
        c.date = QDate(2026, 11, 23);
        const auto f4 = mediaBox(LetterRenderer().render(c).value());
        const auto a4 = mediaBox(LetterRenderer(Paper::A4).render(c).value());
        QCOMPARE(f4.size(), 2);
        QCOMPARE(a4.size(), 2);
        // 215 × 330 mm and 210 × 297 mm in points (1 pt = 25.4/72 mm).
        QVERIFY(qAbs(f4.at(0) - 215 * 72 / 25.4) < 1.0 && qAbs(f4.at(1) - 330 * 72 / 25.4) < 1.0);
        QVERIFY(qAbs(a4.at(0) - 210 * 72 / 25.4) < 1.0 && qAbs(a4.at(1) - 297 * 72 / 25.4) < 1.0);
    }

    void workflowLettersNumberedAndSealed()
    {
        requirePoppler({"pdftoppm"});
        const auto backend = sealingBackend(m_dir, QStringLiteral("workflow"));
        auto &[store, catalog, offices, renderer, seals, workflow, documents] = *backend;
        const int year = QDate::currentDate().year();
        const auto approve = [&](const QString &reg, const QString &service, ServiceLevel level) {
            if (!store->insertRequest(makeRequest(reg, service, level)))
                return RequestRecord {};
            const auto done = testsupport::approveToReady(*workflow, *store, offices, reg);
            if (!done)
                qWarning().noquote() << done.error().message;
            return done ? done.value() : RequestRecord {};
        };
        QCOMPARE(approve(QStringLiteral("W1"), QStringLiteral("SKTM"), ServiceLevel::Desa).nomorSurat,
            QStringLiteral("400/001/404.604.04/%1").arg(year));
        QCOMPARE(approve(QStringLiteral("W2"), QStringLiteral("DOMISILI"), ServiceLevel::Desa).nomorSurat,
            QStringLiteral("470/002/404.604.04/%1").arg(year));
        const RequestRecord kec = approve(QStringLiteral("W3"), QStringLiteral("PERNYATAAN_MISKIN_PBI"), ServiceLevel::Kecamatan);
        QCOMPARE(kec.nomorSurat, QStringLiteral("400/001/404.604/%1").arg(year));
        QCOMPARE(kec.stage, Stage::Ready);

        // The archived letter: the stored hash is the file's, and the printed QR carries this nomor surat.
        QFile pdf(kec.letterPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(pdf.readAll(), QCryptographicHash::Sha256).toHex()), kec.letterSha256);
        const auto v = verifyPrintedSeal(*seals, kec.letterPath, m_dir.path());
        QVERIFY2(v.verdict == serverlink::seal::Verdict::Asli, qPrintable(v.reason));
        QCOMPARE(v.fields->nomorSurat, kec.nomorSurat);
    }

    void unsignedPreviewIsWatermarked()
    {
        // The officer's preview of a letter not signed yet says so across the page and carries no seal (#17 L12).
        requirePoppler({"pdftoppm", "pdftotext"});
        const auto backend = sealingBackend(m_dir, QStringLiteral("preview"));
        auto &[store, catalog, offices, renderer, seals, workflow, documents] = *backend;
        QVERIFY(store->insertRequest(makeRequest(QStringLiteral("P1"), QStringLiteral("SKTM"), ServiceLevel::Desa)));
        const auto preview = workflow->previewLetter(store->request(QStringLiteral("P1")).value());
        QVERIFY2(preview, preview ? "" : qPrintable(preview.error().message));
        const QString previewPath = m_dir.filePath(QStringLiteral("pratinjau.pdf"));
        QFile file(previewPath);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(preview.value()) == preview.value().size());
        file.close();
        const QString previewText = pdfText(previewPath).simplified();
        QVERIFY2(previewText.contains(QStringLiteral("PRATINJAU")) && previewText.contains(QStringLiteral("BELUM DITANDATANGANI")),
            qPrintable(previewText));
        QVERIFY(!previewText.contains(QStringLiteral("Ditandatangani secara elektronik")));
        QVERIFY(!preview.value().contains("anjungan:seal"));
        const QImage page = rasterise(previewPath, m_dir.path());
        QVERIFY(!page.isNull());
        QVERIFY(!devices::barcode::decode(page));

        // Signed, the same letter has its seal and no watermark.
        const auto signedLetter = testsupport::approveToReady(*workflow, *store, offices, QStringLiteral("P1"));
        QVERIFY(signedLetter);
        const QString signedText = pdfText(signedLetter.value().letterPath);
        QVERIFY(!signedText.contains(QStringLiteral("PRATINJAU")));
        QVERIFY(signedText.contains(QStringLiteral("Ditandatangani secara elektronik")));
        QCOMPARE(verifyPrintedSeal(*seals, signedLetter.value().letterPath, m_dir.path()).verdict, serverlink::seal::Verdict::Asli);
    }

    void delegateSignsOnBehalf()
    {
        requirePoppler({"pdftoppm", "pdftotext"});
        const auto backend = sealingBackend(m_dir, QStringLiteral("delegate"));
        auto &[store, catalog, offices, renderer, seals, workflow, documents] = *backend;
        const auto officer = [&](Role role, const QString &username, const QString &name) {
            OfficerRecord o {0, username, name, role, kDesa, QStringLiteral("unused"), 0, {}, true, {}, {}};
            o.id = store->insertOfficer(o).value();
            return o;
        };
        const OfficerRecord kades = officer(Role::KepalaDesa, QStringLiteral("kades"), QStringLiteral("Sugeng Riyadi"));
        const OfficerRecord sekdes = officer(Role::SekretarisDesa, QStringLiteral("sekdes"), QStringLiteral("Wulan Sari"));
        const QDate today = QDate::currentDate();
        QVERIFY(store->insertDelegation(
            DelegationRecord {0, kades.id, sekdes.id, today, today, QStringLiteral("Dinas luar"), QStringLiteral("admin"), {}, {}}));
        QVERIFY(store->insertRequest(makeRequest(QStringLiteral("AN-1"), QStringLiteral("SKTM"), ServiceLevel::Desa)));
        QVERIFY(store->applyTransition(QStringLiteral("AN-1"),
            Transition {Stage::Received, Stage::DesaReview, QStringLiteral("Rina"), QStringLiteral("desa_front_office"), {}, {}, {}}));
        // The preview before the signature names the office head.
        QCOMPARE(
            workflow->composeLetter(store->request(QStringLiteral("AN-1")).value()).value().signerName, offices.desa(kDesa)->kepalaDesa);

        const auto done = workflow->act(QStringLiteral("AN-1"), sekdes, OfficerAction::Approve);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done.value().stage, Stage::Ready);
        QCOMPARE(done.value().signer.name, QStringLiteral("Wulan Sari"));
        QCOMPARE(done.value().signer.title, QStringLiteral("Sekretaris Desa"));
        QCOMPARE(done.value().signer.onBehalfOf, QStringLiteral("Kepala Desa Pitu"));

        // Tata naskah dinas: "a.n. Kepala Desa Pitu" / "Sekretaris Desa" / the delegate's name, in the canonical text and on paper.
        const LetterContent content = workflow->composeLetter(done.value()).value();
        const QString canonical = canonicalLetterText(content);
        QVERIFY2(canonical.contains(QStringLiteral("\na.n. Kepala Desa Pitu\nSekretaris Desa\nDitandatangani secara elektronik\n"
                                                   "Wulan Sari\n")),
            qPrintable(canonical));
        QVERIFY(!canonical.contains(offices.desa(kDesa)->kepalaDesa));
        const QString printed = pdfText(done.value().letterPath);
        for (const char *part : {"a.n. Kepala Desa Pitu", "Sekretaris Desa", "Wulan Sari"})
            QVERIFY2(printed.contains(QLatin1String(part)), part);
        QVERIFY(!printed.contains(offices.desa(kDesa)->kepalaDesa));

        // The seal covers exactly that text and still verifies from the printed QR.
        const SealRecord seal = store->seal(QStringLiteral("AN-1")).value();
        QCOMPARE(seal.canonicalText, canonical);
        QCOMPARE(seal.documentHash, QString::fromLatin1(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex()));
        const auto v = verifyPrintedSeal(*seals, done.value().letterPath, m_dir.path());
        QVERIFY2(v.verdict == serverlink::seal::Verdict::Asli, qPrintable(v.reason));
        QCOMPARE(v.fields->nomorSurat, done.value().nomorSurat);
    }
};

QTEST_MAIN(TestLetters)
#include "tst_letters.moc"
