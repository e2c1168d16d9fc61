#pragma once

// The JSON form of decoded seal fields used by tests/data/seal/vectors.json (shared by the
// vector generator and the C++ tests; tests/tools/verify-seal.mjs reads the same form).
#include "seal.h"

#include <QJsonObject>

namespace sealvectors {

inline QJsonObject fieldsToJson(const serverlink::seal::SealFields &f)
{
    return QJsonObject {{QStringLiteral("version"), f.version}, {QStringLiteral("alg"), f.algorithm},
        {QStringLiteral("kid"), QString::fromLatin1(f.kid.toHex())}, {QStringLiteral("documentType"), f.documentType},
        {QStringLiteral("office"), f.office}, {QStringLiteral("serial"), qint64(f.serial)},
        {QStringLiteral("issued"), f.issued.toString(Qt::ISODate)},
        {QStringLiteral("validUntil"), f.validUntil.isNull() ? QJsonValue() : QJsonValue(f.validUntil.toString(Qt::ISODate))},
        {QStringLiteral("nomorSurat"), f.nomorSurat}, {QStringLiteral("holderName"), f.holderName},
        {QStringLiteral("nikTag"), QString::fromLatin1(f.nikTag.toHex())},
        {QStringLiteral("documentHash"), QString::fromLatin1(f.documentHash.toHex())}};
}

inline serverlink::seal::SealFields fieldsFromJson(const QJsonObject &o)
{
    serverlink::seal::SealFields f;
    f.version = quint8(o.value(QStringLiteral("version")).toInt());
    f.algorithm = quint8(o.value(QStringLiteral("alg")).toInt());
    f.kid = QByteArray::fromHex(o.value(QStringLiteral("kid")).toString().toLatin1());
    f.documentType = quint8(o.value(QStringLiteral("documentType")).toInt());
    f.office = o.value(QStringLiteral("office")).toString();
    f.serial = quint32(o.value(QStringLiteral("serial")).toInteger());
    f.issued = QDate::fromString(o.value(QStringLiteral("issued")).toString(), Qt::ISODate);
    f.validUntil = QDate::fromString(o.value(QStringLiteral("validUntil")).toString(), Qt::ISODate);
    f.nomorSurat = o.value(QStringLiteral("nomorSurat")).toString();
    f.holderName = o.value(QStringLiteral("holderName")).toString();
    f.nikTag = QByteArray::fromHex(o.value(QStringLiteral("nikTag")).toString().toLatin1());
    f.documentHash = QByteArray::fromHex(o.value(QStringLiteral("documentHash")).toString().toLatin1());
    return f;
}

} // namespace sealvectors
