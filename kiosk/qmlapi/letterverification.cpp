#include "letterverification.h"

#include "sealverification.h"
#include "visitflow.h"

namespace kiosk {

LetterVerification::LetterVerification(VisitFlow &flow, const SealVerifier *verifier, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_verifier(verifier)
{
    connect(&m_flow, &VisitFlow::wiped, this, &LetterVerification::clear);
    // The verdict's word and meaning are read in the UI's language.
    connect(&m_flow, &VisitFlow::languageChanged, this, &LetterVerification::verdictChanged);
    m_nikPool.setMaxThreadCount(1);
}

LetterVerification::~LetterVerification()
{
    m_nikPool.waitForDone();
}

QString LetterVerification::explanation() const
{
    if (!m_verdict.known)
        return {};
    return m_flow.english() ? m_verdict.meaning() : m_verdict.reason;
}

void LetterVerification::clear()
{
    m_verdict = {};
    m_sealText.clear();
    m_nikChecked = false;
    m_nikMatches = false;
    m_nikChecking = false;
    ++m_nikCheck;
    Q_EMIT verdictChanged();
}

void LetterVerification::verify(const QString &sealText)
{
    m_flow.wipe();
    if (!m_verifier) {
        m_verdict.known = true;
        m_verdict.status = SealVerdict::Unknown;
        m_verdict.reason = tr("Anjungan ini belum memiliki daftar kunci tanda tangan. Hubungi teknisi.");
    } else {
        m_sealText = sealText;
        m_verdict = m_verifier->verify(sealText);
    }
    Q_EMIT verdictChanged();
    m_flow.show(VisitFlow::Verify);
}

void LetterVerification::checkHolderNik(const QString &nik)
{
    if (!m_verifier || m_sealText.isEmpty())
        return;
    const quint64 check = ++m_nikCheck;
    const auto fields = m_verifier->signedFields(m_sealText);
    if (!fields) {
        nikChecked(check, false);
        return;
    }
    m_nikChecking = true;
    Q_EMIT verdictChanged();
    // The tag's scrypt must not freeze the screen (and the watchdog's GUI-thread ping).
    m_nikPool.start([this, check, fields = *fields, nik = nik.trimmed()] {
        const bool matches = serverlink::seal::SealVerifier::nikMatches(fields, nik);
        QMetaObject::invokeMethod(
            this, [this, check, matches] { nikChecked(check, matches); }, Qt::QueuedConnection);
    });
}

void LetterVerification::nikChecked(quint64 check, bool matches)
{
    if (check != m_nikCheck)
        return;
    m_nikChecking = false;
    m_nikMatches = matches;
    m_nikChecked = true;
    Q_EMIT verdictChanged();
}

} // namespace kiosk
