// Figures for issue #7: SQ1 seal size and QR version (ECC M) for every catalog service's
// typical letter, and verification time per seal (base45 + parse + ECDSA verify) p50/p99.
#include "offices.h"
#include "qrcode.h"
#include "seal.h"
#include "sealsigner.h"
#include "sealverification.h"
#include "servicecatalog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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

    std::printf("%-28s %-9s %5s %5s %5s %4s\n", "service", "level", "body", "seal", "chars", "QR v");
    QStringList seals;
    int worstVersion = 0;
    for (const QString &name :
        {QStringLiteral("Siti Aminah Nurhayati"), QStringLiteral("Raden Ajeng Kusumawardhani Puspitasari Ningrum")}) {
        for (int type = 1; type <= 40; ++type) {
            std::optional<QString> code;
            for (const QString &candidate :
                {QStringLiteral("SKTM"), QStringLiteral("PERNYATAAN_MISKIN_PBI"), QStringLiteral("DOMISILI"),
                    QStringLiteral("DOMISILI_USAHA"), QStringLiteral("USAHA"), QStringLiteral("IZIN_HAJATAN"), QStringLiteral("AHLI_WARIS"),
                    QStringLiteral("DISPENSASI_NIKAH"), QStringLiteral("DOMISILI_ORMAS"), QStringLiteral("PENGANTAR_NIKAH"),
                    QStringLiteral("PENGANTAR_SKCK"), QStringLiteral("KELAHIRAN"), QStringLiteral("KEMATIAN"), QStringLiteral("PINDAH"),
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
            f.documentType = quint8(type);
            f.office = officeCode(issuer);
            f.serial = 0x9e3779b9u;
            f.issued = today;
            f.nomorSurat = backend::formatNomorSurat(byDesa ? desa.nomorFormat : desa.kecamatanNomorFormat,
                backend::NomorParts {123, service->letter.klasifikasi, issuer, byDesa ? desa.kodeSurat : desa.kecamatanKodeSurat, 2026});
            f.holderName = name;
            f.nikTag = *nikTag(f.office, f.serial, QStringLiteral("3521114506800002"));
            f.documentHash = documentHash(service->name);
            const auto s = key.value().seal(f).value();
            const auto qr = serverlink::QrCode::encode(s.text);
            worstVersion = std::max(worstVersion, qr ? qr->version : 99);
            std::printf("%-28s %-9s %5lld %5lld %5lld %4d\n", qPrintable(*code), byDesa ? "desa" : "kecamatan", qlonglong(s.body.size()),
                qlonglong(s.body.size() + s.signature.size()), qlonglong(s.text.size()), qr ? qr->version : -1);
            seals.append(s.text);
        }
        std::printf("(holder name: %d characters)\n\n", int(name.size()));
    }
    std::printf("largest QR version at ECC M: %d (target <= 10)\n", worstVersion);

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
    std::printf("verify per seal (base45 + parse + ECDSA P-256 verify), %d runs: p50 %.0f us, p99 %.0f us\n", kRounds,
        micros[micros.size() / 2], micros[micros.size() * 99 / 100]);
    return 0;
}
