#pragma once

#include "backendstore.h"
#include "letterrenderer.h"
#include "offices.h"
#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <functional>
#include <mutex>

namespace backend {

/// SQ1 seals on the backend: office signing keys with usage windows (private keys as 0600
/// PEM files in keysDir), the root key, seals for letters, and the root-signed trust list
/// and revocation list (server-link/api/seal.md §7).
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

    /// Signs the seal of a letter issued by `issuerCode` (desa or kecamatan code). The office gets
    /// its first key here if it has none. The record is stored by the caller with the transition.
    [[nodiscard]] Result<SealRecord> sealLetter(const RequestRecord &request, const QString &issuerCode, const LetterContent &content);
    /// Withdraws a letter: its seal id goes on the revocation list, re-signed now.
    [[nodiscard]] Result<SealRecord> revokeLetter(const QString &registrationNumber, const QString &reason);

    /// The signed trust list; re-signed when the keys changed or the last one is older than a day.
    [[nodiscard]] Result<SignedListRecord> trustList(const QDateTime &now = QDateTime::currentDateTimeUtc());
    [[nodiscard]] Result<SignedListRecord> revocationList(const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The root's public key (PEM) that kiosks pin; the root key pair is created on first use.
    [[nodiscard]] Result<QByteArray> rootPublicKeyPem();

    static constexpr int kListRefreshHours = 24;

private:
    [[nodiscard]] Result<QByteArray> rootPrivatePem();
    [[nodiscard]] Result<SigningKeyRecord> addKey(const QString &office, const QString &signer, const QDate &validFrom);
    [[nodiscard]] Result<SignedListRecord> refreshList(const QString &name, const QByteArray &content, const QDateTime &now,
        const std::function<QByteArray(quint64, const QDateTime &)> &payload);

    BackendStore &m_store;
    const OfficeDirectory &m_offices;
    QString m_keysDir;
    std::recursive_mutex m_mutex;
};

/// ETag of a signed list: quoted hex SHA-256 of the envelope bytes.
[[nodiscard]] QString listEtag(const SignedListRecord &list);
/// Whether an If-None-Match header (comma-separated tags, or *) names `etag`: the answer is then 304.
[[nodiscard]] bool etagMatches(const QString &ifNoneMatch, const QString &etag);

} // namespace backend
