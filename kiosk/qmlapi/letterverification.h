#pragma once

#include "sealverifier.h"

#include <QObject>

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

public:
    /// Without a verifier (no pinned root key) every seal is TIDAK DIKENAL.
    LetterVerification(VisitFlow &flow, const SealVerifier *verifier, QObject *parent = nullptr);

    [[nodiscard]] SealVerdict verdict() const { return m_verdict; }
    [[nodiscard]] QString explanation() const;
    [[nodiscard]] bool nikChecked() const { return m_nikChecked; }
    [[nodiscard]] bool nikMatches() const { return m_nikMatches; }

    /// Verifies a letter's seal text ("SQ1:…"), as scanned, and shows the verify screen.
    Q_INVOKABLE void verify(const QString &sealText);
    /// An officer checks the holder's NIK against the NIK tag of the last verified seal.
    Q_INVOKABLE void checkHolderNik(const QString &nik);

Q_SIGNALS:
    void verdictChanged();

private:
    void clear();

    VisitFlow &m_flow;
    const SealVerifier *m_verifier;
    SealVerdict m_verdict;
    QString m_sealText;
    bool m_nikChecked = false;
    bool m_nikMatches = false;
};

} // namespace kiosk
