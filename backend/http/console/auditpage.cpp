#include "auditpage.h"

#include "auditlog.h"
#include "backendstore.h"
#include "console/consoleserver.h"
#include "console/frontofficepage.h"
#include "console/html.h"

namespace backend {

using namespace console;

namespace {

/// The newest entries the page lists; narrow the period or the officer to see older ones.
constexpr int kShownEntries = 500;

ConsolePageReply auditPage(BackendStore &store, const ConsolePageRequest &req)
{
    const QString fromText = req.query.value(QStringLiteral("dari")).trimmed();
    const QString toText = req.query.value(QStringLiteral("sampai")).trimmed();
    const QString actor = req.query.value(QStringLiteral("petugas")).trimmed();
    AuditQuery query;
    query.actor = actor;
    query.limit = kShownEntries;
    QString error;
    // Days are the kecamatan's (WIB), as on the monitoring page; `to` includes its whole day.
    const auto readDay = [&error](const QString &text, const QString &name, bool end, QDateTime *into) {
        if (text.isEmpty())
            return;
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (!day.isValid()) {
            error = QStringLiteral("Tanggal \"%1\" tidak sah: tulis sebagai TTTT-BB-HH.").arg(name);
            return;
        }
        const auto [start, next] = frontoffice::wibDay(day);
        *into = end ? next : start;
    };
    readDay(fromText, QStringLiteral("dari"), false, &query.from);
    readDay(toText, QStringLiteral("sampai"), true, &query.to);
    ConsolePageReply reply;
    reply.bodyHtml = QStringLiteral("<form method=\"get\" action=\"/admin/audit\" class=\"aksi\"><label>Dari <input type=\"date\" "
                                    "name=\"dari\" value=\"%1\"></label> <label>Sampai <input type=\"date\" name=\"sampai\" "
                                    "value=\"%2\"></label> <label>Petugas (nama pengguna) <input type=\"text\" name=\"petugas\" "
                                    "value=\"%3\"></label> <button type=\"submit\">Tampilkan</button></form>")
                         .arg(html::escape(fromText), html::escape(toText), html::escape(actor));
    if (!error.isEmpty()) {
        reply.status = 400;
        reply.bodyHtml += QStringLiteral("<p class=\"galat\">%1</p>").arg(html::escape(error));
        return reply;
    }
    const auto entries = store.auditLog(query);
    if (!entries) {
        reply.status = 500;
        reply.bodyHtml += QStringLiteral("<p class=\"galat\">%1</p>").arg(html::escape(entries.error().message));
        return reply;
    }
    QStringList rows;
    for (const AuditRecord &a : entries.value())
        rows.append(html::cell(html::wibTime(a.at)) + html::cell(a.actor) + html::cell(a.source.isEmpty() ? QStringLiteral("—") : a.source)
            + html::cell(audit::actionLabel(a.action)) + html::cell(a.subject) + html::cell(a.detail));
    reply.bodyHtml += QStringLiteral("<p>Catatan ini hanya bertambah: tidak ada yang dapat mengubah atau menghapusnya. Paling banyak "
                                     "%1 catatan terbaru ditampilkan.</p>")
                          .arg(kShownEntries)
        + html::table({QStringLiteral("Waktu"), QStringLiteral("Oleh"), QStringLiteral("Dari alamat"), QStringLiteral("Tindakan"),
                          QStringLiteral("Untuk"), QStringLiteral("Rincian")},
            rows, QStringLiteral("Belum ada catatan pada periode ini."));
    return reply;
}

} // namespace

void addAuditPages(ConsoleServer &console, BackendStore &store)
{
    console.addPage(QStringLiteral("/admin/audit"), QStringLiteral("Log audit"), {Role::SuperAdmin},
        [&store](const ConsolePageRequest &req) { return auditPage(store, req); });
}

} // namespace backend
