#pragma once

#include "backendstore.h"
#include "letterrenderer.h"
#include "offices.h"
#include "result.h"
#include "sealsigner.h"
#include "trustlist.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <functional>
#include <mutex>
#include <optional>

namespace backend {

/// Letter seals on the backend (SQ2; SQ1 still verifies): office signing keys with usage windows (private keys as 0600
/// PEM files in keysDir), seals for letters, and the trust list and revocation list (server-link/api/seal.md §7).
/// The root's private key is never here: lists are signed by the online list-signing key the offline root delegated
/// to, or installed already signed by the root.
class SealService
{
public:
    SealService(BackendStore &store, const OfficeDirectory &offices, QString keysDir);

    /// A new key for an office (kode desa or kode kecamatan) usable from `validFrom`; refused while
    /// the office still has an open active key (use rotateKey). Empty signer: "Kepala Desa …"/"Camat …".
    [[nodiscard]] Result<SigningKeyRecord> createKey(const QString &officeCode, const QString &signer, const QDate &validFrom);
    /// New key from `validFrom`; the office's active keys are retired with their window ending that
    /// same day (one overlapping day, so letters signed earlier that day stay valid).
    [[nodiscard]] Result<SigningKeyRecord> rotateKey(const QString &officeCode, const QDate &validFrom);
    [[nodiscard]] Result<QList<SigningKeyRecord>> keys();
    /// Revokes a compromised key (`kid`: at least the 8 hex digits of its kid): its status in the next trust list is
    /// `revoked`, its private key file is deleted, and its office signs nothing until it has a new key.
    [[nodiscard]] Result<SigningKeyRecord> revokeKey(const QString &kid, const QString &reason);

    /// The public verification page every new seal's QR opens ([verifikasi] publicUrl); must pass seal::isVerifyUrl.
    void setVerifyUrl(const QString &url);
    [[nodiscard]] QString verifyUrl() const;

    /// Signs the seal of a letter issued by `issuerCode` (desa or kecamatan code). The office gets
    /// its first key here if it has none. The record is stored by the caller with the transition.
    [[nodiscard]] Result<SealRecord> sealLetter(const RequestRecord &request, const QString &issuerCode, const LetterContent &content);
    /// Withdraws a letter: its seal id goes on the revocation list, re-signed now.
    [[nodiscard]] Result<SealRecord> revokeLetter(const QString &registrationNumber, const QString &reason);

    /// The signed trust list; re-signed when the keys changed or the last one is older than a day. Without a
    /// delegation in force (and no imported list) it is the last list signed, or an error when there is none.
    [[nodiscard]] Result<SignedListRecord> trustList(const QDateTime &now = QDateTime::currentDateTimeUtc());
    [[nodiscard]] Result<SignedListRecord> revocationList(const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The root's public key (PEM) that kiosks pin (keys/root.pub.pem, installed with importSigned).
    [[nodiscard]] Result<QByteArray> rootPublicKeyPem();

    /// What the offline root signs next: the delegation of the online list-signing key (made on first use) for
    /// `days` from now, and the unsigned current trust list and revocation list payloads (seal.md §7.3).
    struct Payloads {
        QByteArray listSigner;
        QByteArray trustList;
        QByteArray revocations;
    };
    [[nodiscard]] Result<Payloads> exportPayloads(int days, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Installs an envelope the offline root signed (`root sign`): a delegation of this backend's list signer, a
    /// trust list or revocation list, or a next-root announcement. `rootPem`, when given, is the root's public
    /// key to pin first. Returns one Indonesian line saying what was installed.
    [[nodiscard]] Result<QString> importSigned(const QByteArray &envelope, const QByteArray &rootPem = {});
    /// An installation from before the offline root (keys/root.key.pem here): delegates to a new online list signer
    /// with the root, writes root.key.pem and root.pub.pem to `outDir` (0600, never replacing a file) and deletes
    /// the root's private key from keysDir. Returns the path of the moved key.
    [[nodiscard]] Result<QString> moveRootOut(const QString &outDir, int days);
    /// Whether the root's private key is still in keysDir (serve warns).
    [[nodiscard]] bool rootKeyOnline() const;
    /// The delegation lists are signed under, when one is installed.
    [[nodiscard]] std::optional<serverlink::seal::ListSignerDelegation> delegation();

    static constexpr int kListRefreshHours = 24;
    /// Default and largest delegation of the online list signer, in days (seal.md §7.3).
    static constexpr int kDelegationDays = 90;
    static constexpr int kMaxDelegationDays = 400;

private:
    [[nodiscard]] Result<QByteArray> legacyRootPem();
    [[nodiscard]] Result<serverlink::seal::SealSigner> listSigner(bool create);
    [[nodiscard]] QString keyPath(const QString &name) const;
    /// An envelope over `payload` by the list signer in force (or a pre-offline-root installation's root).
    [[nodiscard]] Result<SignedListRecord> signList(const QByteArray &payload, const QDateTime &now);
    [[nodiscard]] Result<serverlink::seal::TrustList> currentTrust();
    [[nodiscard]] Result<serverlink::seal::RevocationList> currentRevocations();
    [[nodiscard]] Result<SigningKeyRecord> addKey(const QString &office, const QString &signer, const QDate &validFrom);
    [[nodiscard]] Result<SignedListRecord> refreshList(const QString &name, const QByteArray &content, const QDateTime &now,
        const std::function<QByteArray(quint64, const QDateTime &)> &payload);

    BackendStore &m_store;
    const OfficeDirectory &m_offices;
    QString m_keysDir;
    QString m_verifyUrl;
    mutable std::recursive_mutex m_mutex;
};

/// Makes a new root key pair in `outDir` (root.key.pem 0600, root.pub.pem) on the offline machine; never replaces one.
[[nodiscard]] Result<QString> createRootKey(const QString &outDir);
/// Signs a payload file's bytes with the root (`root sign`): only the four payload types of seal.md §7.
[[nodiscard]] Result<QByteArray> signWithRoot(const QByteArray &rootPrivatePem, const QByteArray &payload);

/// The whole file; an Io error naming it otherwise.
[[nodiscard]] Result<QByteArray> readWholeFile(const QString &path);
/// Replaces `path` atomically with `bytes` (public material only: public keys, signed lists, payloads).
[[nodiscard]] Status writeWholeFile(const QString &path, const QByteArray &bytes);
/// `[verifikasi] publicUrl` of the backend's INI file: nullopt when the file or the key is absent, an error when the
/// value is not a URL a seal can carry (https://, 1–80 characters of A-Z a-z 0-9 . - / :).
[[nodiscard]] Result<std::optional<QString>> configuredVerifyUrl(const QString &iniPath);
/// https://HOST[:PORT]/v, the verification page on a console listener; a wildcard or unusable HOST becomes this
/// machine's host name (or localhost). Port 0 or 443: none written.
[[nodiscard]] QString consoleVerifyUrl(const QString &host = {}, quint16 port = 0);

/// ETag of a signed list: quoted hex SHA-256 of the envelope bytes.
[[nodiscard]] QString listEtag(const SignedListRecord &list);
/// Whether an If-None-Match header (comma-separated tags, or *) names `etag`: the answer is then 304.
[[nodiscard]] bool etagMatches(const QString &ifNoneMatch, const QString &etag);

} // namespace backend
