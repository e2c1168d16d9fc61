// Text the kiosk did not write itself (an officer's note, a citizen's typed name, the name in a letter's seal) is shown
// as plain text through the real UI: an <img> in it fetches nothing, <font size=7> is printed as it is (#17 M7).
#include "crypto.h"
#include "kioskharness.h"
#include "sealsigner.h"
#include "sealverifier.h"
#include "trustcache.h"
#include "trustlist.h"

#include <QDir>
#include <QFile>
#include <QQmlComponent>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using serverlink::Stage;

namespace {
const QString kNik = QStringLiteral("3521115205010021");
const QString kOffice = QStringLiteral("3521112004");

/// A web server on loopback that answers nothing and remembers which paths were asked for.
class FetchListener : public QObject
{
public:
    FetchListener()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    const QList<QByteArray> words = socket->readLine().split(' ');
                    if (words.size() >= 2)
                        paths.append(QString::fromLatin1(words.at(1)));
                    socket->disconnectFromHost();
                });
            }
        });
    }
    [[nodiscard]] QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }

    QStringList paths;

private:
    QTcpServer m_server;
};

serverlink::seal::KeyPair keyPair()
{
    auto pair = serverlink::seal::generateKeyPair();
    if (!pair)
        qFatal("key pair: %s", qPrintable(pair.error()));
    return pair.value();
}
} // namespace

class TestUntrustedText : public QObject
{
    Q_OBJECT
    FetchListener m_listener;
    QTemporaryDir m_trustDir;
    kiosk::KioskStore m_trustStore;
    serverlink::seal::KeyPair m_root = keyPair();
    serverlink::seal::KeyPair m_office = keyPair();
    std::unique_ptr<kiosk::TrustCache> m_trust;
    std::unique_ptr<kiosk::SealVerifier> m_verifier;
    std::unique_ptr<KioskHarness> h;

    /// Markup that would fetch `path` from the listener and print huge letters, were it read as rich text.
    QString markup(const QString &path, const QString &word) const
    {
        return QStringLiteral("<img src=\"%1\"><font size=7>%2</font>").arg(m_listener.url(path), word);
    }

    /// Every visible text that shows `literal` is plain text (textFormat PlainText); at least one does.
    void shownLiterally(const QString &literal)
    {
        int shown = 0;
        for (QQuickItem *text : h->visibleTexts()) {
            if (!text->property("text").toString().contains(literal))
                continue;
            ++shown;
            if (text->inherits("QQuickText"))
                QCOMPARE(text->property("textFormat").toInt(), 0); // Text.PlainText
        }
        QVERIFY2(shown > 0, qPrintable(QStringLiteral("nothing on screen shows %1").arg(literal)));
    }

    /// The screens asked the listener for nothing: a control text left to guess its format (Text.AutoText) with the same
    /// markup does reach the listener, so a fetch of the screens' markup, made before it, would have been seen.
    void nothingFetched(const QString &control)
    {
        QQmlComponent component(h->engine.get());
        component.setData(QStringLiteral("import QtQuick\nText { textFormat: Text.AutoText; text: '%1' }")
                              .arg(markup(control, QStringLiteral("KONTROL")))
                              .toUtf8(),
            QUrl());
        std::unique_ptr<QObject> item(component.create());
        QVERIFY2(item, qPrintable(component.errorString()));
        qobject_cast<QQuickItem *>(item.get())->setParentItem(h->window->contentItem());
        QTRY_VERIFY_WITH_TIMEOUT(m_listener.paths.contains(control), 10000);
        // Asked for the control only (Qt asks again when the connection closes unanswered).
        QStringList others = m_listener.paths;
        others.removeAll(control);
        QVERIFY2(others.isEmpty(), qPrintable(others.join(QStringLiteral(", "))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_trustStore.open(m_trustDir.filePath(QStringLiteral("trust.sqlite"))));
        m_trust = std::make_unique<kiosk::TrustCache>(m_trustStore, m_root.spki);
        const auto root = serverlink::seal::SealSigner::fromPrivatePem(m_root.privatePem);
        QVERIFY(root);
        serverlink::seal::TrustList list;
        list.sequence = 1;
        list.issuedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        list.issuedAt.setTime(QTime(list.issuedAt.time().hour(), list.issuedAt.time().minute(), list.issuedAt.time().second()));
        serverlink::seal::TrustedKey key;
        key.kid = serverlink::seal::kidOf(m_office.spki);
        key.office = kOffice;
        key.officeName = QStringLiteral("Desa Pitu");
        key.signer = QStringLiteral("Kepala Desa Pitu");
        key.spki = m_office.spki;
        key.validFrom = QDate::currentDate().addDays(-30);
        list.keys = {key};
        serverlink::seal::RevocationList revocations;
        revocations.sequence = 1;
        revocations.issuedAt = list.issuedAt;
        const auto trustEnvelope = serverlink::seal::signEnvelope(root.value(), list.toPayload());
        const auto revocationsEnvelope = serverlink::seal::signEnvelope(root.value(), revocations.toPayload());
        QVERIFY(trustEnvelope && revocationsEnvelope);
        QVERIFY(m_trust->store(kiosk::TrustCache::Kind::TrustList, trustEnvelope.value(), QStringLiteral("\"t1\"")));
        QVERIFY(m_trust->store(kiosk::TrustCache::Kind::Revocations, revocationsEnvelope.value(), QStringLiteral("\"r1\"")));
        m_verifier = std::make_unique<kiosk::SealVerifier>(*m_trust, 7);
        h = std::make_unique<KioskHarness>(
            60000, 75000, 180000, QString(), kiosk::QueueBook::Settings {}, nullptr, std::nullopt, m_verifier.get());
        QVERIFY(h->load());
    }
    void init()
    {
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
    }

    void officerNoteIsPlainText()
    {
        const auto queued = h->outbox->enqueue({QStringLiteral("DOMISILI"), kNik, QStringLiteral("Budi Santoso"),
            QStringLiteral("Dusun Krajan"), QStringLiteral("Melamar kerja"), {}, {}});
        QVERIFY(queued.ok());
        QVERIFY(h->outbox->markDelivered(queued->id));
        const QString note = markup(QStringLiteral("/catatan"), QStringLiteral("CATATAN"));
        QVERIFY(h->outbox->applyChange({0, queued->registrationNumber, Stage::NeedsFix, note, QDateTime::currentDateTimeUtc(), false}));
        h->scan(kiosk::OutboxRepository::ticketQrPayload(queued->statusToken));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QVERIFY(h->waitFor(QStringLiteral("stageNote")));
        shownLiterally(QStringLiteral("<font size=7>CATATAN</font>"));
        nothingFetched(QStringLiteral("/kontrol-catatan"));
    }

    void typedNameIsPlainText()
    {
        QVERIFY(h->openSktmForm(kNik));
        QVERIFY(h->fillSktm(markup(QStringLiteral("/nama"), QStringLiteral("NAMA"))));
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        shownLiterally(QStringLiteral("<font size=7>NAMA</font>"));
        nothingFetched(QStringLiteral("/kontrol-nama"));
    }

    void sealNameIsPlainText()
    {
        const auto office = serverlink::seal::SealSigner::fromPrivatePem(m_office.privatePem);
        QVERIFY(office);
        serverlink::seal::SealFields fields;
        fields.documentType = 1;
        fields.office = kOffice;
        fields.serial = 7;
        fields.issued = QDate::currentDate();
        fields.nomorSurat = QStringLiteral("470/007/2026");
        fields.holderName = markup(QStringLiteral("/segel"), QStringLiteral("SEGEL"));
        fields.nikTag = QByteArray(serverlink::seal::nikTagSize(fields.version), '\x01');
        fields.documentHash = serverlink::crypto::sha256("surat");
        const auto seal = office.value().seal(fields, QStringLiteral("https://kecamatan.contoh.go.id/v"));
        QVERIFY2(seal, qPrintable(seal ? QString() : seal.error()));
        h->scan(seal.value().text);
        QVERIFY(h->waitForScreen(QStringLiteral("verify")));
        QTRY_COMPARE(h->areas->verification.verdict().nama, fields.holderName);
        shownLiterally(QStringLiteral("<font size=7>SEGEL</font>"));
        nothingFetched(QStringLiteral("/kontrol-segel"));
    }

    void everyTextInTheUiSaysItsFormat()
    {
        // A Text or Label left to guess (Text.AutoText) reads markup in what it shows: each one in ui/qml says which
        // format it shows, so a new screen cannot slip back to guessing.
        const QDir qml(qEnvironmentVariable("KIOSK_SOURCE_DIR") + QStringLiteral("/ui/qml"));
        const QStringList files = qml.entryList({QStringLiteral("*.qml")}, QDir::Files);
        QVERIFY(files.size() > 10);
        static const QRegularExpression textItem(QStringLiteral("\\b(Text|Label)\\s*\\{"));
        QStringList guessing;
        for (const QString &name : files) {
            QFile file(qml.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString source = QString::fromUtf8(file.readAll());
            for (auto it = textItem.globalMatch(source); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                // The item's own lines: up to its closing brace, nested items (and strings) left out.
                QString own;
                int depth = 1;
                bool inString = false;
                for (qsizetype i = m.capturedEnd(); i < source.size() && depth > 0; ++i) {
                    const QChar c = source.at(i);
                    if (c == QLatin1Char('"') && source.at(i - 1) != QLatin1Char('\\'))
                        inString = !inString;
                    else if (!inString && c == QLatin1Char('{'))
                        ++depth;
                    else if (!inString && c == QLatin1Char('}'))
                        --depth;
                    if (depth == 1 && !inString)
                        own += c;
                }
                if (!own.contains(QStringLiteral("textFormat:")))
                    guessing << QStringLiteral("%1:%2").arg(name).arg(source.left(m.capturedStart()).count(QLatin1Char('\n')) + 1);
            }
        }
        QVERIFY2(guessing.isEmpty(), qPrintable(guessing.join(QStringLiteral(", "))));
    }

    void cleanupTestCase() { h.reset(); }
};

QTEST_MAIN(TestUntrustedText)
#include "tst_untrusted_text.moc"
