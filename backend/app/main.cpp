// kecamatan-backend: wires the store, catalog, offices, renderer, workflow and API server.
#include "apiserver.h"
#include "backendstore.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "crypto.h"
#include "kioskca.h"
#include "kioskregistry.h"
#include "letterrenderer.h"
#include "monitoring.h"
#include "notifications.h"
#include "offices.h"
#include "sealservice.h"
#include "servicecatalog.h"
#include "workflow.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>
#include <csignal>
#include <cstdio>
#include <optional>
#include <pthread.h>
#include <thread>

using namespace backend;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "kecamatan-backend: " << message << '\n';
    return 1;
}

/// The objects every subcommand needs, built once from --data.
struct Backend {
    std::unique_ptr<BackendStore> store;
    ServiceCatalog catalog;
    OfficeDirectory offices;
    LetterRenderer renderer;
    std::unique_ptr<SealService> seals;
    std::unique_ptr<Workflow> workflow;
};

Result<std::unique_ptr<Backend>> openBackend(const QString &dataDir, Paper paper)
{
    if (dataDir.isEmpty())
        return Error {ErrorCode::Io, QStringLiteral("--data DIR wajib diisi.")};
    if (!QDir().mkpath(dataDir))
        return Error {ErrorCode::Io, QStringLiteral("Folder data %1 tidak dapat dibuat.").arg(dataDir)};
    auto store = BackendStore::open(QDir(dataDir).filePath(QStringLiteral("backend.sqlite")));
    if (!store)
        return store.error();
    auto catalog = ServiceCatalog::builtIn();
    if (!catalog)
        return catalog.error();
    // Desa master data lives in the database (seeded from the built-in table); the console edits it there.
    auto offices = OfficeDirectory::fromStore(*store.value());
    if (!offices)
        return offices.error();
    auto b = std::unique_ptr<Backend>(
        new Backend {std::move(store.value()), catalog.value(), offices.value(), LetterRenderer(paper), nullptr, nullptr});
    b->seals = std::make_unique<SealService>(*b->store, b->offices, QDir(dataDir).filePath(QStringLiteral("keys")));
    b->workflow = std::make_unique<Workflow>(
        *b->store, b->catalog, b->offices, b->renderer, QDir(dataDir).filePath(QStringLiteral("letters")), b->seals.get());
    return b;
}

std::optional<std::pair<QString, quint16>> parseListen(const QString &listen)
{
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = listen.mid(colon + 1).toUInt(&ok);
    if (colon <= 0 || !ok || port > 65535)
        return std::nullopt;
    return std::pair {listen.left(colon), quint16(port)};
}

int serve(QGuiApplication &app, Backend &b, const QCommandLineParser &args)
{
    const auto listen = parseListen(args.value(QStringLiteral("listen")));
    if (!listen)
        return fail(QStringLiteral("--listen harus berbentuk HOST:PORT."));
    // Block the stop signals in every thread; one thread waits for them and quits the event loop.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    // Notifications: the outbox is always filled; the INI file chooses how (and whether) SMS leave.
    const QString notifyConfig = args.isSet(QStringLiteral("notify-config"))
        ? args.value(QStringLiteral("notify-config"))
        : QDir(args.value(QStringLiteral("data"))).filePath(QStringLiteral("notifications.ini"));
    auto settings = NotificationSettings::load(notifyConfig);
    if (!settings)
        return fail(settings.error().message);
    for (const ServiceInfo &service : b.catalog.services())
        settings.value().reminders.slaDaysByService.insert(service.code, service.letter.slaDays);
    auto transport = settings.value().makeTransport();
    if (!transport)
        return fail(transport.error().message);
    NotificationSender notifier(*b.store, std::move(transport.value()), settings.value());
    notifier.start();

    ApiServer server(*b.store, b.catalog, *b.workflow, b.seals.get());
    quint16 consolePortNumber = 0;
    const auto port = server.start(listen->first, listen->second,
        TlsFiles {args.value(QStringLiteral("cert")), args.value(QStringLiteral("key")), args.value(QStringLiteral("client-ca")),
            args.value(QStringLiteral("client-ca-key"))});
    if (!port)
        return fail(port.error().message);
    // The officer console: a second HTTPS listener with the server certificate, no client certificate.
    std::unique_ptr<ConsoleServer> console;
    if (args.isSet(QStringLiteral("console"))) {
        const auto consoleListen = parseListen(args.value(QStringLiteral("console")));
        if (!consoleListen)
            return fail(QStringLiteral("--console harus berbentuk HOST:PORT."));
        console = std::make_unique<ConsoleServer>(*b.store, *b.workflow);
        addConsolePages(*console, *b.store, b.catalog, b.offices, *b.workflow);
        const auto consolePort = console->start(
            consoleListen->first, consoleListen->second, args.value(QStringLiteral("cert")), args.value(QStringLiteral("key")));
        if (!consolePort)
            return fail(consolePort.error().message);
        consolePortNumber = consolePort.value();
    }
    std::thread signalWaiter([&app, stopSignals] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    std::printf("LISTENING %u\n", unsigned(port.value()));
    if (console)
        std::printf("CONSOLE %u\n", unsigned(consolePortNumber));
    std::fflush(stdout);
    const int code = app.exec();
    if (console)
        console->stop();
    server.stop();
    notifier.stop();
    signalWaiter.join();
    return code;
}

int approve(Backend &b, const QString &reg, const QCommandLineParser &args)
{
    const QString officer = args.isSet(QStringLiteral("officer")) ? args.value(QStringLiteral("officer")) : QStringLiteral("petugas");
    const auto done = b.workflow->approve(reg, officer);
    if (!done)
        return fail(done.error().message);
    QTextStream(stdout) << done.value().letterPath << '\n';
    return 0;
}

int reject(Backend &b, const QString &reg, const QCommandLineParser &args)
{
    const QString officer = args.isSet(QStringLiteral("officer")) ? args.value(QStringLiteral("officer")) : QStringLiteral("petugas");
    const auto done = b.workflow->reject(reg, args.value(QStringLiteral("reason")), officer);
    if (!done)
        return fail(done.error().message);
    QTextStream(stdout) << reg << ' ' << serverlink::stageToWire(done.value().stage) << '\n';
    return 0;
}

int list(Backend &b, bool json)
{
    const auto all = b.store->requests();
    if (!all)
        return fail(all.error().message);
    QTextStream out(stdout);
    QJsonArray array;
    for (const auto &r : all.value()) {
        if (json) {
            array.append(QJsonObject {{QStringLiteral("registrationNumber"), r.registrationNumber},
                {QStringLiteral("serviceCode"), r.serviceCode}, {QStringLiteral("stage"), serverlink::stageToWire(r.stage)},
                {QStringLiteral("kioskId"), r.kioskId}, {QStringLiteral("desaCode"), r.desaCode},
                {QStringLiteral("nomorSurat"), r.nomorSurat}, {QStringLiteral("letterSha256"), r.letterSha256}});
        } else {
            out << r.registrationNumber << '\t' << r.serviceCode << '\t' << serverlink::stageToWire(r.stage) << '\t' << r.kioskId << '\t'
                << r.desaCode << '\t' << r.nomorSurat << '\t' << r.letterSha256 << '\n';
        }
    }
    if (json)
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return 0;
}

QDate dateOption(const QCommandLineParser &args)
{
    return args.isSet(QStringLiteral("from")) ? QDate::fromString(args.value(QStringLiteral("from")), Qt::ISODate) : QDate::currentDate();
}

void printKey(QTextStream &out, const SigningKeyRecord &k)
{
    out << k.keyId.left(16) << '\t' << k.office << '\t' << k.officeName << '\t' << k.signer << '\t' << k.validFrom.toString(Qt::ISODate)
        << '\t' << (k.validUntil.isNull() ? QStringLiteral("-") : k.validUntil.toString(Qt::ISODate)) << '\t' << k.status << '\n';
}

int keys(Backend &b, const QString &sub, const QCommandLineParser &args)
{
    QTextStream out(stdout);
    if (sub == QLatin1String("list")) {
        const auto all = b.seals->keys();
        if (!all)
            return fail(all.error().message);
        for (const auto &k : all.value())
            printKey(out, k);
        return 0;
    }
    const QString office = args.value(QStringLiteral("office"));
    const QDate from = dateOption(args);
    if (office.isEmpty() || !from.isValid())
        return fail(QStringLiteral("--office KODE wajib; --from harus berbentuk YYYY-MM-DD."));
    const auto key = sub == QLatin1String("create") ? b.seals->createKey(office, args.value(QStringLiteral("signer")), from)
        : sub == QLatin1String("rotate")
        ? b.seals->rotateKey(office, from)
        : Result<SigningKeyRecord>(Error {ErrorCode::Io, QStringLiteral("Gunakan keys create|rotate|list.")});
    if (!key)
        return fail(key.error().message);
    printKey(out, key.value());
    return 0;
}

int revoke(Backend &b, const QString &reg, const QCommandLineParser &args)
{
    const QString reason
        = args.isSet(QStringLiteral("reason")) ? args.value(QStringLiteral("reason")) : QStringLiteral("dicabut oleh admin");
    const auto done = b.seals->revokeLetter(reg, reason);
    if (!done)
        return fail(done.error().message);
    QTextStream(stdout) << reg << " DICABUT " << done.value().revokedAt.toString(Qt::ISODate) << '\n';
    return 0;
}

int exportTrust(Backend &b, const QCommandLineParser &args)
{
    const QString outDir = args.value(QStringLiteral("out"));
    if (outDir.isEmpty() || !QDir().mkpath(outDir))
        return fail(QStringLiteral("--out DIR wajib dan harus dapat ditulis."));
    const auto trust = b.seals->trustList();
    const auto revocations = b.seals->revocationList();
    const auto root = b.seals->rootPublicKeyPem();
    if (!trust || !revocations || !root)
        return fail((!trust ? trust.error() : !revocations ? revocations.error() : root.error()).message);
    for (const auto &[name, bytes] : {std::pair {QStringLiteral("trust-list.json"), trust.value().envelope},
             std::pair {QStringLiteral("revocations.json"), revocations.value().envelope},
             std::pair {QStringLiteral("root.pub.pem"), root.value()}}) {
        QSaveFile f(QDir(outDir).filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
            return fail(QStringLiteral("%1 tidak dapat ditulis.").arg(f.fileName()));
    }
    QTextStream(stdout) << outDir << '\n';
    return 0;
}

int enrollCode(Backend &b, const QCommandLineParser &args)
{
    const QString desa = args.value(QStringLiteral("desa"));
    const QString kioskId = args.value(QStringLiteral("kiosk"));
    bool ok = true;
    const int hours = args.isSet(QStringLiteral("hours")) ? args.value(QStringLiteral("hours")).toInt(&ok) : 24;
    if (desa.isEmpty() || kioskId.isEmpty() || !ok || hours < 1 || hours > 24 * 30)
        return fail(QStringLiteral("Gunakan: enroll-code create --desa KODE --kiosk ID [--hours 1–720]."));
    if (!b.offices.desa(desa))
        return fail(QStringLiteral("Kode desa %1 tidak ada di tabel kantor.").arg(desa));
    KioskRegistry registry(*b.store);
    const auto code = registry.createCode(desa, kioskId, std::chrono::hours(hours));
    if (!code)
        return fail(code.error().message);
    QTextStream(stdout) << code.value().code << '\n';
    QTextStream(stderr) << "Kode sekali pakai untuk anjungan " << kioskId << " (desa " << desa << "), berlaku sampai "
                        << code.value().expiresAt.toString(Qt::ISODate) << ". Di anjungan: kioskctl enroll --code " << code.value().code
                        << '\n';
    return 0;
}

int kioskCommand(Backend &b, const QString &sub, const QStringList &positional, const QCommandLineParser &args)
{
    KioskRegistry registry(*b.store);
    QTextStream out(stdout);
    if (sub == QLatin1String("list") && positional.size() == 2) {
        const auto all = b.store->kiosks();
        if (!all)
            return fail(all.error().message);
        for (const auto &k : all.value())
            out << k.kioskId << '\t' << k.desaCode << '\t' << k.status << '\t' << k.certSerial << '\t'
                << k.certNotAfter.toString(Qt::ISODate) << '\t' << k.enrolledAt.toString(Qt::ISODate) << '\n';
        return 0;
    }
    if (sub == QLatin1String("revoke") && positional.size() == 3) {
        const auto revoked = b.store->revokeKiosk(positional.at(2), QDateTime::currentDateTimeUtc());
        if (!revoked)
            return fail(revoked.error().message);
        if (!revoked.value())
            return fail(QStringLiteral("Anjungan %1 tidak terdaftar.").arg(positional.at(2)));
        out << positional.at(2) << " DICABUT\n";
        return 0;
    }
    if (sub == QLatin1String("register") && positional.size() == 2 && args.isSet(QStringLiteral("cert"))) {
        QFile file(args.value(QStringLiteral("cert")));
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("%1 tidak dapat dibaca.").arg(file.fileName()));
        const auto kiosk = registry.registerCertificate(file.readAll());
        if (!kiosk)
            return fail(kiosk.error().message);
        out << kiosk.value().kioskId << '\t' << kiosk.value().desaCode << '\t' << kiosk.value().certSerial << '\n';
        return 0;
    }
    return fail(QStringLiteral("Gunakan: kiosk list | kiosk revoke ID | kiosk register --cert FILE."));
}

/// Makes the kiosk CA for a new deployment: the files serve takes as --client-ca and --client-ca-key.
int createKioskCa(const QCommandLineParser &args)
{
    const QString certificate = args.value(QStringLiteral("cert"));
    const QString key = args.value(QStringLiteral("key"));
    if (certificate.isEmpty() || key.isEmpty())
        return fail(QStringLiteral("Gunakan: kiosk-ca create --cert FILE --key FILE."));
    if (auto created = KioskCa::create(certificate, key, QStringLiteral("Anjungan Desa Kiosk CA")); !created)
        return fail(created.error().message);
    QTextStream(stdout) << "CA anjungan dibuat: " << certificate << " (sertifikat), " << key
                        << " (kunci privat 0600; simpan cadangannya bersama data backend).\n"
                        << "Jalankan server dengan --client-ca " << certificate << " --client-ca-key " << key << '\n';
    return 0;
}

/// Passwords of officers: at least this long (they guard signatures).
constexpr int kMinPasswordLength = 10;

int officer(Backend &b, const QString &sub, const QCommandLineParser &args)
{
    QTextStream out(stdout);
    if (sub == QLatin1String("list")) {
        const auto all = b.store->officers();
        if (!all)
            return fail(all.error().message);
        for (const auto &o : all.value())
            out << o.username << '\t' << roleToWire(o.role) << '\t' << o.office << '\t' << o.displayName << '\t'
                << (o.active ? "aktif" : "nonaktif") << '\n';
        return 0;
    }
    if (sub != QLatin1String("add"))
        return fail(QStringLiteral("Gunakan officer add|list."));
    OfficerRecord o;
    o.username = args.value(QStringLiteral("username")).trimmed();
    const auto role = roleFromWire(args.value(QStringLiteral("role")));
    o.office = args.value(QStringLiteral("office")).trimmed();
    o.displayName = args.isSet(QStringLiteral("name")) ? args.value(QStringLiteral("name")).trimmed() : o.username;
    QStringList roleNames;
    for (Role r : allRoles())
        roleNames.append(roleToWire(r));
    if (o.username.isEmpty() || !role || o.office.isEmpty())
        return fail(QStringLiteral("--username U --role R --office KODE wajib; peran: %1.").arg(roleNames.join(QStringLiteral(", "))));
    o.role = *role;
    if (auto known = checkOffice(o.role, o.office, b.offices); !known)
        return fail(known.error().message);
    if (args.isSet(QStringLiteral("phone"))) {
        const auto phone = serverlink::normalizePhone(args.value(QStringLiteral("phone")).trimmed());
        if (!phone)
            return fail(QStringLiteral("Nomor HP tidak valid. Tulis nomor ponsel Indonesia, mis. 081234567890 atau +6281234567890."));
        o.phone = *phone;
    }
    // The password comes from stdin (first line) so it never shows in the process list or shell history.
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (password.size() < kMinPasswordLength)
        return fail(QStringLiteral("Kata sandi (dibaca dari stdin) minimal %1 karakter.").arg(kMinPasswordLength));
    o.passwordHash = serverlink::crypto::hashSecret(password);
    const auto id = b.store->insertOfficer(o);
    if (!id)
        return fail(id.error().message);
    out << o.username << '\t' << roleToWire(o.role) << '\t' << o.office << '\n';
    return 0;
}

/// Monitoring figures as text, and with --csv PREFIX as four RFC 4180 files PREFIX-{tahap,waktu,sla,ikm}.csv.
int report(Backend &b, const QCommandLineParser &args)
{
    const auto day = [&args](const char *name) {
        const QString v = args.value(QLatin1String(name));
        return v.isEmpty() ? QDateTime() : QDateTime(QDate::fromString(v, Qt::ISODate), QTime(0, 0));
    };
    const QDateTime from = day("from");
    const QDateTime to = args.isSet(QStringLiteral("to")) ? day("to").addDays(1) : QDateTime(); // --to is inclusive
    if ((args.isSet(QStringLiteral("from")) && !from.isValid()) || (args.isSet(QStringLiteral("to")) && !to.isValid()))
        return fail(QStringLiteral("--from dan --to harus berbentuk YYYY-MM-DD."));
    Monitoring monitoring(*b.store, b.catalog);
    const auto stages = monitoring.stageCounts();
    const auto turnaround = monitoring.turnaround(from, to);
    const auto breaches = monitoring.slaBreaches();
    const auto ikm = monitoring.ikm(from, to);
    if (!stages || !turnaround || !breaches || !ikm)
        return fail((!stages ? stages.error() : !turnaround ? turnaround.error() : !breaches ? breaches.error() : ikm.error()).message);
    QTextStream out(stdout);
    out << "Periode: " << (from.isValid() ? from.date().toString(Qt::ISODate) : QStringLiteral("awal")) << " s.d. "
        << (to.isValid() ? to.date().addDays(-1).toString(Qt::ISODate) : QStringLiteral("sekarang")) << "\n\nJumlah per tahap\n";
    for (const StageCount &c : stages.value())
        out << "  " << (c.desaCode.isEmpty() ? QStringLiteral("SEMUA     ") : c.desaCode) << "  "
            << serverlink::stageToWire(c.stage).leftJustified(18) << c.count << '\n';
    out << "\nWaktu layanan RECEIVED -> READY (jam)\n";
    for (const Turnaround &t : turnaround.value())
        out << "  " << t.serviceCode.leftJustified(28) << " n=" << t.count << "  median " << QString::number(t.medianHours, 'f', 1)
            << "  p90 " << QString::number(t.p90Hours, 'f', 1) << '\n';
    out << "\nMelewati SLA: " << breaches.value().size() << '\n';
    for (const SlaBreach &s : breaches.value())
        out << "  " << s.registrationNumber << "  " << s.serviceCode << "  " << serverlink::stageToWire(s.stage) << "  terlambat "
            << QString::number(s.overdueDays, 'f', 1) << " hari\n";
    out << "\nIKM (PermenPAN-RB 14/2017): " << ikm.value().respondents << " responden";
    if (ikm.value().respondents > 0)
        out << ", IKM " << ikm::formatHundredths(ikm.value().ikm) << ", mutu " << ikm.value().category;
    out << '\n';
    out.flush();
    if (args.isSet(QStringLiteral("csv"))) {
        QString prefix = args.value(QStringLiteral("csv"));
        if (prefix.endsWith(QLatin1String(".csv")))
            prefix.chop(4);
        for (const auto &[name, bytes] : {std::pair {QStringLiteral("tahap"), Monitoring::stageCsv(stages.value())},
                 std::pair {QStringLiteral("waktu"), Monitoring::turnaroundCsv(turnaround.value())},
                 std::pair {QStringLiteral("sla"), Monitoring::slaCsv(breaches.value())},
                 std::pair {QStringLiteral("ikm"), Monitoring::ikmCsv(ikm.value())}}) {
            QSaveFile f(QStringLiteral("%1-%2.csv").arg(prefix, name));
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
                return fail(QStringLiteral("%1 tidak dapat ditulis.").arg(f.fileName()));
            out << f.fileName() << '\n';
        }
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Letters are drawn with QPdfWriter, which needs a GUI application even on a headless server.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kecamatan-backend"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Backend kecamatan Anjungan Desa.\n"
        "  serve   --data DIR --listen HOST:PORT --cert F --key F --client-ca F [--console HOST:PORT] [--notify-config INI]\n"
        "  approve --data DIR REG [--officer NAME]\n"
        "  reject  --data DIR REG --reason TEXT [--officer NAME]\n"
        "  list    --data DIR [--json]\n"
        "  keys create --data DIR --office KODE [--signer TEXT] [--from YYYY-MM-DD]\n"
        "  keys rotate --data DIR --office KODE [--from YYYY-MM-DD]\n"
        "  keys list   --data DIR\n"
        "  revoke  --data DIR REG [--reason TEXT]\n"
        "  trust-list export --data DIR --out DIR\n"
        "  enroll-code create --data DIR --desa KODE --kiosk ID [--hours 24]\n"
        "  kiosk list --data DIR | kiosk revoke --data DIR ID | kiosk register --data DIR --cert FILE\n"
        "  kiosk-ca create --cert FILE --key FILE\n"
        "  (serve --client-ca-key F: kiosks enroll with a one-time code)\n"
        "  officer add --data DIR --username U --role R --office KODE [--name NAMA] [--phone HP] < sandi\n"
        "  officer list --data DIR\n"
        "  report --data DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv FILE]"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"),
        QStringLiteral("serve | approve | reject | list | keys | revoke | trust-list | enroll-code | kiosk | kiosk-ca"));
    parser.addPositionalArgument(QStringLiteral("REG"), QStringLiteral("nomor registrasi (approve, reject)"));
    for (const auto &[name, valueName, help] : {std::tuple {"data", "DIR", "folder data (basis data dan surat)"},
             std::tuple {"listen", "HOST:PORT", "alamat server; PORT 0 memilih port bebas"},
             std::tuple {"console", "HOST:PORT", "alamat konsol petugas (HTTPS, sertifikat server); PORT 0 memilih port bebas"},
             std::tuple {"cert", "FILE", "sertifikat server (PEM)"}, std::tuple {"key", "FILE", "kunci privat server (PEM)"},
             std::tuple {"client-ca", "FILE", "CA penerbit sertifikat anjungan (PEM)"},
             std::tuple {"officer", "NAME", "nama petugas yang dicatat"}, std::tuple {"reason", "TEXT", "alasan penolakan"},
             std::tuple {"paper", "F4|A4", "ukuran kertas surat (bawaan F4)"},
             std::tuple {"office", "KODE", "kode desa (10 angka) atau kecamatan (6 angka) pemilik kunci"},
             std::tuple {"signer", "TEXT", "jabatan penandatangan, mis. \"Kepala Desa Pitu\""},
             std::tuple {"from", "YYYY-MM-DD", "awal masa pakai kunci (bawaan hari ini); awal periode laporan"},
             std::tuple {"out", "DIR", "folder keluaran (trust-list export)"},
             std::tuple {"client-ca-key", "FILE", "kunci privat CA anjungan (PEM): mengaktifkan pendaftaran anjungan"},
             std::tuple {"desa", "KODE", "kode desa anjungan (enroll-code)"}, std::tuple {"kiosk", "ID", "ID anjungan (enroll-code)"},
             std::tuple {"hours", "N", "masa berlaku kode pendaftaran dalam jam (bawaan 24)"},
             std::tuple {"username", "U", "nama pengguna petugas (officer add)"},
             std::tuple {"role", "R", "peran petugas, mis. kepala_desa (officer add)"},
             std::tuple {"name", "NAMA", "nama lengkap petugas (officer add)"},
             std::tuple {"phone", "HP", "nomor HP petugas untuk pengingat SMS, mis. 081234567890 (officer add)"},
             std::tuple {"notify-config", "INI", "pengaturan SMS dan pengingat (bawaan DIR/notifications.ini)"},
             std::tuple {"to", "YYYY-MM-DD", "akhir periode laporan (termasuk hari itu)"},
             std::tuple {"csv", "FILE", "laporan juga sebagai CSV: FILE-tahap.csv, -waktu.csv, -sla.csv, -ikm.csv"}})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(valueName)));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("keluaran JSON (list)")));
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    const QString paperName = parser.value(QStringLiteral("paper")).toUpper();
    if (!paperName.isEmpty() && paperName != QLatin1String("F4") && paperName != QLatin1String("A4"))
        return fail(QStringLiteral("--paper harus F4 atau A4."));
    // Needs no data folder: the CA files are made before the first serve.
    if (command == QLatin1String("kiosk-ca") && positional.size() == 2 && positional.at(1) == QLatin1String("create"))
        return createKioskCa(parser);
    auto backend = openBackend(parser.value(QStringLiteral("data")), paperName == QLatin1String("A4") ? Paper::A4 : Paper::F4);
    if (!backend)
        return fail(backend.error().message);
    Backend &b = *backend.value();

    if (command == QLatin1String("serve") && positional.size() == 1)
        return serve(app, b, parser);
    if (command == QLatin1String("approve") && positional.size() == 2)
        return approve(b, positional.at(1), parser);
    if (command == QLatin1String("reject") && positional.size() == 2) {
        if (parser.value(QStringLiteral("reason")).trimmed().isEmpty())
            return fail(QStringLiteral("--reason TEXT wajib diisi untuk menolak permohonan."));
        return reject(b, positional.at(1), parser);
    }
    if (command == QLatin1String("keys") && positional.size() == 2)
        return keys(b, positional.at(1), parser);
    if (command == QLatin1String("revoke") && positional.size() == 2)
        return revoke(b, positional.at(1), parser);
    if (command == QLatin1String("trust-list") && positional.size() == 2 && positional.at(1) == QLatin1String("export"))
        return exportTrust(b, parser);
    if (command == QLatin1String("enroll-code") && positional.size() == 2 && positional.at(1) == QLatin1String("create"))
        return enrollCode(b, parser);
    if (command == QLatin1String("kiosk") && positional.size() >= 2)
        return kioskCommand(b, positional.at(1), positional, parser);
    if (command == QLatin1String("officer") && positional.size() == 2)
        return officer(b, positional.at(1), parser);
    if (command == QLatin1String("report") && positional.size() == 1)
        return report(b, parser);
    if (command == QLatin1String("list") && positional.size() == 1)
        return list(b, parser.isSet(QStringLiteral("json")));
    if (command == QLatin1String("surveys") && positional.size() == 1) {
        const auto count = b.store->surveyCount();
        if (!count)
            return fail(count.error().message);
        QTextStream(stdout) << count.value() << " survey responses\n";
        return 0;
    }
    return fail(QStringLiteral("Perintah tidak dikenal. Lihat --help."));
}
