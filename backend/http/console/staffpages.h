#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class OfficeDirectory;

/// Adds the front-office staff page of the console (/petugas-loket) for admins and the sekretaris desa: list,
/// add, set the PIN (typed twice) and print the card, a new card, sign-in without the card, deactivate.
/// `iterations`: PBKDF2 iterations of new PIN verifiers.
void addStaffPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices, int iterations);

} // namespace backend
