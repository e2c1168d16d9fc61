// kecamatan-backend officer (accounts) and act (an officer's step on a request, as on the console).
#include "auditlog.h"
#include "commands.h"
#include "officeraccounts.h"

#include <QTextStream>

namespace backend::cli {

namespace {

/// The first line of stdin: passwords never show in the process list or the shell history.
QString readPassword()
{
    QTextStream in(stdin);
    return in.readLine();
}

/// "1,3,2" (1-based, as an officer counts) → {0, 2, 1}; nullopt when a number is not a positive integer.
std::optional<QList<int>> parseChecklist(const QString &text)
{
    QList<int> ticked;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int number = part.trimmed().toInt(&ok);
        if (!ok || number < 1)
            return std::nullopt;
        ticked.append(number - 1);
    }
    return ticked;
}

} // namespace

int officer(Context &c)
{
    BackendStore &store = *c.backend->store;
    const QString sub = c.positional.at(1);
    QTextStream out(stdout);
    if (sub == QLatin1String("list")) {
        const auto all = store.officers();
        if (!all)
            return fail(all.error().message);
        for (const auto &o : all.value())
            out << o.username << '\t' << roleToWire(o.role) << '\t' << o.office << '\t' << o.displayName << '\t'
                << (o.active ? "aktif" : "nonaktif") << '\n';
        return 0;
    }
    if (sub != QLatin1String("add"))
        return fail(QStringLiteral("Gunakan officer add|list."));
    NewOfficer input;
    input.username = c.args.value(QStringLiteral("username")).trimmed();
    input.role = c.args.value(QStringLiteral("role"));
    input.office = c.args.value(QStringLiteral("office")).trimmed();
    input.displayName = c.args.isSet(QStringLiteral("name")) ? c.args.value(QStringLiteral("name")) : input.username;
    input.phone = c.args.value(QStringLiteral("phone"));
    QStringList roleNames;
    for (Role r : allRoles())
        roleNames.append(roleToWire(r));
    if (input.username.isEmpty() || !roleFromWire(input.role) || input.office.isEmpty())
        return fail(QStringLiteral("--username U --role R --office KODE wajib; peran: %1.").arg(roleNames.join(QStringLiteral(", "))));
    input.password = readPassword();
    const auto prepared = prepareOfficer(input, c.backend->offices);
    if (!prepared)
        return fail(prepared.error().message);
    const OfficerRecord &o = prepared.value();
    if (const auto id = store.insertOfficer(o); !id)
        return fail(id.error().message);
    (void)audit::record(store, audit::commandLine(), QStringLiteral("petugas.tambah"), o.username,
        QStringLiteral("peran %1, kantor %2").arg(roleToWire(o.role), o.office));
    out << o.username << '\t' << roleToWire(o.role) << '\t' << o.office << '\n';
    return 0;
}

int act(Context &c)
{
    Backend &b = *c.backend;
    const QString reg = c.positional.at(1);
    const auto action = officerActionFromWire(c.positional.at(2));
    if (!action)
        return fail(
            QStringLiteral("Tindakan '%1' tidak dikenal; gunakan setujui, kembalikan, tolak atau serahkan.").arg(c.positional.at(2)));
    const QString username = c.args.value(QStringLiteral("as")).trimmed();
    if (username.isEmpty())
        return fail(QStringLiteral("--as PENGGUNA wajib: langkah selalu atas nama petugas yang bertindak."));
    QList<int> checked;
    if (c.args.isSet(QStringLiteral("checklist"))) {
        const auto parsed = parseChecklist(c.args.value(QStringLiteral("checklist")));
        if (!parsed)
            return fail(QStringLiteral("--checklist berisi nomor persyaratan dipisah koma, mulai dari 1 (mis. 1,2,3)."));
        checked = *parsed;
    }
    const QString password = readPassword();
    const auto found = b.store->officerByUsername(username);
    if (!found)
        return fail(QStringLiteral("Nama pengguna atau kata sandi salah."));
    // The CLI has no session: the password is asked for every step, as the console asks it again before a signature.
    if (auto verified = accounts::reauthenticate(*b.store, found.value().id, password, QDateTime::currentDateTimeUtc()); !verified)
        return fail(verified.error().message);
    const auto done = b.workflow->act(reg, found.value(), *action, c.args.value(QStringLiteral("note")), checked);
    if (!done)
        return fail(done.error().message);
    QTextStream out(stdout);
    out << reg << ' ' << serverlink::stageToWire(done.value().stage);
    if (!done.value().letterPath.isEmpty())
        out << ' ' << done.value().letterPath;
    out << '\n';
    return 0;
}

} // namespace backend::cli
