#include "staffdirectory.h"

#include "crypto.h"
#include "staffcard.h"
#include "stafflockout.h"
#include "store.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace kiosk {

namespace staffcard = serverlink::staffcard;

namespace {
const QByteArray kAad = QByteArrayLiteral("anjungan-staff-credentials-v1");

QString tr(const char *text)
{
    return QCoreApplication::translate("StaffDirectory", text);
}

QString notSyncedMessage()
{
    return tr("Daftar petugas belum diterima dari kecamatan. Sambungkan anjungan ke jaringan dan tunggu sinkronisasi, "
              "lalu coba lagi.");
}
} // namespace

StaffDirectory::StaffDirectory(const KioskStore &store, QByteArray deviceKey, Clock clock)
    : m_store(store)
    , m_key(std::move(deviceKey))
    , m_clock(std::move(clock))
{ }

Status StaffDirectory::save(const QString &etag, const QByteArray &credentialsJson) const
{
    QString why;
    if (!serverlink::StaffCredentials::fromJson(credentialsJson, &why))
        return Error {
            ErrorCode::InvalidData, QStringLiteral("Daftar petugas dari server tidak sah (%1); daftar lama tetap dipakai.").arg(why)};
    // The ETag travels inside the seal: the file shows neither it nor the list.
    const QByteArray plain = etag.toUtf8() + '\n' + credentialsJson;
    const auto written = m_store.write(QStringLiteral("daftar petugas"),
        QStringLiteral("INSERT INTO staff_credentials (id, sealed, saved_at) VALUES (1, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed, saved_at = excluded.saved_at"),
        {serverlink::crypto::aeadSeal(m_key, plain, kAad), m_clock().toUTC().toString(Qt::ISODateWithMs)});
    if (!written)
        return written.error();
    return Done {};
}

namespace {
std::optional<QByteArray> openStored(const KioskStore &store, const QByteArray &key)
{
    QSqlQuery q(store.connection());
    if (!q.exec(QStringLiteral("SELECT sealed FROM staff_credentials WHERE id = 1")) || !q.next())
        return std::nullopt;
    return serverlink::crypto::aeadOpen(key, q.value(0).toByteArray(), kAad);
}
} // namespace

QString StaffDirectory::etag() const
{
    const auto plain = openStored(m_store, m_key);
    if (!plain)
        return {};
    return QString::fromUtf8(plain->left(std::max<qsizetype>(0, plain->indexOf('\n'))));
}

std::optional<serverlink::StaffCredentials> StaffDirectory::credentials() const
{
    const auto plain = openStored(m_store, m_key);
    if (!plain || plain->indexOf('\n') < 0)
        return std::nullopt;
    return serverlink::StaffCredentials::fromJson(plain->mid(plain->indexOf('\n') + 1));
}

QString StaffDirectory::lockoutKey(const QString &username) const
{
    // Keyed hash: the lockout table names nobody, and cannot be matched against a list of usernames.
    return QString::fromLatin1(serverlink::crypto::sha256(m_key + QByteArrayLiteral("staff-lockout\0") + username.toUtf8()).toHex());
}

std::pair<int, QDateTime> StaffDirectory::lockout(const QString &username) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT failures, locked_until FROM staff_lockouts WHERE subject = ?"));
    q.addBindValue(lockoutKey(username));
    if (!q.exec() || !q.next())
        return {0, {}};
    return {q.value(0).toInt(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs)};
}

int StaffDirectory::secondsLocked(const QString &username) const
{
    const QDateTime until = lockout(username).second;
    if (!until.isValid())
        return 0;
    return int(std::max<qint64>(0, m_clock().secsTo(until)));
}

StaffDirectory::SignIn StaffDirectory::identifyCard(const QString &cardPayload) const
{
    const auto secret = staffcard::secretOf(cardPayload.trimmed());
    if (!secret)
        return {Outcome::InvalidCard, {}, 0, 0, tr("Kartu ini bukan kartu petugas yang sah. Gunakan kartu petugas dari kantor kecamatan.")};
    const auto list = credentials();
    if (!list)
        return {Outcome::NotSynced, {}, 0, 0, notSyncedMessage()};
    const QString lookup = staffcard::cardLookup(*secret);
    for (const auto &s : list->staff)
        if (s.cardLookup == lookup)
            return {Outcome::Granted, {s.username, s.name, s.isTechnician()}, 0, 0, {}};
    return {Outcome::UnknownCard, {}, 0, 0,
        tr("Kartu ini tidak berlaku di anjungan ini (sudah diganti atau dicabut). Minta kartu baru kepada sekretaris desa.")};
}

StaffDirectory::SignIn StaffDirectory::signInWithCard(const QString &cardPayload, const QString &pin) const
{
    SignIn known = identifyCard(cardPayload);
    if (!known.granted())
        return known;
    const QByteArray secret = *staffcard::secretOf(cardPayload.trimmed());
    const auto list = credentials();
    for (const auto &s : list ? list->staff : QList<serverlink::StaffCredential> {}) {
        if (s.username != known.staff.username)
            continue;
        if (secondsLocked(s.username) > 0)
            return checkPin(s, false);
        return checkPin(s, serverlink::crypto::sameBytes(staffcard::cardVerifier(pin, s.cardSalt, secret, s.iterations), s.cardVerifier));
    }
    return known;
}

StaffDirectory::SignIn StaffDirectory::signInWithPassword(const QString &username, const QString &pin) const
{
    const auto list = credentials();
    if (!list)
        return {Outcome::NotSynced, {}, 0, 0, notSyncedMessage()};
    const QString name = username.trimmed().toLower();
    for (const auto &s : list->staff) {
        if (s.username != name)
            continue;
        if (!s.allowsPinOnly())
            return {Outcome::CardRequired, {s.username, s.name, s.isTechnician()}, 0, 0,
                tr("%1 wajib masuk dengan kartu petugas. Pindai kartu Anda, atau minta sekretaris desa mengizinkan masuk tanpa kartu.")
                    .arg(s.name)};
        if (secondsLocked(s.username) > 0)
            return checkPin(s, false);
        return checkPin(s, serverlink::crypto::sameBytes(staffcard::pinVerifier(pin, s.pinSalt, s.iterations), s.pinVerifier));
    }
    return {
        Outcome::UnknownUser, {}, 0, 0, tr("Nama pengguna tidak dikenal di anjungan ini. Periksa ejaannya atau gunakan kartu petugas.")};
}

StaffDirectory::SignIn StaffDirectory::checkPin(const serverlink::StaffCredential &s, bool verified) const
{
    const StaffMember who {s.username, s.name, s.isTechnician()};
    const QString key = lockoutKey(s.username);
    if (const int locked = secondsLocked(s.username); locked > 0)
        return {Outcome::LockedOut, who, locked, 0,
            tr("Terlalu banyak PIN salah. Coba lagi dalam %1 detik, atau minta sekretaris desa mengatur PIN baru.").arg(locked)};
    if (verified) {
        (void)m_store.write(QStringLiteral("penguncian PIN"), QStringLiteral("DELETE FROM staff_lockouts WHERE subject = ?"), {key});
        return {Outcome::Granted, who, 0, 0, {}};
    }
    const int failures = lockout(s.username).first + 1;
    const int lockSeconds = StaffLockout::lockSeconds(failures);
    const QDateTime until = lockSeconds > 0 ? m_clock().toUTC().addSecs(lockSeconds) : QDateTime();
    (void)m_store.write(QStringLiteral("penguncian PIN"),
        QStringLiteral("INSERT INTO staff_lockouts (subject, failures, locked_until) VALUES (?, ?, ?) "
                       "ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until"),
        {key, failures, until.isValid() ? until.toString(Qt::ISODateWithMs) : QString::fromLatin1("")});
    if (lockSeconds > 0)
        return {Outcome::LockedOut, who, lockSeconds, 0,
            tr("Terlalu banyak PIN salah. Coba lagi dalam %1 detik, atau minta sekretaris desa mengatur PIN baru.").arg(lockSeconds), true};
    const int left = StaffLockout::kFreeAttempts - failures;
    return {Outcome::Denied, who, 0, left, tr("PIN salah. Sisa percobaan: %1.").arg(left)};
}

} // namespace kiosk
