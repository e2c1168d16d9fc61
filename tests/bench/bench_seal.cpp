// Figures for issues #7 and #18 (seal.md §4, §9): SQ2 and SQ1 seal size and QR version (ECC M) for every
// catalog service's typical letter (SQ2 with a 30-character host), verification time per seal
// (decode + parse + ECDSA verify) p50/p99, and the SQ2 NIK tag's scrypt time per guess.
#include "crypto.h"
#include "offices.h"
#include "qrcode.h"
#include "seal.h"
#include "sealsigner.h"
#include "sealverification.h"
#include "servicecatalog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace serverlink::seal;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const auto catalog = backend::ServiceCatalog::builtIn();
    const auto offices = backend::OfficeDirectory::builtIn();
    const auto key = SealSigner::fromPrivatePem(generateKeyPair().value().privatePem);
    if (!catalog || !offices || !key)
        return 1;
    const auto desa = offices.value().desa(QStringLiteral("3521112004")).value();
    const QDate today(2026, 11, 23);

    TrustList trust;
    trust.issuedAt = QDateTime(today, QTime(0, 0), Qt::UTC);
    RevocationList revocations;
    revocations.issuedAt = trust.issuedAt;
    for (const QString &office : {desa.code, officeCode(desa.kecamatanCode)})
        trust.keys.append(TrustedKey {
            key.value().kid(), office, {}, {}, QStringLiteral("ES256"), key.value().spki(), QDate(2025, 1, 1), {}, KeyStatus::Active});

    // A 30-character host, as a kecamatan's own domain typically is.
    const QString verifyUrl = QStringLiteral("https://verifikasi.kecamatanpitu.go.id/v");
    std::printf(
        "verification URL: %s (host %d characters)\n", qPrintable(verifyUrl), int(QStringLiteral("verifikasi.kecamatanpitu.go.id").size()));
    std::printf("%-3s %-28s %-9s %5s %5s %5s %4s\n", "ver", "service", "level", "body", "seal", "chars", "QR v");
    QStringList seals;
    QHash<quint8, int> worstVersion;
    // One scrypt per office and version: the tag's cost is measured on its own below.
    QHash<QString, QByteArray> tags;
    const auto tagFor = [&tags](quint8 version, const QString &office) {
        const QString key = QString::number(version) + office;
        if (!tags.contains(key))
            tags.insert(key, *nikTag(version, office, 0x9e3779b9u, QStringLiteral("3521114506800002")));
        return tags.value(key);
    };
    for (const quint8 version : {kVersionSq2, kVersionSq1})
        for (const QString &name :
            {QStringLiteral("Siti Aminah Nurhayati"), QStringLiteral("Raden Ajeng Kusumawardhani Puspitasari Ningrum")}) {
            for (int type = 1; type <= 40; ++type) {
                std::optional<QString> code;
                for (const QString &candidate : {QStringLiteral("SKTM"), QStringLiteral("PERNYATAAN_MISKIN_PBI"),
                         QStringLiteral("DOMISILI"), QStringLiteral("DOMISILI_USAHA"), QStringLiteral("USAHA"),
                         QStringLiteral("IZIN_HAJATAN"), QStringLiteral("AHLI_WARIS"), QStringLiteral("DISPENSASI_NIKAH"),
                         QStringLiteral("DOMISILI_ORMAS"), QStringLiteral("PENGANTAR_NIKAH"), QStringLiteral("PENGANTAR_SKCK"),
                         QStringLiteral("KELAHIRAN"), QStringLiteral("KEMATIAN"), QStringLiteral("PINDAH"),
                         QStringLiteral("PENGADUAN_SUBSIDI_LISTRIK"), QStringLiteral("LEGALISASI_WARIS")})
                    if (documentTypeForService(candidate) == type)
                        code = candidate;
                if (!code)
                    continue;
                const auto service = catalog.value().service(*code);
                if (!service)
                    continue;
                const bool byDesa = service->level == serverlink::ServiceLevel::Desa;
                const QString issuer = byDesa ? desa.code : desa.kecamatanCode;
                SealFields f;
                f.version = version;
                f.documentType = quint8(type);
                f.office = officeCode(issuer);
                f.serial = 0x9e3779b9u;
                f.issued = today;
                f.nomorSurat = backend::formatNomorSurat(byDesa ? desa.nomorFormat : desa.kecamatanNomorFormat,
                    backend::NomorParts {
                        123, service->letter.klasifikasi, issuer, byDesa ? desa.kodeSurat : desa.kecamatanKodeSurat, 2026});
                f.holderName = name;
                f.nikTag = tagFor(version, f.office);
                f.documentHash = documentHash(service->name);
                const auto s = key.value().seal(f, verifyUrl).value();
                const auto qr = qrCodeFor(s.text);
                worstVersion[version] = std::max(worstVersion.value(version), qr ? qr->version : 99);
                std::printf("SQ%d %-28s %-9s %5lld %5lld %5lld %4d\n", version, qPrintable(*code), byDesa ? "desa" : "kecamatan",
                    qlonglong(s.body.size()), qlonglong(s.body.size() + s.signature.size()), qlonglong(s.text.size()),
                    qr ? qr->version : -1);
                seals.append(s.text);
            }
            std::printf("(holder name: %d characters)\n\n", int(name.size()));
        }
    std::printf("largest QR version at ECC M: SQ2 %d (target <= 11), SQ1 %d (target <= 10)\n", worstVersion.value(kVersionSq2),
        worstVersion.value(kVersionSq1));
    // Why two segments: the same typical SQ2 text in the one mode ZXing 1.4's writer would choose.
    const auto singleMode = serverlink::QrCode::encode(seals.first());
    std::printf("SQ2 typical (%s) in one mode (ZXing writer): QR version %d; two segments (libqrencode): %d\n",
        qPrintable(seals.first().section(QLatin1Char('#'), 0, 0)), singleMode ? singleMode->version : -1,
        qrCodeFor(seals.first())->version);
    {
        // The longest seal a letter can carry: 64-byte nomor, 100-byte name, an 80-character URL.
        SealFields f;
        f.documentType = 1;
        f.office = desa.code;
        f.serial = 0x9e3779b9u;
        f.issued = today;
        f.nomorSurat = QString(64, QLatin1Char('N'));
        f.holderName = QString(100, QLatin1Char('A'));
        f.nikTag = tagFor(kVersionSq2, f.office);
        f.documentHash = documentHash(QStringLiteral("x"));
        const auto longest = key.value().seal(f, QStringLiteral("https://") + QString(80, QLatin1Char('v'))).value();
        const auto qr = qrCodeFor(longest.text);
        std::printf("SQ2 maximum: body %lld, seal %lld, text %lld characters, QR version %d at M\n", qlonglong(longest.body.size()),
            qlonglong(longest.body.size() + longest.signature.size()), qlonglong(longest.text.size()), qr ? qr->version : -1);
    }

    const SealVerifier verifier(trust, revocations, 0);
    const QDateTime now(today, QTime(12, 0), Qt::UTC);
    std::vector<double> micros;
    constexpr int kRounds = 3000;
    micros.reserve(kRounds);
    for (int i = 0; i < kRounds; ++i) {
        QElapsedTimer t;
        t.start();
        const auto v = verifier.verify(seals.at(i % seals.size()), now);
        micros.push_back(double(t.nsecsElapsed()) / 1000.0);
        if (v.verdict != Verdict::Asli)
            return 1;
    }
    std::sort(micros.begin(), micros.end());
    std::printf("verify per seal (decode + parse + ECDSA P-256 verify), %d runs: p50 %.0f us, p99 %.0f us\n", kRounds,
        micros[micros.size() / 2], micros[micros.size() * 99 / 100]);

    // One guess of the SQ2 NIK tag = one officer's check = one attacker's try (seal.md §4).
    std::vector<double> millis;
    constexpr int kGuesses = 10;
    for (int i = 0; i < kGuesses; ++i) {
        QElapsedTimer t;
        t.start();
        const auto tag = nikTag(kVersionSq2, desa.code, 0x9e3779b9u, QStringLiteral("35211145068%1").arg(i, 5, 10, QLatin1Char('0')));
        millis.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!tag)
            return 1;
    }
    std::sort(millis.begin(), millis.end());
    std::printf("SQ2 NIK tag (scrypt N=32768 r=8 p=1, OpenSSL EVP_KDF), %d guesses: min %.0f ms, p50 %.0f ms, max %.0f ms\n", kGuesses,
        millis.front(), millis[millis.size() / 2], millis.back());
    return 0;
}
