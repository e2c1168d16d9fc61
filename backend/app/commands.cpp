// The command table of kecamatan-backend and the small commands: list, keys, revoke, trust-list, root, enroll-code,
// kiosk, kiosk-ca, surveys.
#include "commands.h"

#include "auditlog.h"
#include "kioskca.h"
#include "kioskregistry.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <array>
#include <tuple>

namespace backend::cli {

namespace {

int list(Context &c)
{
    const auto all = c.backend->store->requests();
    if (!all)
        return fail(all.error().message);
    const bool json = c.args.isSet(QStringLiteral("json"));
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

void printKey(QTextStream &out, const SigningKeyRecord &k)
{
    out << k.keyId.left(16) << '\t' << k.office << '\t' << k.officeName << '\t' << k.signer << '\t' << k.validFrom.toString(Qt::ISODate)
        << '\t' << (k.validUntil.isNull() ? QStringLiteral("-") : k.validUntil.toString(Qt::ISODate)) << '\t' << k.status;
    if (k.revokedAt.isValid())
        out << '\t' << k.revokedAt.toString(Qt::ISODate) << '\t' << k.revokeReason;
    out << '\n';
}

int revokeKey(Context &c)
{
    if (c.positional.size() != 3)
        return fail(QStringLiteral("Gunakan: keys revoke KID --reason TEXT."));
    const auto revoked = c.backend->seals->revokeKey(c.positional.at(2), c.args.value(QStringLiteral("reason")));
    if (!revoked)
        return fail(revoked.error().message);
    const SigningKeyRecord &k = revoked.value();
    (void)audit::record(*c.backend->store, audit::commandLine(), QStringLiteral("kunci.cabut"), k.office,
        QStringLiteral("kunci %1: %2").arg(k.keyId.left(16), k.revokeReason));
    QTextStream out(stdout);
    printKey(out, k);
    out << "Kunci " << k.keyId.left(8) << " DICABUT " << k.revokedAt.toString(Qt::ISODate) << ". Berkas kunci privatnya dihapus; "
        << "setiap surat yang ditandatanganinya tampil DICABUT di anjungan setelah sinkron daftar kunci berikutnya.\n"
        << "Kantor " << k.office << " (" << k.officeName << ") tidak dapat menandatangani surat sampai punya kunci baru:\n"
        << "  kecamatan-backend keys create --data " << c.args.value(QStringLiteral("data")) << " --office " << k.office << '\n';
    if (const auto list = c.backend->seals->trustList(); !list)
        QTextStream(stderr) << "Peringatan: daftar kunci belum dapat ditandatangani ulang: " << list.error().message << '\n';
    return 0;
}

int keys(Context &c)
{
    SealService &seals = *c.backend->seals;
    const QString sub = c.positional.at(1);
    QTextStream out(stdout);
    if (sub == QLatin1String("revoke"))
        return revokeKey(c);
    if (c.positional.size() != 2)
        return fail(QStringLiteral("Gunakan keys create|rotate|list|revoke."));
    if (sub == QLatin1String("list")) {
        const auto all = seals.keys();
        if (!all)
            return fail(all.error().message);
        for (const auto &k : all.value())
            printKey(out, k);
        return 0;
    }
    const QString office = c.args.value(QStringLiteral("office"));
    const QDate from = c.args.isSet(QStringLiteral("from")) ? QDate::fromString(c.args.value(QStringLiteral("from")), Qt::ISODate)
                                                            : QDate::currentDate();
    if (office.isEmpty() || !from.isValid())
        return fail(QStringLiteral("--office KODE wajib; --from harus berbentuk YYYY-MM-DD."));
    const auto key = sub == QLatin1String("create") ? seals.createKey(office, c.args.value(QStringLiteral("signer")), from)
        : sub == QLatin1String("rotate")
        ? seals.rotateKey(office, from)
        : Result<SigningKeyRecord>(Error {ErrorCode::Io, QStringLiteral("Gunakan keys create|rotate|list.")});
    if (!key)
        return fail(key.error().message);
    (void)audit::record(*c.backend->store, audit::commandLine(),
        sub == QLatin1String("create") ? QStringLiteral("kunci.buat") : QStringLiteral("kunci.ganti"), office,
        QStringLiteral("kunci %1 berlaku mulai %2").arg(key.value().keyId.left(16), key.value().validFrom.toString(Qt::ISODate)));
    printKey(out, key.value());
    return 0;
}

int revoke(Context &c)
{
    const QString reg = c.positional.at(1);
    const QString reason
        = c.args.isSet(QStringLiteral("reason")) ? c.args.value(QStringLiteral("reason")) : QStringLiteral("dicabut oleh admin");
    const auto done = c.backend->seals->revokeLetter(reg, reason);
    if (!done)
        return fail(done.error().message);
    QTextStream(stdout) << reg << " DICABUT " << done.value().revokedAt.toString(Qt::ISODate) << '\n';
    return 0;
}

/// Writes each named file into `dir`; the exit code.
int writeAll(const QString &dir, const QList<std::pair<QString, QByteArray>> &files)
{
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return fail(QStringLiteral("--out DIR wajib dan harus dapat ditulis."));
    for (const auto &[name, bytes] : files)
        if (const Status written = writeWholeFile(QDir(dir).filePath(name), bytes); !written)
            return fail(written.error().message);
    QTextStream(stdout) << dir << '\n';
    return 0;
}

int trustList(Context &c)
{
    SealService &seals = *c.backend->seals;
    const QString sub = c.positional.at(1);
    const QString outDir = c.args.value(QStringLiteral("out"));
    if (sub == QLatin1String("export") && c.positional.size() == 2) {
        const auto trust = seals.trustList();
        const auto revocations = seals.revocationList();
        const auto root = seals.rootPublicKeyPem();
        if (!trust || !revocations || !root)
            return fail((!trust ? trust.error() : !revocations ? revocations.error() : root.error()).message);
        return writeAll(outDir,
            {{QStringLiteral("trust-list.json"), trust.value().envelope},
                {QStringLiteral("revocations.json"), revocations.value().envelope}, {QStringLiteral("root.pub.pem"), root.value()}});
    }
    if (sub == QLatin1String("export-payload") && c.positional.size() == 2) {
        bool ok = true;
        const int days
            = c.args.isSet(QStringLiteral("days")) ? c.args.value(QStringLiteral("days")).toInt(&ok) : SealService::kDelegationDays;
        const auto payloads = ok
            ? seals.exportPayloads(days)
            : Result<SealService::Payloads>(Error {ErrorCode::InvalidData, QStringLiteral("--days harus bilangan bulat.")});
        if (!payloads)
            return fail(payloads.error().message);
        const int written = writeAll(outDir,
            {{QStringLiteral("list-signer.payload.json"), payloads.value().listSigner},
                {QStringLiteral("trust-list.payload.json"), payloads.value().trustList},
                {QStringLiteral("revocations.payload.json"), payloads.value().revocations}});
        if (written == 0)
            QTextStream(stderr) << "Bawa folder ini ke komputer kunci induk dan tanda tangani setiap berkas:\n"
                                << "  kecamatan-backend root sign --key root.key.pem list-signer.payload.json list-signer.signed.json\n"
                                << "lalu pasang di server: kecamatan-backend trust-list import-signed --data DIR list-signer.signed.json\n";
        return written;
    }
    if (sub == QLatin1String("import-signed") && c.positional.size() >= 3) {
        QByteArray rootPem;
        if (c.args.isSet(QStringLiteral("root"))) {
            auto pem = readWholeFile(c.args.value(QStringLiteral("root")));
            if (!pem)
                return fail(pem.error().message);
            rootPem = pem.value();
        }
        for (const QString &file : c.positional.mid(2)) {
            auto envelope = readWholeFile(file);
            if (!envelope)
                return fail(envelope.error().message);
            const auto installed = seals.importSigned(envelope.value(), rootPem);
            if (!installed)
                return fail(QStringLiteral("%1: %2").arg(file, installed.error().message));
            QTextStream(stdout) << file << ": " << installed.value() << '\n';
        }
        return 0;
    }
    return fail(QStringLiteral("Gunakan: trust-list export --out DIR | export-payload --out DIR [--days N] | import-signed [--root PEM] "
                               "BERKAS…"));
}

/// The offline root (seal.md §7.3–7.4): made, used and retired away from the online server, except move-out.
int root(Context &c)
{
    const QString sub = c.positional.at(1);
    const QString outDir = c.args.value(QStringLiteral("out"));
    QTextStream out(stdout);
    if (sub == QLatin1String("create") && c.positional.size() == 2 && !outDir.isEmpty()) {
        if (!QDir().mkpath(outDir))
            return fail(QStringLiteral("%1 tidak dapat dibuat.").arg(outDir));
        const auto key = createRootKey(outDir);
        if (!key)
            return fail(key.error().message);
        out << "Kunci induk dibuat: " << key.value() << " (rahasia; simpan di luar server, mis. di USB yang disimpan terkunci) dan "
            << QDir(outDir).absoluteFilePath(QStringLiteral("root.pub.pem")) << " (dipasang di server dan di setiap anjungan).\n";
        return 0;
    }
    if (sub == QLatin1String("sign") && c.positional.size() == 4 && c.args.isSet(QStringLiteral("key"))) {
        const auto key = readWholeFile(c.args.value(QStringLiteral("key")));
        const auto payload = readWholeFile(c.positional.at(2));
        if (!key || !payload)
            return fail((!key ? key.error() : payload.error()).message);
        const auto envelope = signWithRoot(key.value(), payload.value());
        if (!envelope)
            return fail(envelope.error().message);
        if (const Status written = writeWholeFile(c.positional.at(3), envelope.value()); !written)
            return fail(written.error().message);
        out << serverlink::seal::payloadType(payload.value()) << " ditandatangani: " << c.positional.at(3) << '\n';
        return 0;
    }
    if (sub == QLatin1String("announce") && c.positional.size() == 2 && c.args.isSet(QStringLiteral("key"))
        && c.args.isSet(QStringLiteral("next")) && !outDir.isEmpty()) {
        const auto key = readWholeFile(c.args.value(QStringLiteral("key")));
        const auto next = readWholeFile(c.args.value(QStringLiteral("next")));
        if (!key || !next)
            return fail((!key ? key.error() : next.error()).message);
        const auto spki = serverlink::seal::spkiFromPublicKey(next.value());
        if (!spki)
            return fail(spki.error());
        const auto envelope = signWithRoot(key.value(), serverlink::seal::NextRoot {spki.value()}.toPayload());
        if (!envelope)
            return fail(envelope.error().message);
        return writeAll(outDir, {{QStringLiteral("next-root.signed.json"), envelope.value()}});
    }
    if (sub == QLatin1String("move-out") && c.positional.size() == 2 && !outDir.isEmpty()) {
        auto opened = openBackend(c.args.value(QStringLiteral("data")));
        if (!opened)
            return fail(opened.error().message);
        const auto moved = opened.value()->seals->moveRootOut(outDir, SealService::kDelegationDays);
        if (!moved)
            return fail(moved.error().message);
        const auto d = opened.value()->seals->delegation();
        out << "Kunci induk dipindahkan ke " << moved.value() << " dan dihapus dari folder data server.\n"
            << "Simpan berkas itu di luar server (USB yang disimpan terkunci), lalu hapus dari komputer ini.\n"
            << "Daftar kini ditandatangani kunci penanda tangan daftar yang didelegasikan sampai "
            << (d ? d->notAfter.toString(Qt::ISODate) : QString()) << "; perpanjang sebelum itu dengan 'trust-list export-payload'.\n";
        return 0;
    }
    return fail(QStringLiteral("Gunakan: root create --out DIR | root sign --key ROOT.pem MASUK KELUAR | root announce --key ROOT.pem "
                               "--next BARU.pub.pem --out DIR | root move-out --data DIR --out DIR."));
}

int enrollCode(Context &c)
{
    if (c.positional.at(1) != QLatin1String("create"))
        return fail(QStringLiteral("Gunakan: enroll-code create --desa KODE --kiosk ID [--hours 1–720]."));
    const QString desa = c.args.value(QStringLiteral("desa"));
    const QString kioskId = c.args.value(QStringLiteral("kiosk"));
    bool ok = true;
    const int hours = c.args.isSet(QStringLiteral("hours")) ? c.args.value(QStringLiteral("hours")).toInt(&ok) : 24;
    if (desa.isEmpty() || kioskId.isEmpty() || !ok || hours < 1 || hours > 24 * 30)
        return fail(QStringLiteral("Gunakan: enroll-code create --desa KODE --kiosk ID [--hours 1–720]."));
    if (!c.backend->offices.desa(desa))
        return fail(QStringLiteral("Kode desa %1 tidak ada di tabel kantor.").arg(desa));
    KioskRegistry registry(*c.backend->store);
    const auto code = registry.createCode(desa, kioskId, std::chrono::hours(hours));
    if (!code)
        return fail(code.error().message);
    // The code itself is a secret until used: the log names the kiosk and its desa, not the code.
    (void)audit::record(*c.backend->store, audit::commandLine(), QStringLiteral("anjungan.kode"), kioskId,
        QStringLiteral("desa %1, berlaku sampai %2").arg(desa, code.value().expiresAt.toString(Qt::ISODate)));
    QTextStream(stdout) << code.value().code << '\n';
    QTextStream(stderr) << "Kode sekali pakai untuk anjungan " << kioskId << " (desa " << desa << "), berlaku sampai "
                        << code.value().expiresAt.toString(Qt::ISODate) << ". Di anjungan: kioskctl enroll --code " << code.value().code
                        << '\n';
    return 0;
}

int kiosk(Context &c)
{
    BackendStore &store = *c.backend->store;
    const QString sub = c.positional.at(1);
    QTextStream out(stdout);
    if (sub == QLatin1String("list") && c.positional.size() == 2) {
        const auto all = store.kiosks();
        if (!all)
            return fail(all.error().message);
        // The last heartbeat says when each unit was last heard and which image it runs (a district rolling out an
        // update sees who has it).
        const auto beats = store.latestHeartbeats();
        if (!beats)
            return fail(beats.error().message);
        QHash<QString, KioskHeartbeat> lastBeat;
        for (const auto &beat : beats.value())
            lastBeat.insert(beat.kioskId, beat);
        for (const auto &k : all.value()) {
            const auto beat = lastBeat.constFind(k.kioskId);
            const bool heard = beat != lastBeat.cend();
            out << k.kioskId << '\t' << k.desaCode << '\t' << k.status << '\t' << k.certSerial << '\t'
                << k.certNotAfter.toString(Qt::ISODate) << '\t' << k.enrolledAt.toString(Qt::ISODate) << '\t'
                << (heard ? beat->lastSeen.toString(Qt::ISODate) : QStringLiteral("-")) << '\t'
                << (heard && !beat->imageVersion.isEmpty() ? beat->imageVersion : QStringLiteral("-")) << '\n';
        }
        return 0;
    }
    if (sub == QLatin1String("revoke") && c.positional.size() == 3) {
        const auto revoked = store.revokeKiosk(c.positional.at(2), QDateTime::currentDateTimeUtc());
        if (!revoked)
            return fail(revoked.error().message);
        if (!revoked.value())
            return fail(QStringLiteral("Anjungan %1 tidak terdaftar.").arg(c.positional.at(2)));
        (void)audit::record(store, audit::commandLine(), QStringLiteral("anjungan.cabut"), c.positional.at(2));
        out << c.positional.at(2) << " DICABUT\n";
        return 0;
    }
    if (sub == QLatin1String("chain") && c.positional.size() == 3) {
        const auto chain = store.renewals(c.positional.at(2));
        if (!chain)
            return fail(chain.error().message);
        // One line per renewal: old serial → new serial, when, and whether the kiosk has used the new one.
        for (const auto &r : chain.value())
            out << r.renewedAt.toString(Qt::ISODate) << '\t' << r.oldSerial << " -> " << r.newSerial << '\t'
                << r.newNotAfter.toString(Qt::ISODate) << '\t'
                << (r.firstUsedAt.isValid() ? QStringLiteral("dipakai ") + r.firstUsedAt.toString(Qt::ISODate)
                                            : QStringLiteral("belum dipakai"))
                << '\n';
        return 0;
    }
    if (sub == QLatin1String("register") && c.positional.size() == 2 && c.args.isSet(QStringLiteral("cert"))) {
        QFile file(c.args.value(QStringLiteral("cert")));
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("%1 tidak dapat dibaca.").arg(file.fileName()));
        KioskRegistry registry(store);
        const auto registered = registry.registerCertificate(file.readAll());
        if (!registered)
            return fail(registered.error().message);
        out << registered.value().kioskId << '\t' << registered.value().desaCode << '\t' << registered.value().certSerial << '\n';
        return 0;
    }
    return fail(QStringLiteral("Gunakan: kiosk list | kiosk revoke ID | kiosk chain ID | kiosk register --cert FILE."));
}

/// Makes the kiosk CA for a new deployment: the files serve takes as --client-ca and --client-ca-key.
int createKioskCa(Context &c)
{
    const QString certificate = c.args.value(QStringLiteral("cert"));
    const QString key = c.args.value(QStringLiteral("key"));
    if (c.positional.at(1) != QLatin1String("create") || certificate.isEmpty() || key.isEmpty())
        return fail(QStringLiteral("Gunakan: kiosk-ca create --cert FILE --key FILE."));
    if (auto created = KioskCa::create(certificate, key, QStringLiteral("Anjungan Desa Kiosk CA")); !created)
        return fail(created.error().message);
    QTextStream(stdout) << "CA anjungan dibuat: " << certificate << " (sertifikat), " << key
                        << " (kunci privat 0600; simpan cadangannya bersama data backend).\n"
                        << "Jalankan server dengan --client-ca " << certificate << " --client-ca-key " << key << '\n';
    return 0;
}

int surveys(Context &c)
{
    const auto count = c.backend->store->surveyCount();
    if (!count)
        return fail(count.error().message);
    QTextStream(stdout) << count.value() << " survey responses\n";
    return 0;
}

const std::array kCommands {
    Command {"serve",
        "--data DIR --listen HOST:PORT --cert F --key F --client-ca F [--client-ca-key F] [--console HOST:PORT] "
        "[--notify-config INI]",
        1, 1, serve},
    Command {"act", "--data DIR --as PENGGUNA REG setujui|kembalikan|tolak|serahkan [--note TEXT] [--checklist 1,2,…] < sandi", 3, 3, act},
    Command {"list", "--data DIR [--json]", 1, 1, list},
    Command {"keys",
        "create|rotate|list --data DIR [--office KODE] [--signer TEXT] [--from YYYY-MM-DD] | revoke --data DIR KID --reason TEXT", 2, 3,
        keys},
    Command {"revoke", "--data DIR REG [--reason TEXT]", 2, 2, revoke},
    Command {"trust-list",
        "export --data DIR --out DIR | export-payload --data DIR --out DIR [--days 90] | import-signed --data DIR [--root PEM] BERKAS…", 2,
        12, trustList},
    Command {"root",
        "create --out DIR | sign --key ROOT.pem MASUK KELUAR | announce --key ROOT.pem --next BARU.pub.pem --out DIR | move-out --data DIR "
        "--out DIR",
        2, 4, root, false},
    Command {"enroll-code", "create --data DIR --desa KODE --kiosk ID [--hours 24]", 2, 2, enrollCode},
    Command {"kiosk", "list --data DIR | revoke --data DIR ID | chain --data DIR ID | register --data DIR --cert FILE", 2, 3, kiosk},
    Command {"kiosk-ca", "create --cert FILE --key FILE", 2, 2, createKioskCa, false},
    Command {"officer", "add --data DIR --username U --role R --office KODE [--name NAMA] [--phone HP] < sandi | list --data DIR", 2, 2,
        officer},
    Command {"staff",
        "add --data DIR --desa KODE --username U --name NAMA [--role petugas|teknisi] | pin --data DIR U < PIN PIN | card --data DIR U < "
        "PIN | "
        "fallback --data DIR U on|off | deactivate --data DIR U | list --data DIR [--desa KODE]",
        2, 4, staff},
    Command {"report", "--data DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv FILE]", 1, 1, report},
    Command {"surveys", "--data DIR", 1, 1, surveys},
};

} // namespace

std::span<const Command> commands()
{
    return kCommands;
}

int fail(const QString &message)
{
    QTextStream(stderr) << "kecamatan-backend: " << message << '\n';
    return 1;
}

void addOptions(QCommandLineParser &parser)
{
    QString description = QStringLiteral("Backend kecamatan Anjungan Desa.\n");
    for (const Command &command : kCommands)
        description += QStringLiteral("  %1 %2\n").arg(QLatin1String(command.name), QString::fromUtf8(command.usage));
    parser.setApplicationDescription(description.trimmed());
    parser.addHelpOption();
    QStringList names;
    for (const Command &command : kCommands)
        names.append(QLatin1String(command.name));
    parser.addPositionalArgument(QStringLiteral("command"), names.join(QStringLiteral(" | ")));
    parser.addPositionalArgument(QStringLiteral("REG"), QStringLiteral("nomor registrasi (act, revoke)"));
    for (const auto &[name, valueName, help] : {std::tuple {"data", "DIR", "folder data (basis data dan surat)"},
             std::tuple {"listen", "HOST:PORT", "alamat server; PORT 0 memilih port bebas"},
             std::tuple {"console", "HOST:PORT", "alamat konsol petugas (HTTPS, sertifikat server); PORT 0 memilih port bebas"},
             std::tuple {"cert", "FILE", "sertifikat server (PEM)"},
             std::tuple {"key", "FILE", "kunci privat server (PEM); kunci induk (root sign, announce)"},
             std::tuple {"client-ca", "FILE", "CA penerbit sertifikat anjungan (PEM)"},
             std::tuple {"as", "PENGGUNA", "nama pengguna petugas yang bertindak (act); kata sandinya dibaca dari stdin"},
             std::tuple {"note", "TEXT", "catatan langkah (act); wajib sebagai alasan untuk kembalikan dan tolak"},
             std::tuple {
                 "checklist", "N,N,…", "nomor persyaratan yang sudah diperiksa, 1 = yang pertama (act setujui pada pemeriksaan berkas)"},
             std::tuple {"reason", "TEXT", "alasan pencabutan (revoke, keys revoke)"},
             std::tuple {"paper", "F4|A4", "ukuran kertas surat (bawaan F4)"},
             std::tuple {"office", "KODE", "kode desa (10 angka) atau kecamatan (6 angka) pemilik kunci"},
             std::tuple {"signer", "TEXT", "jabatan penandatangan, mis. \"Kepala Desa Pitu\""},
             std::tuple {"from", "YYYY-MM-DD", "awal masa pakai kunci (bawaan hari ini); awal periode laporan"},
             std::tuple {"out", "DIR", "folder keluaran (trust-list export, export-payload; root create, announce, move-out)"},
             std::tuple {"days", "N", "masa delegasi kunci penanda tangan daftar dalam hari (trust-list export-payload; bawaan 90)"},
             std::tuple {"root", "PEM", "kunci publik induk yang dipasang (trust-list import-signed, pertama kali)"},
             std::tuple {"next", "PEM", "kunci publik induk berikutnya (root announce)"},
             std::tuple {"client-ca-key", "FILE", "kunci privat CA anjungan (PEM): mengaktifkan pendaftaran anjungan"},
             std::tuple {"desa", "KODE", "kode desa anjungan (enroll-code) atau petugas loket (staff)"},
             std::tuple {"kiosk", "ID", "ID anjungan (enroll-code)"},
             std::tuple {"hours", "N", "masa berlaku kode pendaftaran dalam jam (bawaan 24)"},
             std::tuple {"username", "U", "nama pengguna petugas (officer add, staff add)"},
             std::tuple {"role", "R", "peran petugas, mis. kepala_desa (officer add); petugas atau teknisi (staff add)"},
             std::tuple {"name", "NAMA", "nama lengkap petugas (officer add, staff add)"},
             std::tuple {"phone", "HP", "nomor HP petugas untuk pengingat SMS, mis. 081234567890 (officer add)"},
             std::tuple {"staff-pin-iterations", "N", "iterasi PBKDF2 PIN petugas loket (bawaan 600000, paling sedikit 1000)"},
             std::tuple {"notify-config", "INI", "pengaturan SMS dan pengingat (bawaan DIR/notifications.ini)"},
             std::tuple {"to", "YYYY-MM-DD", "akhir periode laporan (termasuk hari itu)"},
             std::tuple {"csv", "FILE", "laporan juga sebagai CSV: FILE-tahap.csv, -waktu.csv, -sla.csv, -ikm.csv"}})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(valueName)));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("keluaran JSON (list)")));
}

} // namespace backend::cli
