#pragma once

// Test-only staff credentials: a known card and PIN with few PBKDF2 iterations, built exactly as the
// backend builds them (serverlink/staffcard.h), so kiosk tests need no backend to sign staff in.
#include "crypto.h"
#include "protocol.h"
#include "staffcard.h"

namespace teststaff {

inline constexpr int kIterations = 1000;
inline const QString kPin = QStringLiteral("135790");

/// A fixed card secret per staff member (`seed`), so a payload can be written into a script.
inline QByteArray secret(char seed)
{
    return QByteArray(serverlink::staffcard::kSecretBytes, seed);
}

inline QString card(char seed)
{
    return serverlink::staffcard::payload(secret(seed));
}

/// One credential as GET /staff-credentials would list it; `withoutCard` adds the PIN verifier.
inline serverlink::StaffCredential member(
    const QString &username, const QString &name, char seed, bool withoutCard, const QString &pin = kPin)
{
    namespace sc = serverlink::staffcard;
    serverlink::StaffCredential c;
    c.username = username;
    c.name = name;
    c.cardLookup = sc::cardLookup(secret(seed));
    c.cardSalt = serverlink::crypto::randomBytes(sc::kSaltBytes);
    c.cardVerifier = sc::cardVerifier(pin, c.cardSalt, secret(seed), kIterations);
    if (withoutCard) {
        c.pinSalt = serverlink::crypto::randomBytes(sc::kSaltBytes);
        c.pinVerifier = sc::pinVerifier(pin, c.pinSalt, kIterations);
    }
    c.iterations = kIterations;
    return c;
}

/// Siti (card 'S', may sign in without it) and Budi (card 'B', card required), both with kPin.
inline serverlink::StaffCredentials standard()
{
    return {{member(QStringLiteral("siti"), QStringLiteral("Siti Aminah"), 'S', true),
        member(QStringLiteral("budi"), QStringLiteral("Budi Santoso"), 'B', false)}};
}

/// Siti and Budi, and Tono (card 'T', may sign in without it, kPin), a technician: technician mode only.
inline serverlink::StaffCredentials withTechnician()
{
    serverlink::StaffCredentials list = standard();
    serverlink::StaffCredential tono = member(QStringLiteral("tono"), QStringLiteral("Tono Teknisi"), 'T', true);
    tono.role = QString::fromLatin1(serverlink::StaffCredential::kRoleTechnician);
    list.staff.append(tono);
    return list;
}

} // namespace teststaff
