#pragma once

#include "kioskresult.h"
#include "protocol.h"
#include "staffmember.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <functional>
#include <optional>

namespace kiosk {

class KioskStore;

/// The front-office staff who may sign in at this kiosk, as last synced from the backend
/// (GET /api/v1/staff-credentials), kept in the store SEALED with the device key: a copied disk yields
/// no readable list, and a card's PIN verifier cannot be attacked without the physical card. Checks a
/// staff card + PIN, or username + PIN where allowed, offline; wrong PINs lock the staff member out
/// (StaffLockout), persisted in the store so a restart does not reset the count.
class StaffDirectory
{
public:
    using Clock = std::function<QDateTime()>;

    enum class Outcome {
        Granted,
        Denied, // wrong PIN
        LockedOut, // too many wrong PINs; secondsLocked says how long
        InvalidCard, // not a staff card at all
        UnknownCard, // a staff card this kiosk does not know (revoked, replaced, or not synced yet)
        UnknownUser,
        CardRequired, // sign-in without the card is not allowed for this staff member
        NotSynced, // no credentials list received yet (or it cannot be opened with this device key)
    };

    /// The verdict of one sign-in attempt, with a sentence for the staff member that says what to do.
    struct SignIn {
        Outcome outcome = Outcome::NotSynced;
        StaffMember staff; // who it concerns, when known (also on Denied and LockedOut)
        int secondsLocked = 0;
        int attemptsLeft = 0;
        QString message; // Bahasa Indonesia; empty when granted
        bool lockStarted = false; // this wrong PIN started the lockout (journaled once, not per refused attempt)

        [[nodiscard]] bool granted() const { return outcome == Outcome::Granted; }
    };

    StaffDirectory(const KioskStore &store, QByteArray deviceKey, Clock clock = &QDateTime::currentDateTimeUtc);

    /// Keeps a credentials list received from the backend (its body as sent and its ETag), sealed.
    /// InvalidData when the body is not a valid list: the previous list stays.
    [[nodiscard]] Status save(const QString &etag, const QByteArray &credentialsJson) const;
    /// The ETag of the stored list; empty before the first sync.
    [[nodiscard]] QString etag() const;
    /// The stored list; nullopt before the first sync or when it cannot be opened with this device key.
    [[nodiscard]] std::optional<serverlink::StaffCredentials> credentials() const;

    /// Who holds the card of `cardPayload` (without a PIN: to greet them on the PIN pad); the outcome is
    /// Granted when the card is known, else InvalidCard, UnknownCard or NotSynced.
    [[nodiscard]] SignIn identifyCard(const QString &cardPayload) const;
    [[nodiscard]] SignIn signInWithCard(const QString &cardPayload, const QString &pin) const;
    [[nodiscard]] SignIn signInWithPassword(const QString &username, const QString &pin) const;
    /// Seconds `username` is still locked out (0 when not).
    [[nodiscard]] int secondsLocked(const QString &username) const;

private:
    [[nodiscard]] SignIn checkPin(const serverlink::StaffCredential &staff, bool verified) const;
    [[nodiscard]] std::pair<int, QDateTime> lockout(const QString &username) const;
    [[nodiscard]] QString lockoutKey(const QString &username) const;

    const KioskStore &m_store;
    QByteArray m_key;
    Clock m_clock;
};

} // namespace kiosk
