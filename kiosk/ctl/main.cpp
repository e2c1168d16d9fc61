// kioskctl — the technician's command-line tool on a kiosk unit. Each subcommand is one row
// of the command table below; this file only wires the configuration to the devices library.

#include "alertbook.h"
#include "barcode.h"
#include "config.h"
#include "crypto.h"
#include "deskjournal.h"
#include "diagnostics.h"
#include "enrollment.h"
#include "escpos.h"
#include "linkclient.h"
#include "outbox.h"
#include "pagecapture.h"
#include "pagesource.h"
#include "printer.h"
#include "queuebook.h"
#include "renewal.h"
#include "scanner.h"
#include "store.h"
#include "testpage.h"

#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <array>
#include <optional>

namespace {

const QString kDefaultConfig = QStringLiteral("/etc/anjungan/anjungan.conf");

/// What every subcommand gets: the loaded configuration (empty for commands that need none),
/// its arguments and the two output streams.
struct Context {
    const kiosk::KioskConfig &config;
    QString configPath;
    QStringList args;
    QTextStream &out;
    QTextStream &err;
};

/// One row of the command table.
struct Command {
    const char *name;
    const char *usage;
    const char *summary;
    int (*run)(Context &);
    bool needsConfig = true;
};

/// The configured printer URIs with the Indonesian role names technicians see.
std::array<std::pair<QString, QString>, 2> configuredPrinters(const kiosk::KioskConfig &config)
{
    return {{{QStringLiteral("tiket"), config.ticketPrinter}, {QStringLiteral("surat"), config.letterPrinter}}};
}

int listPrinters(Context &ctx)
{
    int status = 0;
    for (const auto &[role, uri] : configuredPrinters(ctx.config)) {
        QString error;
        auto printer = devices::createPrinter(uri, ctx.config.cupsServer, &error);
        if (!printer) {
            ctx.out << role << "\t" << uri << "\t" << error << Qt::endl;
            status = 1;
            continue;
        }
        ctx.out << role << "\t" << uri << "\t" << printer->describeState() << Qt::endl;
    }
    return status;
}

/// Each configured scanner with its state; USB scanners are opened for a moment to see whether they answer.
int listScanners(Context &ctx)
{
    if (ctx.config.scanners.isEmpty()) {
        ctx.out << "Tidak ada pemindai di konfigurasi ([kiosk] scanners)." << Qt::endl;
        return 1;
    }
    int status = 0;
    for (const QString &uri : ctx.config.scanners) {
        QString error;
        auto scanner = devices::createScanner(uri, &error);
        if (!scanner) {
            ctx.out << uri << "\t" << error << Qt::endl;
            status = 1;
            continue;
        }
        if (!scanner->start()) {
            ctx.out << uri << "\t" << scanner->lastError() << Qt::endl;
            status = 1;
            continue;
        }
        // A USB scanner reports its state from its own thread; give it a moment to open the device.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 1500 && scanner->state() != devices::Scanner::State::Ready)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        ctx.out << uri << "\t" << scanner->describeState() << Qt::endl;
    }
    return status;
}

/// One page from the [documents] source, as the documents screen would take it: hold a document to the camera (or put
/// it on the scanner); the page is written as JPEG with its size, outline and the time it took.
int capturePage(Context &ctx)
{
    if (ctx.args.isEmpty()) {
        ctx.err << "capture-page memerlukan nama berkas JPEG keluaran." << Qt::endl;
        return 1;
    }
    if (ctx.config.documentSource.isEmpty()) {
        ctx.out << "Tidak ada sumber dokumen di konfigurasi ([documents] source)." << Qt::endl;
        return 1;
    }
    QString error;
    const auto source = devices::createPageSource(ctx.config.documentSource, &error);
    if (!source) {
        ctx.out << error << Qt::endl;
        return 1;
    }
    devices::PageCapture capture;
    QObject::connect(source.get(), &devices::PageSource::frameArrived, &capture, &devices::PageCapture::offerFrame);
    QObject::connect(source.get(), &devices::PageSource::pageArrived, &capture, &devices::PageCapture::offerPage);
    std::optional<devices::ProcessedPage> page;
    int frames = 0;
    QObject::connect(&capture, &devices::PageCapture::pageReady, [&](const devices::ProcessedPage &ready, int analysed) {
        page = ready;
        frames = analysed;
    });
    QObject::connect(source.get(), &devices::PageSource::failed, [&error](const QString &message) { error = message; });
    QElapsedTimer timer;
    timer.start();
    if (!source->start()) {
        ctx.out << source->lastError() << Qt::endl;
        return 1;
    }
    ctx.out << "Tahan dokumen di depan kamera (atau letakkan di pemindai)…" << Qt::endl;
    source->requestPage();
    // A person needs a few seconds to hold a page still; a flatbed scan takes up to a minute.
    while (!page && error.isEmpty() && timer.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
    source->stop();
    if (!page) {
        ctx.out << (error.isEmpty() ? QStringLiteral("Tidak ada halaman dalam 60 detik (dokumen bergerak atau kurang tajam).") : error)
                << Qt::endl;
        return 1;
    }
    QSaveFile file(ctx.args.first());
    if (!file.open(QIODevice::WriteOnly) || file.write(page->jpeg) != page->jpeg.size() || !file.commit()) {
        ctx.out << "Berkas " << ctx.args.first() << " tidak dapat ditulis." << Qt::endl;
        return 1;
    }
    ctx.out << ctx.args.first() << "\t" << page->size.width() << "x" << page->size.height() << " px\t" << (page->jpeg.size() + 1023) / 1024
            << " KB (kualitas " << page->quality << (page->grey ? ", abu-abu" : ", berwarna") << ")\t"
            << (page->outlineFound ? "tepi kertas ditemukan, diluruskan" : "tepi kertas tidak ditemukan, seluruh gambar") << "\t"
            << timer.elapsed() << " ms, " << frames << " bingkai dianalisis, olah " << page->processingMs << " ms" << Qt::endl;
    return 0;
}

int printTest(Context &ctx)
{
    const QString which = ctx.args.value(0);
    const bool ticket = which == QLatin1String("ticket");
    if (ctx.args.size() != 1 || (!ticket && which != QLatin1String("letter"))) {
        ctx.err << "Pilih printer yang diuji: kioskctl print-test ticket|letter" << Qt::endl;
        return 1;
    }
    const QString uri = ticket ? ctx.config.ticketPrinter : ctx.config.letterPrinter;
    QString error;
    auto printer = devices::createPrinter(uri, ctx.config.cupsServer, &error);
    if (!printer) {
        ctx.err << error << Qt::endl;
        return 1;
    }
    const devices::PrintSubmission submission = ticket ? printer->submit(kiosk::testTicketJob(ctx.config.kioskId),
                                                    QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tes printer tiket"))
                                                       : printer->submit(kiosk::testLetterPdf(ctx.config.kioskId),
                                                           QStringLiteral("application/pdf"), QStringLiteral("Halaman uji printer surat"));
    if (!submission.accepted) {
        ctx.err << submission.error << Qt::endl;
        return 1;
    }
    ctx.out << (ticket ? "Tiket uji" : "Halaman uji") << " dikirim ke " << uri << " (pekerjaan #" << submission.jobId << ")." << Qt::endl;
    return 0;
}

int status(Context &ctx)
{
    kiosk::KioskStore store;
    const auto key = kiosk::loadOrCreateDeviceKey(ctx.config.deviceKeyPath(), ctx.config.formerDeviceKeyPath());
    if (const kiosk::Status opened = key ? store.open(ctx.config.databasePath()) : kiosk::Status(key.error()); !opened) {
        ctx.err << opened.error().message << Qt::endl;
        return 1;
    }
    kiosk::OutboxRepository outbox(store, *key);
    const kiosk::OutboxStats stats = outbox.stats();
    ctx.out << "Kios\t" << ctx.config.kioskId << " (" << ctx.config.officeName << ")" << Qt::endl
            << "Server\t" << ctx.config.serverUrl << Qt::endl;
    serverlink::CertificateRenewal::recover({ctx.config.caFile, ctx.config.clientCert, ctx.config.clientKey});
    if (const auto certificate = serverlink::KioskEnrollment::describeCertificate(ctx.config.clientCert)) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto state = serverlink::CertificateRenewal::state(ctx.config.clientCert, ctx.config.renewBeforeDays, now);
        ctx.out << "Sertifikat\t" << certificate->kioskId << " desa " << certificate->desaCode << ", berlaku sampai "
                << certificate->notAfter.toString(QStringLiteral("d-M-yyyy")) << " (" << now.daysTo(certificate->notAfter) << " hari lagi)"
                << Qt::endl;
        if (state != serverlink::CertificateState::Valid)
            ctx.out << "  " << serverlink::CertificateRenewal::stateMessage(state)
                    << (state == serverlink::CertificateState::Expired ? " (kioskctl enroll --code KODE)" : " (atau: kioskctl renew)")
                    << Qt::endl;
    } else {
        ctx.out << "Sertifikat\tbelum ada di " << ctx.config.clientCert << ": daftarkan anjungan dengan kioskctl enroll --code KODE"
                << Qt::endl;
    }
    ctx.out << "Antrean kirim\t" << stats.waiting << " menunggu, " << stats.parked << " ditahan (perlu diperiksa)" << Qt::endl
            << "Halaman dokumen\t" << stats.pagesPending << " belum terkirim utuh" << Qt::endl
            << "Tiket gagal cetak\t" << stats.ticketsNotPrinted << Qt::endl
            << "Surat siap cetak\t" << outbox.readyLetters().size() << Qt::endl;
    for (const QString &reason : stats.parkedReasons)
        ctx.out << "  ditahan: " << reason << Qt::endl;
    const QStringList alerts = outbox.technicianAlerts();
    ctx.out << "Peringatan teknisi\t" << alerts.size() << Qt::endl;
    for (const QString &alert : alerts)
        ctx.out << "  " << alert << Qt::endl;
    return listPrinters(ctx);
}

/// The kiosk's store and outbox, opened with the device key; nullopt with the reason on stderr.
struct OpenedOutbox {
    kiosk::KioskStore store;
    std::optional<kiosk::OutboxRepository> outbox;
};

bool openOutbox(Context &ctx, OpenedOutbox &opened)
{
    const auto key = kiosk::loadOrCreateDeviceKey(ctx.config.deviceKeyPath(), ctx.config.formerDeviceKeyPath());
    if (const kiosk::Status open = key ? opened.store.open(ctx.config.databasePath()) : kiosk::Status(key.error()); !open) {
        ctx.err << open.error().message << Qt::endl;
        return false;
    }
    opened.outbox.emplace(opened.store, *key);
    return true;
}

/// Who acts in the technician journal from a shell: the technician's login name.
QString shellTechnician()
{
    const QString user = qEnvironmentVariable("SUDO_USER", qEnvironmentVariable("USER"));
    return QStringLiteral("kioskctl:%1").arg(user.isEmpty() ? QStringLiteral("?") : user);
}

int parked(Context &ctx)
{
    OpenedOutbox o;
    if (!openOutbox(ctx, o))
        return 1;
    const QString sub = ctx.args.value(0, QStringLiteral("list"));
    const QString number = ctx.args.value(1);
    if (sub == QLatin1String("list") && ctx.args.size() <= 1) {
        const auto all = o.outbox->parkedRequests();
        for (const kiosk::ParkedRequest &p : all)
            ctx.out << p.registrationNumber << "\t" << p.serviceCode << "\t"
                    << p.createdAt.toLocalTime().toString(QStringLiteral("d-M-yyyy HH:mm")) << "\t" << kiosk::maskPersonalData(p.reason)
                    << Qt::endl;
        if (all.isEmpty())
            ctx.out << "Tidak ada permohonan yang ditahan." << Qt::endl;
        return 0;
    }
    if ((sub != QLatin1String("retry") && sub != QLatin1String("cancel")) || number.isEmpty() || ctx.args.size() != 2) {
        ctx.err << "Gunakan: kioskctl parked [list] | parked retry NOMOR | parked cancel NOMOR" << Qt::endl;
        return 1;
    }
    const bool retry = sub == QLatin1String("retry");
    const kiosk::Status done
        = retry ? o.outbox->retryParked(number, shellTechnician()) : o.outbox->abandonParked(number, shellTechnician());
    if (!done) {
        ctx.err << done.error().message << Qt::endl;
        return 1;
    }
    ctx.out << (retry ? "Dikirim ulang pada sinkronisasi berikutnya: " : "Dibatalkan (tidak dikirim, tetap tercatat): ") << number
            << Qt::endl;
    return 0;
}

int alerts(Context &ctx)
{
    OpenedOutbox o;
    if (!openOutbox(ctx, o))
        return 1;
    const kiosk::AlertBook book(o.store);
    const QString sub = ctx.args.value(0, QStringLiteral("list"));
    if (sub == QLatin1String("list") && ctx.args.size() <= 1) {
        const QList<kiosk::TechnicianAlert> open = book.openAlerts();
        for (const kiosk::TechnicianAlert &a : open)
            ctx.out << a.key << "\t" << a.since.toLocalTime().toString(QStringLiteral("d-M-yyyy HH:mm")) << "\t"
                    << (a.fromBackend ? "dari kecamatan" : "anjungan ini") << "\t" << a.text << Qt::endl;
        if (open.isEmpty())
            ctx.out << "Tidak ada peringatan." << Qt::endl;
        const int pending = int(book.pendingAcknowledgements().size());
        if (pending > 0)
            ctx.out << pending << " peringatan selesai ditangani menunggu dikirim ke kecamatan." << Qt::endl;
        return 0;
    }
    if (sub != QLatin1String("ack") || ctx.args.size() != 2) {
        ctx.err << "Gunakan: kioskctl alerts [list] | alerts ack KUNCI (kunci dari daftar, misalnya armada:12)" << Qt::endl;
        return 1;
    }
    if (const kiosk::Status done = book.acknowledge(ctx.args.at(1), shellTechnician()); !done) {
        ctx.err << done.error().message << Qt::endl;
        return 1;
    }
    ctx.out << "Selesai ditangani: " << ctx.args.at(1)
            << (ctx.args.at(1).startsWith(QLatin1String("armada:")) ? " (dikirim ke kecamatan pada sinkronisasi berikutnya)" : "")
            << Qt::endl;
    return 0;
}

/// Each printer's and scanner's state as lines (for `devices` and the diagnostics bundle).
QStringList deviceLines(Context &ctx)
{
    QStringList lines;
    for (const auto &[role, uri] : configuredPrinters(ctx.config)) {
        QString error;
        auto printer = devices::createPrinter(uri, ctx.config.cupsServer, &error);
        lines << QStringLiteral("Printer %1 %2 — %3").arg(role, uri, printer ? printer->describeState() : error);
    }
    for (const QString &uri : ctx.config.scanners) {
        QString error;
        auto scanner = devices::createScanner(uri, &error);
        if (scanner && scanner->start()) {
            QElapsedTimer settle;
            settle.start();
            while (settle.elapsed() < 1500 && scanner->state() != devices::Scanner::State::Ready)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        }
        lines << QStringLiteral("Pemindai %1 — %2")
                     .arg(uri,
                         !scanner                             ? error
                             : scanner->lastError().isEmpty() ? scanner->describeState()
                                                              : scanner->lastError());
    }
    return lines;
}

int deviceStates(Context &ctx)
{
    for (const QString &line : deviceLines(ctx))
        ctx.out << line << Qt::endl;
    return 0;
}

int diagnostics(Context &ctx)
{
    if (ctx.args.size() != 1) {
        ctx.err << "Sebutkan folder tujuan (flashdisk yang terpasang): kioskctl diagnostics FOLDER" << Qt::endl;
        return 1;
    }
    OpenedOutbox o;
    if (!openOutbox(ctx, o))
        return 1;
    kiosk::DiagnosticsBundle bundle;
    bundle.kioskId = ctx.config.kioskId;
    bundle.config = kiosk::configWithoutSecrets(ctx.configPath);
    bundle.system = kiosk::readSystemFacts(ctx.config.dataDir, QStringLiteral(PROJECT_VERSION), kiosk::runningImageVersion()).lines();
    bundle.devices = deviceLines(ctx);
    const kiosk::OutboxStats stats = o.outbox->stats();
    bundle.link << QStringLiteral("Server: %1").arg(ctx.config.serverUrl)
                << QStringLiteral("Antrean kirim: %1 menunggu, %2 ditahan").arg(stats.waiting).arg(stats.parked);
    for (const kiosk::ParkedRequest &p : o.outbox->parkedRequests())
        bundle.link << QStringLiteral("ditahan: %1 %2 — %3").arg(p.registrationNumber, p.serviceCode, p.reason);
    bundle.link += o.outbox->technicianJournal();
    bundle.alerts = o.outbox->technicianAlerts();
    // The kiosk logs to journald on the appliance; elsewhere the bundle goes without a log.
    QProcess journal;
    journal.start(QStringLiteral("journalctl"),
        {QStringLiteral("-u"), QStringLiteral("anjungan.service"), QStringLiteral("-n"), QStringLiteral("200"),
            QStringLiteral("--no-pager"), QStringLiteral("-o"), QStringLiteral("short-iso")});
    if (journal.waitForFinished(10000) && journal.exitCode() == 0)
        bundle.logLines = QString::fromUtf8(journal.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const auto written = kiosk::exportDiagnostics(bundle, ctx.args.first(), QDateTime::currentDateTimeUtc());
    if (!written) {
        ctx.err << written.error().message << Qt::endl;
        return 1;
    }
    ctx.out << "Berkas diagnostik tersimpan di " << written.value() << Qt::endl;
    return 0;
}

int queue(Context &ctx)
{
    const QDate day = ctx.args.isEmpty() ? QDate::currentDate() : QDate::fromString(ctx.args.value(0), Qt::ISODate);
    if (!day.isValid()) {
        ctx.err << "Tanggal ditulis TTTT-BB-HH: kioskctl queue [TANGGAL]" << Qt::endl;
        return 1;
    }
    kiosk::KioskStore store;
    if (const kiosk::Status opened = store.open(ctx.config.databasePath()); !opened) {
        ctx.err << opened.error().message << Qt::endl;
        return 1;
    }
    const kiosk::DeskJournal journal(store);
    const kiosk::QueueBook book(store, journal, {ctx.config.counters, ctx.config.noShowRequeueMinutes});
    for (const kiosk::Loket &loket : ctx.config.counters) {
        QStringList letters;
        for (kiosk::QueueKind kind : loket.kinds)
            letters << kiosk::queuerules::letter(kind);
        const auto current = book.current(loket.counter);
        ctx.out << "Loket " << loket.counter << "\tantrean " << letters.join(QLatin1Char(',')) << ", dipanggil sekarang "
                << (current ? current->label : QStringLiteral("-")) << Qt::endl;
    }
    for (kiosk::QueueKind kind : {kiosk::QueueKind::Request, kiosk::QueueKind::Pickup, kiosk::QueueKind::Help})
        ctx.out << kiosk::queuerules::letter(kind) << " " << kiosk::queuerules::kindName(kind) << "\t" << book.waiting(kind)
                << " menunggu; nomor baru menunggu " << book.estimate(kind, book.waiting(kind)).text() << Qt::endl;
    const auto minutes = [](const std::optional<qint64> &seconds) {
        return seconds ? QStringLiteral("%1 menit").arg((*seconds + 30) / 60) : QStringLiteral("-");
    };
    ctx.out << "Laporan " << day.toString(Qt::ISODate) << Qt::endl;
    for (const kiosk::LoketReport &r : book.dayReport(day))
        ctx.out << "  loket " << r.counter << ": " << r.served << " dilayani, " << r.skipped << " dilewati, median tunggu "
                << minutes(r.medianWaitSeconds) << ", median layanan " << minutes(r.medianServiceSeconds) << Qt::endl;
    return 0;
}

int decodeTicket(Context &ctx)
{
    QFile file(ctx.args.value(0));
    if (ctx.args.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        ctx.err << "Berkas tiket tidak dapat dibaca: kioskctl decode-ticket BERKAS [--png GAMBAR]" << Qt::endl;
        return 1;
    }
    const QImage image = devices::escpos::rasterToImage(file.readAll());
    if (image.isNull()) {
        ctx.err << "Berkas ini tidak berisi gambar ESC/POS (GS v 0)." << Qt::endl;
        return 1;
    }
    if (ctx.args.value(1) == QLatin1String("--png") && !image.save(ctx.args.value(2))) {
        ctx.err << "Gambar tidak dapat disimpan ke " << ctx.args.value(2) << Qt::endl;
        return 1;
    }
    const auto text = devices::barcode::decode(image);
    if (!text) {
        ctx.err << "Kode QR pada tiket tidak terbaca." << Qt::endl;
        return 1;
    }
    ctx.out << *text << Qt::endl;
    return 0;
}

int decodeImage(Context &ctx)
{
    const QImage image(ctx.args.value(0));
    if (ctx.args.size() != 1 || image.isNull()) {
        ctx.err << "Gambar tidak dapat dibaca: kioskctl decode-image GAMBAR" << Qt::endl;
        return 1;
    }
    const auto text = devices::barcode::decode(image);
    if (!text) {
        ctx.err << "Tidak ada kode QR atau barcode yang terbaca pada gambar ini." << Qt::endl;
        return 1;
    }
    ctx.out << *text << Qt::endl;
    return 0;
}

/// Enrolls this kiosk with a one-time code and writes [server] clientCert and clientKey.
int enroll(Context &ctx)
{
    const qsizetype at = ctx.args.indexOf(QStringLiteral("--code"));
    const QString code = at >= 0 ? ctx.args.value(at + 1) : QString();
    if (code.isEmpty()) {
        ctx.err << "Masukkan kode pendaftaran dari admin kecamatan: kioskctl enroll --code KODE" << Qt::endl;
        return 1;
    }
    if (ctx.config.serverUrl.isEmpty() || ctx.config.caFile.isEmpty() || ctx.config.clientCert.isEmpty()
        || ctx.config.clientKey.isEmpty()) {
        ctx.err << "Konfigurasi [server] harus memuat url, caFile, clientCert dan clientKey." << Qt::endl;
        return 1;
    }
    ctx.out << "Mendaftarkan anjungan ke " << ctx.config.serverUrl << " …" << Qt::endl;
    const auto enrolled = serverlink::KioskEnrollment::enroll(
        ctx.config.serverUrl, code, {ctx.config.caFile, ctx.config.clientCert, ctx.config.clientKey}, ctx.config.kioskId);
    if (!enrolled) {
        ctx.err << "Pendaftaran gagal: " << enrolled.error().message << Qt::endl;
        return 2;
    }
    const serverlink::EnrolledIdentity &id = enrolled.value();
    ctx.out << "Berhasil: anjungan terdaftar sebagai " << id.kioskId << " untuk desa " << id.desaCode << "." << Qt::endl
            << "Sertifikat (nomor seri " << id.serial << ") berlaku sampai " << id.notAfter.toString(QStringLiteral("d-M-yyyy"))
            << " dan disimpan di " << ctx.config.clientCert << "; kunci privat (hanya dapat dibaca pemiliknya) di " << ctx.config.clientKey
            << "." << Qt::endl;
    if (id.kioskId != ctx.config.kioskId || id.desaCode != ctx.config.desaCode)
        ctx.out << "Perhatian: konfigurasi menyebut anjungan " << ctx.config.kioskId << " desa " << ctx.config.desaCode
                << ". Samakan [kiosk] id dan desaCode dengan data di atas, lalu jalankan ulang aplikasi anjungan." << Qt::endl;
    else
        ctx.out << "Jalankan ulang aplikasi anjungan agar sertifikat baru dipakai." << Qt::endl;
    return 0;
}

/// Renews the client certificate now over the current one (no code): what the kiosk does by itself near expiry.
int renew(Context &ctx)
{
    if (ctx.config.serverUrl.isEmpty() || ctx.config.caFile.isEmpty() || ctx.config.clientCert.isEmpty()
        || ctx.config.clientKey.isEmpty()) {
        ctx.err << "Konfigurasi [server] harus memuat url, caFile, clientCert dan clientKey." << Qt::endl;
        return 1;
    }
    const serverlink::CertificateRenewal::Paths paths {ctx.config.caFile, ctx.config.clientCert, ctx.config.clientKey};
    serverlink::CertificateRenewal::recover(paths);
    if (serverlink::CertificateRenewal::state(ctx.config.clientCert, ctx.config.renewBeforeDays) == serverlink::CertificateState::Expired) {
        ctx.err << serverlink::CertificateRenewal::stateMessage(serverlink::CertificateState::Expired)
                << " Minta kode kepada admin kecamatan, lalu: kioskctl enroll --code KODE" << Qt::endl;
        return 2;
    }
    ctx.out << "Memperbarui sertifikat anjungan di " << ctx.config.serverUrl << " …" << Qt::endl;
    serverlink::LinkOptions options;
    options.proxy = ctx.config.proxy;
    serverlink::LinkClient client(ctx.config.serverUrl, {ctx.config.caFile, ctx.config.clientCert, ctx.config.clientKey}, options);
    const auto renewed = serverlink::CertificateRenewal::renew(client, paths);
    if (!renewed) {
        ctx.err << "Pembaruan gagal: " << renewed.error().message << Qt::endl;
        return renewed.error().errorCode == QLatin1String("certificate_expired") ? 2 : 3;
    }
    ctx.out << "Berhasil: sertifikat baru (nomor seri " << renewed.value().serial << ") untuk " << renewed.value().kioskId
            << " berlaku sampai " << renewed.value().notAfter.toString(QStringLiteral("d-M-yyyy")) << "; kunci baru di "
            << ctx.config.clientKey << "." << Qt::endl;
    return 0;
}

const std::array<Command, 14> kCommands {{
    {"enroll", "--code KODE", "mendaftarkan anjungan ke server kecamatan dengan kode sekali pakai (kunci dan sertifikat baru)", enroll},
    {"renew", "", "memperbarui sertifikat anjungan sekarang dengan sertifikat yang masih berlaku (tanpa kode)", renew},
    {"status", "", "keadaan kios: antrean kirim, tiket gagal cetak, surat siap, printer", status},
    {"queue", "[TANGGAL]", "antrean hari ini per loket: nomor dipanggil, yang menunggu, laporan harian", queue},
    {"printers", "", "menampilkan setiap printer yang dikonfigurasi beserta keadaannya", listPrinters},
    {"scanners", "", "menampilkan setiap pemindai yang dikonfigurasi beserta keadaannya", listScanners},
    {"devices", "", "keadaan setiap printer dan pemindai dalam satu daftar (seperti mode teknisi)", deviceStates},
    {"parked", "[list] | retry NOMOR | cancel NOMOR", "permohonan yang ditahan: daftar, kirim ulang, atau batalkan (dicatat)", parked},
    {"alerts", "[list] | ack KUNCI", "peringatan anjungan dan dari kecamatan: daftar, atau tandai selesai ditangani (dicatat)", alerts},
    {"diagnostics", "FOLDER", "menyimpan berkas diagnostik (tanpa rahasia, data pribadi disamarkan) ke FOLDER", diagnostics},
    {"capture-page", "BERKAS.jpg", "mengambil satu halaman dari sumber dokumen ([documents] source) seperti layar dokumen", capturePage},
    {"print-test", "ticket|letter", "mencetak tiket uji (teks, tanggal, QR \"TEST\") atau halaman uji F4", printTest},
    {"decode-image", "GAMBAR", "membaca kode QR atau barcode dari gambar (misalnya surat yang dipindai)", decodeImage, false},
    {"decode-ticket", "BERKAS [--png GAMBAR]", "membaca kode QR dari tiket ESC/POS yang tercetak", decodeTicket, false},
}};

void printUsage(QTextStream &stream)
{
    stream << "Pemakaian: kioskctl [--config BERKAS] PERINTAH [ARGUMEN]" << Qt::endl
           << "Berkas konfigurasi bawaan: " << kDefaultConfig << Qt::endl
           << "Perintah:" << Qt::endl;
    for (const Command &command : kCommands) {
        const QString line = QStringLiteral("%1 %2").arg(QLatin1String(command.name), QLatin1String(command.usage)).trimmed();
        stream << "  " << line.leftJustified(26) << " " << command.summary << Qt::endl;
    }
}

} // namespace

int main(int argc, char **argv)
{
    // A technician runs this over SSH or on a console without a display.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("kioskctl"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList args = QGuiApplication::arguments().mid(1);
    QString configPath = kDefaultConfig;
    if (args.value(0) == QLatin1String("--config")) {
        if (args.size() < 2) {
            err << "--config memerlukan nama berkas." << Qt::endl;
            return 1;
        }
        configPath = args.at(1);
        args = args.mid(2);
    }
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("help")) {
        printUsage(args.isEmpty() ? err : out);
        return args.isEmpty() ? 1 : 0;
    }

    const QString name = args.takeFirst();
    const auto command
        = std::find_if(kCommands.cbegin(), kCommands.cend(), [&](const Command &c) { return name == QLatin1String(c.name); });
    if (command == kCommands.cend()) {
        err << "Perintah \"" << name << "\" tidak dikenal." << Qt::endl;
        printUsage(err);
        return 1;
    }

    const kiosk::Result<kiosk::KioskConfig> config = command->needsConfig ? kiosk::KioskConfig::load(configPath) : kiosk::KioskConfig {};
    if (!config) {
        err << config.error().message << Qt::endl;
        return 1;
    }
    Context ctx {*config, configPath, args, out, err};
    return command->run(ctx);
}
