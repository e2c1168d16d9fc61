#pragma once

namespace backend {
class ConsoleServer;
class SealService;

/// Adds the public seal verification page to the console listener: GET /v (the page with the root key it pins),
/// its scripts, style and service worker under /v/, and the root-signed trust and revocation lists at the kiosk
/// API's paths (/api/v1/trust-list, /api/v1/revocations), all without a session (docs/decisions/0029-verification-page.md).
void addVerifyPage(ConsoleServer &console, SealService &seals);

} // namespace backend
