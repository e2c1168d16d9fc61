// trust-vectors: writes the committed envelope vectors of tests/data/trust (seal.md §7.2–7.4: lists signed by a
// delegated list signer, an ended or foreign delegation, a next-root announcement) for every verifier to check
// against index.json. ECDSA signatures are randomised, so the files are generated once and committed:
//   trust-vectors tests/data/trust
#include "sealsigner.h"
#include "trustlist.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

using namespace serverlink::seal;

namespace {

const QDateTime kVerifyAt(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC);

[[noreturn]] void die(const QString &message)
{
    QTextStream(stderr) << "trust-vectors: " << message << '\n';
    std::exit(1);
}

template<typename T> T must(serverlink::Expected<T, QString> r)
{
    if (!r)
        die(r.error());
    return std::move(r.value());
}

void write(const QString &dir, const QString &name, const QByteArray &bytes)
{
    QSaveFile f(QDir(dir).filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        die(QStringLiteral("cannot write %1").arg(f.fileName()));
}

QByteArray revocations(quint64 sequence, const QDateTime &issuedAt)
{
    return RevocationList {sequence, issuedAt, {}}.toPayload();
}

QByteArray delegation(const SealSigner &root, const SealSigner &signer, const QDateTime &from, const QDateTime &until, quint64 sequence)
{
    return must(signEnvelope(root, ListSignerDelegation {sequence, signer.spki(), from, until}.toPayload()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2)
        die(QStringLiteral("usage: trust-vectors DIR"));
    const QString dir = app.arguments().at(1);
    QDir().mkpath(dir);
    const auto key = [] { return must(SealSigner::fromPrivatePem(must(generateKeyPair()).privatePem)); };
    const SealSigner root = key();
    const SealSigner nextRoot = key();
    const SealSigner otherRoot = key();
    const SealSigner listSigner = key();
    const SealSigner nextListSigner = key();
    const SealSigner stranger = key();
    write(dir, QStringLiteral("root.pub.pem"), publicPemFromSpki(root.spki()));
    write(dir, QStringLiteral("next-root.pub.pem"), publicPemFromSpki(nextRoot.spki()));

    const QByteArray current = delegation(root, listSigner, kVerifyAt.addDays(-10), kVerifyAt.addDays(80), 2);
    const QByteArray ended = delegation(root, listSigner, kVerifyAt.addDays(-100), kVerifyAt.addDays(-10), 1);
    const QByteArray announcement = must(signEnvelope(root, NextRoot {nextRoot.spki()}.toPayload()));
    QJsonArray cases;
    const auto add = [&](const QString &name, const QByteArray &envelope, bool accepted, const QString &why) {
        write(dir, name, envelope);
        cases.append(QJsonObject {{QStringLiteral("file"), name}, {QStringLiteral("accepted"), accepted}, {QStringLiteral("why"), why}});
    };
    add(QStringLiteral("root-signed.json"), must(signEnvelope(root, revocations(1, kVerifyAt.addDays(-1)))), true,
        QStringLiteral("signed by the pinned root itself"));
    add(QStringLiteral("delegated.json"), must(signEnvelope(listSigner, revocations(2, kVerifyAt.addDays(-1)), {current, {}})), true,
        QStringLiteral("signed by the list signer the root delegated to, issuedAt inside the window"));
    add(QStringLiteral("issued-after-window.json"), must(signEnvelope(listSigner, revocations(3, kVerifyAt.addDays(-1)), {ended, {}})),
        false, QStringLiteral("issuedAt after the delegation's notAfter"));
    add(QStringLiteral("delegation-ended.json"), must(signEnvelope(listSigner, revocations(4, kVerifyAt.addDays(-20)), {ended, {}})), false,
        QStringLiteral("issuedAt inside the window, but verifyAt is after notAfter"));
    add(QStringLiteral("uncertified-signer.json"), must(signEnvelope(stranger, revocations(5, kVerifyAt.addDays(-1)), {current, {}})),
        false, QStringLiteral("signed by a key other than the delegated one"));
    add(QStringLiteral("foreign-root-delegation.json"),
        must(signEnvelope(stranger, revocations(6, kVerifyAt.addDays(-1)),
            {delegation(otherRoot, stranger, kVerifyAt.addDays(-10), kVerifyAt.addDays(80), 7), {}})),
        false, QStringLiteral("delegation signed by a root that is not pinned"));
    add(QStringLiteral("signer-without-delegation.json"), must(signEnvelope(listSigner, revocations(8, kVerifyAt.addDays(-1)))), false,
        QStringLiteral("the list signer signs only with its delegation attached"));
    add(QStringLiteral("announces-next-root.json"),
        must(signEnvelope(listSigner, revocations(9, kVerifyAt.addDays(-1)), {current, announcement})), true,
        QStringLiteral("delegated list carrying the root's SQ1-NEXT-ROOT for next-root.pub.pem"));
    add(QStringLiteral("under-next-root.json"),
        must(signEnvelope(nextListSigner, revocations(10, kVerifyAt.addDays(-1)),
            {delegation(nextRoot, nextListSigner, kVerifyAt.addDays(-10), kVerifyAt.addDays(80), 1), {}})),
        false, QStringLiteral("delegated by the next root: refused until the announcement was kept, accepted after"));
    write(dir, QStringLiteral("index.json"),
        QJsonDocument(
            QJsonObject {{QStringLiteral("verifyAt"), kVerifyAt.toString(Qt::ISODate)},
                {QStringLiteral("rootPublicKey"), QStringLiteral("root.pub.pem")},
                {QStringLiteral("nextRootPublicKey"), QStringLiteral("next-root.pub.pem")},
                {QStringLiteral("announcement"), QStringLiteral("announces-next-root.json")},
                {QStringLiteral("acceptedAfterAnnouncement"), QStringLiteral("under-next-root.json")}, {QStringLiteral("cases"), cases}})
            .toJson(QJsonDocument::Indented));
    return 0;
}
