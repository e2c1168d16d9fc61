#pragma once

#include "backendstore.h"
#include "protocol.h"
#include "result.h"
#include "staffcard.h"
#include "workflow.h"

#include <QList>
#include <QString>

namespace backend {

class OfficeDirectory;

/// Who manages a desa's front-office staff: a super admin, the admin of its kecamatan, its own sekretaris desa.
[[nodiscard]] bool managesStaffOf(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode);

/// What the kiosks of `desaCode` get (GET /api/v1/staff-credentials): active staff with a card; PIN verifiers
/// only where sign-in without the card is allowed.
[[nodiscard]] Result<serverlink::StaffCredentials> staffCredentials(BackendStore &store, const QString &desaCode);

/// The front-office staff accounts of the kiosks, shared by the console and the CLI: add, set the PIN (which
/// issues a card), issue a new card (the old one stops working), allow sign-in without the card, deactivate,
/// and the credentials list a kiosk downloads. Card secrets leave only as the payload to print; never stored.
class StaffAccounts
{
public:
    /// `iterations`: PBKDF2 iterations of new verifiers (serverlink::staffcard::kMinIterations at least).
    StaffAccounts(BackendStore &store, const OfficeDirectory &offices, int iterations = serverlink::staffcard::kDefaultIterations);

    [[nodiscard]] int iterations() const { return m_iterations; }

    /// A new account without card or PIN yet; InvalidData for a bad username, name or role, UnknownOffice for a desa not in
    /// the table. `role` "teknisi" makes a technician of the desa's kiosks (technician mode, not the desk); empty: staff.
    [[nodiscard]] Result<StaffAccountRecord> add(
        const QString &desaCode, const QString &username, const QString &name, const QString &role = {});
    /// Sets the PIN (typed twice) and issues a new card bound to it; returns the card payload to print.
    [[nodiscard]] Result<QString> setPin(const QString &username, const QString &pin, const QString &repeat);
    /// A new card for the current PIN (typed again and checked): the old card stops working. Returns the payload.
    [[nodiscard]] Result<QString> issueCard(const QString &username, const QString &pin);
    /// Whether the staff member may sign in with username and PIN when the card is not at hand.
    [[nodiscard]] Status allowWithoutCard(const QString &username, bool allowed);
    /// The account stops working on every kiosk at their next sync; it stays listed in the console.
    [[nodiscard]] Status deactivate(const QString &username);
    /// The accounts of one desa, inactive ones included.
    [[nodiscard]] Result<QList<StaffAccountRecord>> list(const QString &desaCode) const;

private:
    [[nodiscard]] Result<StaffAccountRecord> active(const QString &username) const;
    [[nodiscard]] Result<QString> newCard(StaffAccountRecord staff, const QString &pin);

    BackendStore &m_store;
    const OfficeDirectory &m_offices;
    int m_iterations;
};

} // namespace backend
