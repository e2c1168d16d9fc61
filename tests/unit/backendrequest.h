#pragma once

// A citizen's request as the backend receives it from kiosk KIOSK-0001 of desa 3521112004, for the
// backend's unit tests (letters, seals).
#include "backendstore.h"

#include <QCryptographicHash>
#include <QJsonObject>

namespace testsupport {

inline backend::NewRequest makeRequest(
    const QString &reg, const QString &service, serverlink::ServiceLevel level, const QJsonObject &fields = {}, const QString &phone = {})
{
    backend::NewRequest n;
    n.kioskId = QStringLiteral("KIOSK-0001");
    n.desaCode = QStringLiteral("3521112004");
    n.idempotencyKey = reg + QStringLiteral("-idempotency-key");
    n.level = level;
    n.submit.registrationNumber = reg;
    n.submit.serviceCode = service;
    n.submit.nik = QStringLiteral("3521114506800002");
    n.submit.name = QStringLiteral("Siti Aminah");
    n.submit.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
    n.submit.purpose = QStringLiteral("Persyaratan administrasi");
    n.submit.fields = fields;
    n.submit.phone = phone;
    n.submit.submittedAt = QDateTime::currentDateTimeUtc();
    n.bodySha256 = QString::fromLatin1(QCryptographicHash::hash(n.submit.toJson(), QCryptographicHash::Sha256).toHex());
    return n;
}

} // namespace testsupport
