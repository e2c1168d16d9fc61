#pragma once

#include "sealverifier.h"

#include <QObject>
#include <QThreadPool>

namespace kiosk {

class VisitFlow;

/// "Verifikasi Surat": the verdict on a scanned letter seal, and an officer's check of the
/// holder's NIK against it.
class LetterVerification : public QObject
{
    Q_OBJECT
    Q_PROPERTY(kiosk::SealVerdict verdict READ verdict NOTIFY verdictChanged)
    /// What the verdict means, in the UI's language: the verifier's own reason in Bahasa Indonesia.
    Q_PROPERTY(QString explanation READ explanation NOTIFY verdictChanged)
    Q_PROPERTY(bool nikChecked READ nikChecked NOTIFY verdictChanged)
    Q_PROPERTY(bool nikMatches READ nikMatches NOTIFY verdictChanged)
    /// A typed NIK is being checked (an SQ2 tag costs ~0.1 s of scrypt, off the GUI thread).
    Q_PROPERTY(bool nikChecking READ nikChecking NOTIFY verdictChanged)

public:
    /// Without a verifier (no pinned root key) every seal is TIDAK DIKENAL.
    LetterVerification(VisitFlow &flow, const SealVerifier *verifier, QObject *parent = nullptr);
    ~LetterVerification() override;

    [[nodiscard]] SealVerdict verdict() const { return m_verdict; }
    [[nodiscard]] QString explanation() const;
    [[nodiscard]] bool nikChecked() const { return m_nikChecked; }
    [[nodiscard]] bool nikMatches() const { return m_nikMatches; }
    [[nodiscard]] bool nikChecking() const { return m_nikChecking; }

    /// Verifies a letter's seal text (SQ2 "https://…#SQ2…" or "SQ1:…"), as scanned, and shows the verify screen.
    Q_INVOKABLE void verify(const QString &sealText);
    /// An officer checks the holder's NIK against the NIK tag of the last verified seal; the answer comes later
    /// (nikChecking until then).
    Q_INVOKABLE void checkHolderNik(const QString &nik);

Q_SIGNALS:
    void verdictChanged();

private:
    void clear();
    void nikChecked(quint64 check, bool matches);

    VisitFlow &m_flow;
    const SealVerifier *m_verifier;
    SealVerdict m_verdict;
    QString m_sealText;
    bool m_nikChecked = false;
    bool m_nikMatches = false;
    bool m_nikChecking = false;
    // Which check is current: a wipe or a newer check makes a late answer stale.
    quint64 m_nikCheck = 0;
    // Waited for on destruction, so no answer is ever posted to a deleted object.
    QThreadPool m_nikPool;
};

} // namespace kiosk
