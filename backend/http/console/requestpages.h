#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class DocumentArchive;
class ServiceCatalog;
class Workflow;

/// Adds the request pages of the officer console: the inbox (/), a request's detail, letter preview and
/// the officer's step on it (/permohonan/REG, /surat.pdf, /aksi), bulk signing (/tanda-tangan) and search (/cari);
/// with `documents`, the requirement pages beside the checklist (/permohonan/REG/halaman/PAGE, ?ukuran=kecil).
void addRequestPages(
    ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, Workflow &workflow, DocumentArchive *documents = nullptr);

} // namespace backend
