#pragma once

namespace backend {
class ConsoleServer;
class PublicStatus;
struct PublicSettings;
class SealService;

/// Adds what the console listener offers without a login (issue #18 items 4–5): the status page (/status) and its
/// JSON (GET /api/public/v1/status/{reg}), rate limited per source address together, and bulk seal verification
/// for institutions (POST /api/public/v1/verify), limited per source by the number of seals. `seals` may be null
/// (a backend without seal keys): verification then answers 503.
void addPublicPages(ConsoleServer &console, PublicStatus &status, SealService *seals, const PublicSettings &limits);

} // namespace backend
