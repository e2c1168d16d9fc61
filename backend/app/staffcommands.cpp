// kecamatan-backend staff: the front-office staff who sign in at the kiosks with a card and PIN.
#include "commands.h"
#include "staffaccounts.h"

#include <QTextStream>

namespace backend::cli {

int staffPinIterations(const QCommandLineParser &args)
{
    if (!args.isSet(QStringLiteral("staff-pin-iterations")))
        return serverlink::staffcard::kDefaultIterations;
    bool ok = false;
    const int n = args.value(QStringLiteral("staff-pin-iterations")).toInt(&ok);
    return ok && n >= serverlink::staffcard::kMinIterations ? n : -1;
}

int staff(Context &c)
{
    const int iterations = staffPinIterations(c.args);
    if (iterations < 0)
        return fail(
            QStringLiteral("--staff-pin-iterations harus bilangan bulat, paling sedikit %1.").arg(serverlink::staffcard::kMinIterations));
    StaffAccounts accounts(*c.backend->store, c.backend->offices, iterations);
    const QString sub = c.positional.at(1);
    const QString username = c.positional.value(2);
    QTextStream out(stdout);
    QTextStream in(stdin);
    if (sub == QLatin1String("list")) {
        const auto all = accounts.list(c.args.value(QStringLiteral("desa")).trimmed());
        if (!all)
            return fail(all.error().message);
        for (const StaffAccountRecord &s : all.value())
            out << s.username << '\t' << s.desaCode << '\t' << s.name << '\t' << (s.active ? "aktif" : "nonaktif") << '\t'
                << (s.cardLookup.isEmpty() ? "belum-ada-kartu" : "kartu") << '\t'
                << (s.allowWithoutCard ? "tanpa-kartu-boleh" : "wajib-kartu") << '\t' << s.role << '\n';
        return 0;
    }
    if (sub == QLatin1String("add")) {
        const auto added = accounts.add(c.args.value(QStringLiteral("desa")), c.args.value(QStringLiteral("username")),
            c.args.value(QStringLiteral("name")), c.args.value(QStringLiteral("role")));
        if (!added)
            return fail(added.error().message);
        out << added.value().username << '\t' << added.value().desaCode << '\n';
        return 0;
    }
    if (username.isEmpty())
        return fail(QStringLiteral("Sebutkan nama pengguna petugas: staff %1 PENGGUNA.").arg(sub));
    if (sub == QLatin1String("pin") || sub == QLatin1String("card")) {
        // The PIN comes on stdin (twice for a new PIN), never on the command line.
        const QString pin = in.readLine().trimmed();
        const auto card
            = sub == QLatin1String("pin") ? accounts.setPin(username, pin, in.readLine().trimmed()) : accounts.issueCard(username, pin);
        if (!card)
            return fail(card.error().message);
        out << card.value() << '\n';
        return 0;
    }
    if (sub == QLatin1String("fallback")) {
        const QString mode = c.positional.value(3);
        if (mode != QLatin1String("on") && mode != QLatin1String("off"))
            return fail(QStringLiteral("Gunakan staff fallback PENGGUNA on|off."));
        if (const Status done = accounts.allowWithoutCard(username, mode == QLatin1String("on")); !done)
            return fail(done.error().message);
        return 0;
    }
    if (sub == QLatin1String("deactivate")) {
        if (const Status done = accounts.deactivate(username); !done)
            return fail(done.error().message);
        return 0;
    }
    return fail(QStringLiteral("Gunakan staff add|pin|card|fallback|deactivate|list."));
}

} // namespace backend::cli
