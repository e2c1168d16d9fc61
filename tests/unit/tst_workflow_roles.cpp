#include "backend.h"
#include "crypto.h"
#include "officeraccounts.h"
#include "officers.h"
#include "workflowfixture.h"

#include <QTemporaryDir>
#include <QtTest>
#include <set>
#include <tuple>

using namespace backend;
using serverlink::ServiceLevel;
using serverlink::Stage;

Q_DECLARE_METATYPE(backend::Role)
Q_DECLARE_METATYPE(backend::OfficerAction)

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kNeighbourDesa = QStringLiteral("3521112005"); // same kecamatan
const QString kFarDesa = QStringLiteral("3522010001"); // another kecamatan
const QString kKecamatan = QStringLiteral("352111");
const QString kFarKecamatan = QStringLiteral("352201");

QByteArray officeTable()
{
    const auto desa = [](const QString &code, const QString &name, const QString &kec, const QString &kecCode) {
        return QStringLiteral(R"({"code":"%1","name":"Desa %2","place":"%2","address":"Jalan %2","kecamatan":"%3","kecamatanCode":"%4",)"
                              R"("kecamatanAddress":"Jalan Kecamatan %3","kabupaten":"Ngawi","kepalaDesa":"Kades %2",)"
                              R"("camat":"Camat %3","nomorFormat":"470/{nomor}/{kode}/{tahun}"})")
            .arg(code, name, kec, kecCode);
    };
    return QStringLiteral(R"({"desa":[%1,%2,%3]})")
        .arg(desa(kDesa, QStringLiteral("Pitu"), QStringLiteral("Pitu"), kKecamatan),
            desa(kNeighbourDesa, QStringLiteral("Bangunrejo"), QStringLiteral("Pitu"), kKecamatan),
            desa(kFarDesa, QStringLiteral("Jati"), QStringLiteral("Widodaren"), kFarKecamatan))
        .toUtf8();
}

const char *actionName(OfficerAction a)
{
    switch (a) {
    case OfficerAction::Approve:
        return "approve";
    case OfficerAction::Return:
        return "return";
    case OfficerAction::Reject:
        return "reject";
    case OfficerAction::HandOver:
        return "handover";
    }
    return "?";
}

/// The expected rights, written out independently of backend/workflow.cpp's table:
/// (level, stage, role, action) → stage the request ends in.
struct Expected {
    ServiceLevel level;
    Stage from;
    Role role;
    OfficerAction action;
    Stage result;
};

QList<Expected> expectedRights()
{
    using A = OfficerAction;
    QList<Expected> list;
    for (ServiceLevel level : {ServiceLevel::Desa, ServiceLevel::Kecamatan}) {
        const Stage afterKades = level == ServiceLevel::Desa ? Stage::Ready : Stage::DesaSigned;
        list += {
            {level, Stage::Received, Role::DesaFrontOffice, A::Approve, Stage::DesaReview},
            {level, Stage::Received, Role::DesaFrontOffice, A::Return, Stage::NeedsFix},
            {level, Stage::Received, Role::DesaFrontOffice, A::Reject, Stage::Rejected},
            {level, Stage::NeedsFix, Role::DesaFrontOffice, A::Approve, Stage::DesaReview},
            {level, Stage::NeedsFix, Role::DesaFrontOffice, A::Reject, Stage::Rejected},
            {level, Stage::DesaReview, Role::KepalaDesa, A::Approve, afterKades},
            {level, Stage::DesaReview, Role::KepalaDesa, A::Return, Stage::NeedsFix},
            {level, Stage::DesaReview, Role::KepalaDesa, A::Reject, Stage::Rejected},
            {level, Stage::DesaReview, Role::SekretarisDesa, A::Return, Stage::NeedsFix},
            {level, Stage::DesaReview, Role::SekretarisDesa, A::Reject, Stage::Rejected},
            {level, Stage::Ready, Role::DesaFrontOffice, A::HandOver, Stage::HandedOver},
        };
    }
    const ServiceLevel k = ServiceLevel::Kecamatan;
    for (Role r : {Role::KecamatanFrontOffice, Role::KasiPelayanan})
        list += {
            {k, Stage::DesaSigned, r, A::Approve, Stage::KecamatanReview},
            {k, Stage::DesaSigned, r, A::Return, Stage::NeedsFix},
            {k, Stage::DesaSigned, r, A::Reject, Stage::Rejected},
        };
    list += {
        {k, Stage::KecamatanReview, Role::Camat, A::Approve, Stage::Ready},
        {k, Stage::KecamatanReview, Role::Camat, A::Return, Stage::NeedsFix},
        {k, Stage::KecamatanReview, Role::Camat, A::Reject, Stage::Rejected},
        {k, Stage::KecamatanReview, Role::KasiPelayanan, A::Return, Stage::NeedsFix},
        {k, Stage::KecamatanReview, Role::KasiPelayanan, A::Reject, Stage::Rejected},
    };
    // Super admin may take every step any role may take (recovery); admin kecamatan takes none.
    const QList<Expected> base = list;
    for (const Expected &e : base) {
        const bool known = std::any_of(list.cbegin(), list.cend(), [&](const Expected &x) {
            return x.role == Role::SuperAdmin && x.level == e.level && x.from == e.from && x.action == e.action;
        });
        if (!known)
            list.append({e.level, e.from, Role::SuperAdmin, e.action, e.result});
    }
    return list;
}

/// Stages a request passes through to stand at `stage` (after RECEIVED).
QList<Stage> pathTo(ServiceLevel level, Stage stage)
{
    const QList<Stage> desa {Stage::DesaReview, Stage::DesaSigned};
    const QList<Stage> kec {Stage::DesaReview, Stage::DesaSigned, Stage::KecamatanReview, Stage::KecamatanSigned};
    const QList<Stage> main = level == ServiceLevel::Desa ? desa : kec;
    switch (stage) {
    case Stage::Received:
        return {};
    case Stage::NeedsFix:
        return {Stage::NeedsFix};
    case Stage::Rejected:
        return {Stage::Rejected};
    case Stage::Ready:
        return main + QList<Stage> {Stage::Ready};
    case Stage::HandedOver:
        return main + QList<Stage> {Stage::Ready, Stage::HandedOver};
    default:
        return main.mid(0, main.indexOf(stage) + 1);
    }
}

QString officeFor(Role role)
{
    return role == Role::SuperAdmin ? QStringLiteral("*") : isDesaRole(role) ? kDesa : kKecamatan;
}

} // namespace

/// Officer rights on the request lifecycle: every role × level × stage × action, office scope, delegation.
class TestWorkflowRoles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Backend> m_backend;
    int m_next = 0;

    OfficerRecord makeOfficer(Role role, const QString &office, const QString &name = {})
    {
        OfficerRecord o;
        o.username = QStringLiteral("u%1").arg(++m_next);
        o.displayName = name.isEmpty() ? QStringLiteral("%1 %2").arg(roleLabel(role)).arg(m_next) : name;
        o.role = role;
        o.office = office;
        // The workflow never looks at passwords; a real hash would only slow the table down.
        o.passwordHash = QStringLiteral("unused");
        const auto id = m_backend->store->insertOfficer(o);
        if (!id)
            qFatal("insertOfficer: %s", qPrintable(id.error().message));
        o.id = id.value();
        return o;
    }

    /// Every requirement of the service requestAt() uses for `level`: the document check ticked in full.
    QList<int> allTicked(ServiceLevel level) const
    {
        const auto service
            = m_backend->catalog.service(level == ServiceLevel::Desa ? QStringLiteral("SKTM") : QStringLiteral("AHLI_WARIS"));
        QList<int> ticked;
        for (int i = 0; i < service->requirements.size(); ++i)
            ticked.append(i);
        return ticked;
    }

    /// A new request of `level` from `desa`, moved straight in the store to `stage`.
    QString requestAt(ServiceLevel level, Stage stage, const QString &desa = kDesa)
    {
        const QString reg = QStringLiteral("REG-%1").arg(++m_next);
        NewRequest n;
        n.kioskId = QStringLiteral("KIOSK-0001");
        n.desaCode = desa;
        n.idempotencyKey = QStringLiteral("key-%1-000000000000").arg(reg);
        n.level = level;
        n.submit.registrationNumber = reg;
        n.submit.serviceCode = level == ServiceLevel::Desa ? QStringLiteral("SKTM") : QStringLiteral("AHLI_WARIS");
        n.submit.nik = QStringLiteral("3521114506800002");
        n.submit.name = QStringLiteral("Siti Aminah");
        n.submit.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
        n.submit.purpose = QStringLiteral("Uji hak petugas");
        n.submit.submittedAt = QDateTime::currentDateTimeUtc();
        n.bodySha256 = reg;
        if (!m_backend->store->insertRequest(n))
            qFatal("insertRequest failed");
        Stage at = Stage::Received;
        for (Stage next : pathTo(level, stage)) {
            const auto moved = m_backend->store->applyTransition(
                reg, Transition {at, next, QStringLiteral("penyiapan"), QStringLiteral("test"), QStringLiteral("x"), {}, {}, {}});
            if (!moved)
                qFatal("applyTransition: %s", qPrintable(moved.error().message));
            at = next;
        }
        return reg;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
        // Three desa in two kecamatan, saved as the console saves desa master data.
        const auto table = OfficeDirectory::fromJson(officeTable());
        QVERIFY2(table, table ? "" : qPrintable(table.error().message));
        for (const DesaOffice &desa : table.value().all()) {
            const auto saved = m_backend->offices.save(desa, QStringLiteral("penyiapan"));
            QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
        }
    }

    void everyRoleStageAndAction_data()
    {
        QTest::addColumn<ServiceLevel>("level");
        QTest::addColumn<Stage>("from");
        QTest::addColumn<Role>("role");
        QTest::addColumn<OfficerAction>("action");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<Stage>("result");
        const QList<Expected> rights = expectedRights();
        for (ServiceLevel level : {ServiceLevel::Desa, ServiceLevel::Kecamatan}) {
            QList<Stage> stages {
                Stage::Received, Stage::DesaReview, Stage::DesaSigned, Stage::NeedsFix, Stage::Ready, Stage::HandedOver, Stage::Rejected};
            if (level == ServiceLevel::Kecamatan)
                stages += {Stage::KecamatanReview, Stage::KecamatanSigned};
            for (Stage from : stages)
                for (Role role : allRoles())
                    for (OfficerAction action :
                        {OfficerAction::Approve, OfficerAction::Return, OfficerAction::Reject, OfficerAction::HandOver}) {
                        const auto it = std::find_if(rights.cbegin(), rights.cend(),
                            [&](const Expected &e) { return e.level == level && e.from == from && e.role == role && e.action == action; });
                        const bool allowed = it != rights.cend();
                        QTest::addRow("%s %s %s %s %s", qPrintable(serverlink::levelToWire(level)),
                            qPrintable(serverlink::stageToWire(from)), qPrintable(roleToWire(role)), actionName(action),
                            allowed ? "allowed" : "refused")
                            << level << from << role << action << allowed << (allowed ? it->result : from);
                    }
        }
    }
    void everyRoleStageAndAction()
    {
        QFETCH(ServiceLevel, level);
        QFETCH(Stage, from);
        QFETCH(Role, role);
        QFETCH(OfficerAction, action);
        QFETCH(bool, allowed);
        QFETCH(Stage, result);
        const OfficerRecord officer = makeOfficer(role, officeFor(role));
        const QString reg = requestAt(level, from);
        const auto before = m_backend->store->events(reg).value().size();

        const auto capacities = m_backend->workflow->capacities(officer, QDate::currentDate());
        QVERIFY(capacities);
        const bool offered
            = m_backend->workflow->allowedActions(capacities.value(), m_backend->store->request(reg).value()).contains(action);
        QCOMPARE(offered, allowed);

        const auto done = m_backend->workflow->act(reg, officer, action, QStringLiteral("alasan uji"), allTicked(level));
        QCOMPARE(done.ok(), allowed);
        QCOMPARE(m_backend->store->request(reg).value().stage, result);
        const auto events = m_backend->store->events(reg).value();
        if (!allowed) {
            QVERIFY(done.error().code == ErrorCode::Forbidden || done.error().code == ErrorCode::TransitionNotAllowed);
            QVERIFY(!done.error().message.isEmpty());
            QCOMPARE(events.size(), before);
            return;
        }
        // Who, in which role, when and why: recorded with the step itself.
        QVERIFY(events.size() > before);
        const EventRecord &mine = events.at(before);
        QCOMPARE(mine.actor, officer.displayName);
        QCOMPARE(mine.role, roleToWire(role));
        QVERIFY(mine.at.isValid());
        QVERIFY(qAbs(mine.at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        if (action == OfficerAction::Return || action == OfficerAction::Reject)
            QCOMPARE(mine.note, QStringLiteral("alasan uji"));
        if (result == Stage::Ready && action == OfficerAction::Approve) {
            QCOMPARE(events.last().stage, Stage::Ready);
            QVERIFY(QFile::exists(m_backend->store->request(reg).value().letterPath));
            QVERIFY(!m_backend->store->request(reg).value().nomorSurat.isEmpty());
        }
    }

    void officeScope_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<ServiceLevel>("level");
        QTest::addColumn<Stage>("from");
        QTest::addColumn<QString>("requestDesa");
        QTest::addColumn<bool>("allowed");
        const ServiceLevel d = ServiceLevel::Desa;
        const ServiceLevel k = ServiceLevel::Kecamatan;
        QTest::newRow("front office own desa") << Role::DesaFrontOffice << d << Stage::Received << kDesa << true;
        QTest::newRow("front office neighbour desa") << Role::DesaFrontOffice << d << Stage::Received << kNeighbourDesa << false;
        QTest::newRow("kades own desa") << Role::KepalaDesa << d << Stage::DesaReview << kDesa << true;
        QTest::newRow("kades neighbour desa") << Role::KepalaDesa << d << Stage::DesaReview << kNeighbourDesa << false;
        QTest::newRow("kades far desa") << Role::KepalaDesa << d << Stage::DesaReview << kFarDesa << false;
        QTest::newRow("kasi desa of kecamatan") << Role::KasiPelayanan << k << Stage::DesaSigned << kNeighbourDesa << true;
        QTest::newRow("kasi other kecamatan") << Role::KasiPelayanan << k << Stage::DesaSigned << kFarDesa << false;
        QTest::newRow("camat desa of kecamatan") << Role::Camat << k << Stage::KecamatanReview << kDesa << true;
        QTest::newRow("camat other kecamatan") << Role::Camat << k << Stage::KecamatanReview << kFarDesa << false;
        QTest::newRow("super admin anywhere") << Role::SuperAdmin << k << Stage::KecamatanReview << kFarDesa << true;
    }
    void officeScope()
    {
        QFETCH(Role, role);
        QFETCH(ServiceLevel, level);
        QFETCH(Stage, from);
        QFETCH(QString, requestDesa);
        QFETCH(bool, allowed);
        const OfficerRecord officer = makeOfficer(role, officeFor(role));
        const QString reg = requestAt(level, from, requestDesa);
        const auto caps = m_backend->workflow->capacities(officer, QDate::currentDate()).value();
        QCOMPARE(m_backend->workflow->inScope(caps, m_backend->store->request(reg).value()), allowed);
        const auto done = m_backend->workflow->act(reg, officer, OfficerAction::Return, QStringLiteral("berkas kurang"));
        QCOMPARE(done.ok(), allowed);
        if (!allowed) {
            QCOMPARE(done.error().code, ErrorCode::Forbidden);
            QCOMPARE(m_backend->store->request(reg).value().stage, from);
        }
    }

    void checklistIsAPrecondition()
    {
        const OfficerRecord frontOffice = makeOfficer(Role::DesaFrontOffice, kDesa);
        for (Stage from : {Stage::Received, Stage::NeedsFix}) {
            const QString reg = requestAt(ServiceLevel::Desa, from);
            const auto before = m_backend->store->events(reg).value().size();
            QList<int> missingLast = allTicked(ServiceLevel::Desa);
            const int last = int(missingLast.takeLast());
            for (const QList<int> &ticked : {QList<int> {}, missingLast}) {
                const auto refused = m_backend->workflow->act(reg, frontOffice, OfficerAction::Approve, {}, ticked);
                QVERIFY(!refused);
                QCOMPARE(refused.error().code, ErrorCode::ChecklistIncomplete);
                QCOMPARE(m_backend->store->events(reg).value().size(), before);
            }
            QVERIFY(m_backend->workflow->act(reg, frontOffice, OfficerAction::Approve, {}, missingLast)
                        .error()
                        .message.contains(m_backend->catalog.service(QStringLiteral("SKTM"))->requirements.at(last)));
            const auto done = m_backend->workflow->act(
                reg, frontOffice, OfficerAction::Approve, QStringLiteral("asli dilihat"), allTicked(ServiceLevel::Desa));
            QVERIFY2(done, done ? "" : qPrintable(done.error().message));
            QCOMPARE(done.value().stage, Stage::DesaReview);
            QCOMPARE(m_backend->store->events(reg).value().last().note,
                QStringLiteral("Berkas diperiksa petugas desa; persyaratan lengkap (4/4). asli dilihat"));
        }
        // Returning or rejecting needs no ticks: the documents are what is wrong.
        const QString reg = requestAt(ServiceLevel::Desa, Stage::Received);
        QVERIFY(m_backend->workflow->act(reg, frontOffice, OfficerAction::Return, QStringLiteral("KK tidak dibawa")));
    }

    void signingTwiceRefused()
    {
        const OfficerRecord frontOffice = makeOfficer(Role::DesaFrontOffice, kDesa);
        const OfficerRecord kades = makeOfficer(Role::KepalaDesa, kDesa);
        for (ServiceLevel level : {ServiceLevel::Desa, ServiceLevel::Kecamatan}) {
            const QString reg = requestAt(level, Stage::Received);
            QVERIFY(m_backend->workflow->act(reg, frontOffice, OfficerAction::Approve, {}, allTicked(level)));
            const auto signedOnce = m_backend->workflow->act(reg, kades, OfficerAction::Approve);
            QVERIFY2(signedOnce, signedOnce ? "" : qPrintable(signedOnce.error().message));
            const QString nomor = signedOnce.value().nomorSurat;
            const auto events = m_backend->store->events(reg).value().size();
            const auto again = m_backend->workflow->act(reg, kades, OfficerAction::Approve);
            QVERIFY(!again);
            QCOMPARE(m_backend->store->events(reg).value().size(), events);
            QCOMPARE(m_backend->store->request(reg).value().nomorSurat, nomor);
        }
        const OfficerRecord camat = makeOfficer(Role::Camat, kKecamatan);
        const QString reg = requestAt(ServiceLevel::Kecamatan, Stage::KecamatanReview);
        QVERIFY(m_backend->workflow->act(reg, camat, OfficerAction::Approve));
        QCOMPARE(m_backend->store->request(reg).value().stage, Stage::Ready);
        const auto again = m_backend->workflow->act(reg, camat, OfficerAction::Approve);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::TransitionNotAllowed);
    }

    // #17 M1: a step decided at one stage (the console asked no passphrase at RECEIVED) is refused once the request has
    // moved on, so a super admin's second click never becomes a signature.
    void stepAppliesOnlyAtTheStageSeen()
    {
        const OfficerRecord admin = makeOfficer(Role::SuperAdmin, QStringLiteral("*"));
        const QString reg = requestAt(ServiceLevel::Desa, Stage::Received);
        const auto forwarded
            = m_backend->workflow->act(reg, admin, OfficerAction::Approve, {}, allTicked(ServiceLevel::Desa), Stage::Received);
        QVERIFY2(forwarded, forwarded ? "" : qPrintable(forwarded.error().message));
        QCOMPARE(forwarded.value().stage, Stage::DesaReview);
        const auto events = m_backend->store->events(reg).value().size();
        const auto second
            = m_backend->workflow->act(reg, admin, OfficerAction::Approve, {}, allTicked(ServiceLevel::Desa), Stage::Received);
        QVERIFY(!second);
        QCOMPARE(second.error().code, ErrorCode::TransitionNotAllowed);
        QCOMPARE(m_backend->store->events(reg).value().size(), events);
        QCOMPARE(m_backend->store->request(reg).value().stage, Stage::DesaReview);
        // Decided at the signing stage itself, the signature goes through.
        const auto signature = m_backend->workflow->act(reg, admin, OfficerAction::Approve, {}, {}, Stage::DesaReview);
        QVERIFY2(signature, signature ? "" : qPrintable(signature.error().message));
        QCOMPARE(signature.value().stage, Stage::Ready);
    }

    void skippingRefused()
    {
        const OfficerRecord kades = makeOfficer(Role::KepalaDesa, kDesa);
        const OfficerRecord camat = makeOfficer(Role::Camat, kKecamatan);
        const QString reg = requestAt(ServiceLevel::Kecamatan, Stage::Received);
        // Signers cannot jump over the front office or the kasi, nor does the lifecycle let a stage be skipped.
        QCOMPARE(m_backend->workflow->act(reg, kades, OfficerAction::Approve).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_backend->workflow->act(reg, camat, OfficerAction::Approve).error().code, ErrorCode::Forbidden);
        QCOMPARE(lifecycle::checkTransition(ServiceLevel::Kecamatan, Stage::Received, Stage::DesaSigned, {}).error().code,
            ErrorCode::TransitionNotAllowed);
        QCOMPARE(lifecycle::checkTransition(ServiceLevel::Kecamatan, Stage::Received, Stage::Ready, {}).error().code,
            ErrorCode::TransitionNotAllowed);
        QCOMPARE(m_backend->store->request(reg).value().stage, Stage::Received);
        QCOMPARE(m_backend->store->events(reg).value().size(), 1);
    }

    void reasonRequired()
    {
        const OfficerRecord frontOffice = makeOfficer(Role::DesaFrontOffice, kDesa);
        const QString reg = requestAt(ServiceLevel::Desa, Stage::Received);
        for (OfficerAction a : {OfficerAction::Return, OfficerAction::Reject}) {
            const auto done = m_backend->workflow->act(reg, frontOffice, a, QStringLiteral("   "));
            QVERIFY(!done);
            QCOMPARE(done.error().code, ErrorCode::ReasonRequired);
        }
        QCOMPARE(m_backend->store->request(reg).value().stage, Stage::Received);
    }

    void delegateSignsForKadesOnLeave()
    {
        const OfficerRecord kades = makeOfficer(Role::KepalaDesa, kDesa, QStringLiteral("Sugeng Riyadi"));
        const OfficerRecord sekdes = makeOfficer(Role::SekretarisDesa, kDesa, QStringLiteral("Wulan Sari"));
        const OfficerRecord otherSekdes = makeOfficer(Role::SekretarisDesa, kNeighbourDesa, QStringLiteral("Bayu"));
        const QString reg = requestAt(ServiceLevel::Desa, Stage::DesaReview);
        // Without leave the sekdes may not sign.
        QCOMPARE(m_backend->workflow->act(reg, sekdes, OfficerAction::Approve).error().code, ErrorCode::Forbidden);

        const QDate today = QDate::currentDate();
        const auto leave = m_backend->store->insertDelegation(DelegationRecord {
            0, kades.id, sekdes.id, today.addDays(-1), today.addDays(2), QStringLiteral("Cuti tahunan"), QStringLiteral("admin"), {}, {}});
        QVERIFY(leave);
        // The kades on leave signs nothing; a sekdes of another desa gains nothing.
        QCOMPARE(m_backend->workflow->act(reg, kades, OfficerAction::Approve).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_backend->workflow->act(reg, otherSekdes, OfficerAction::Approve).error().code, ErrorCode::Forbidden);
        const auto caps = m_backend->workflow->capacities(sekdes, today).value();
        QCOMPARE(caps.size(), 2);
        QCOMPARE(caps.at(1).role, Role::KepalaDesa);
        QCOMPARE(caps.at(1).onBehalfOf, QStringLiteral("Sugeng Riyadi"));

        const auto signedByDelegate = m_backend->workflow->act(reg, sekdes, OfficerAction::Approve);
        QVERIFY2(signedByDelegate, signedByDelegate ? "" : qPrintable(signedByDelegate.error().message));
        QCOMPARE(signedByDelegate.value().stage, Stage::Ready);
        const auto events = m_backend->store->events(reg).value();
        const auto signature
            = std::find_if(events.cbegin(), events.cend(), [](const EventRecord &e) { return e.stage == Stage::DesaSigned; });
        QVERIFY(signature != events.cend());
        QCOMPARE(signature->actor, QStringLiteral("Wulan Sari a.n. Sugeng Riyadi"));
        QCOMPARE(signature->role, QStringLiteral("kepala_desa"));
        // The letter names the delegate under "a.n." the kepala desa, with the delegate's own position.
        QCOMPARE(signedByDelegate.value().signer.name, QStringLiteral("Wulan Sari"));
        QCOMPARE(signedByDelegate.value().signer.title, QStringLiteral("Sekretaris Desa"));
        QCOMPARE(signedByDelegate.value().signer.onBehalfOf, QStringLiteral("Kepala Desa Pitu"));
        QCOMPARE(m_backend->store->request(reg).value().signer.name, QStringLiteral("Wulan Sari"));

        // Leave over (cancelled): the kades signs again, the sekdes no longer can.
        QVERIFY(m_backend->store->cancelDelegation(leave.value(), QDateTime::currentDateTimeUtc()));
        const QString next = requestAt(ServiceLevel::Desa, Stage::DesaReview);
        QCOMPARE(m_backend->workflow->act(next, sekdes, OfficerAction::Approve).error().code, ErrorCode::Forbidden);
        const auto signedByKades = m_backend->workflow->act(next, kades, OfficerAction::Approve);
        QVERIFY(signedByKades);
        QCOMPARE(signedByKades.value().signer.name, m_backend->offices.desa(kDesa)->kepalaDesa);
        QCOMPARE(signedByKades.value().signer.title, QStringLiteral("Kepala Desa Pitu"));
        QVERIFY(signedByKades.value().signer.onBehalfOf.isEmpty());
    }

    void inactiveOfficerRefused()
    {
        OfficerRecord frontOffice = makeOfficer(Role::DesaFrontOffice, kDesa);
        frontOffice.active = false;
        QVERIFY(m_backend->store->updateOfficer(frontOffice));
        const OfficerRecord stored = m_backend->store->officer(frontOffice.id).value();
        QVERIFY(!stored.active);
        const QString reg = requestAt(ServiceLevel::Desa, Stage::Received);
        QCOMPARE(m_backend->workflow->act(reg, stored, OfficerAction::Approve).error().code, ErrorCode::Forbidden);
    }

    void lockoutGrowsAndPersists()
    {
        QCOMPARE(lockout::delaySeconds(4), 0);
        QCOMPARE(lockout::delaySeconds(5), lockout::kBaseDelaySeconds);
        QCOMPARE(lockout::delaySeconds(6), 2 * lockout::kBaseDelaySeconds);
        QCOMPARE(lockout::delaySeconds(7), 4 * lockout::kBaseDelaySeconds);
        QCOMPARE(lockout::delaySeconds(100), lockout::kMaxDelaySeconds);

        const OfficerRecord o = makeOfficer(Role::Camat, kKecamatan);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 1; i <= 4; ++i)
            QVERIFY(m_backend->store->recordLoginAttempt(o.id, false, now).value().lockedUntil.isNull());
        const auto fifth = m_backend->store->recordLoginAttempt(o.id, false, now);
        QCOMPARE(fifth.value().failedLogins, 5);
        QCOMPARE(fifth.value().lockedUntil.toSecsSinceEpoch(), now.addSecs(lockout::kBaseDelaySeconds).toSecsSinceEpoch());
        QCOMPARE(m_backend->store->recordLoginAttempt(o.id, false, now).value().lockedUntil.toSecsSinceEpoch(),
            now.addSecs(2 * lockout::kBaseDelaySeconds).toSecsSinceEpoch());

        // A second store on the same file (a restart) still sees the lock.
        auto reopened = BackendStore::open(m_dir.filePath(QStringLiteral("data/backend.sqlite")));
        QVERIFY(reopened);
        const auto again = reopened.value()->officer(o.id);
        QCOMPARE(again.value().failedLogins, 6);
        QVERIFY(again.value().lockedUntil > now);
        QVERIFY(reopened.value()->recordLoginAttempt(o.id, true, now).value().lockedUntil.isNull());
        QCOMPARE(m_backend->store->officer(o.id).value().failedLogins, 0);
    }

    void accountRules_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("office");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("accepted");
        const QString pw = QStringLiteral("sepuluh-kar");
        QTest::newRow("kades") << QStringLiteral("Kades.Pitu") << QStringLiteral("kepala_desa") << kDesa << QString() << pw << true;
        QTest::newRow("with phone") << QStringLiteral("kaur") << QStringLiteral("desa_front_office") << kDesa
                                    << QStringLiteral("0812-3456-7890") << pw << true;
        QTest::newRow("super admin any office")
            << QStringLiteral("root") << QStringLiteral("super_admin") << QString() << QString() << pw << true;
        QTest::newRow("username too short") << QStringLiteral("fo") << QStringLiteral("kepala_desa") << kDesa << QString() << pw << false;
        QTest::newRow("username with space") << QStringLiteral("pak lurah") << QStringLiteral("kepala_desa") << kDesa << QString() << pw
                                             << false;
        QTest::newRow("unknown role") << QStringLiteral("kades") << QStringLiteral("lurah") << kDesa << QString() << pw << false;
        QTest::newRow("password nine") << QStringLiteral("kades") << QStringLiteral("kepala_desa") << kDesa << QString()
                                       << QStringLiteral("sembilan!") << false;
        QTest::newRow("bad phone") << QStringLiteral("kades") << QStringLiteral("kepala_desa") << kDesa << QStringLiteral("12345") << pw
                                   << false;
        QTest::newRow("desa role, kecamatan code")
            << QStringLiteral("kades") << QStringLiteral("kepala_desa") << kKecamatan << QString() << pw << false;
    }
    void accountRules()
    {
        QFETCH(QString, username);
        QFETCH(QString, role);
        QFETCH(QString, office);
        QFETCH(QString, phone);
        QFETCH(QString, password);
        QFETCH(bool, accepted);
        const auto prepared
            = prepareOfficer(NewOfficer {username, QStringLiteral("Nama Lengkap"), role, office, phone, password}, m_backend->offices);
        QCOMPARE(prepared.ok(), accepted);
        if (!accepted) {
            QVERIFY(!prepared.error().message.isEmpty());
            return;
        }
        QCOMPARE(prepared.value().username, username.toLower());
        QVERIFY(serverlink::crypto::verifySecret(password, prepared.value().passwordHash));
        if (role == QLatin1String("super_admin"))
            QCOMPARE(prepared.value().office, QStringLiteral("*"));
        if (!phone.isEmpty())
            QVERIFY(prepared.value().phone.startsWith(QStringLiteral("+62")));
    }

    void reauthenticationCountsTowardLockout()
    {
        OfficerRecord o = makeOfficer(Role::KepalaDesa, kDesa);
        QVERIFY(m_backend->store->setOfficerPassword(o.id, serverlink::crypto::hashSecret(QStringLiteral("sandi-yang-benar"), 1000)));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(accounts::reauthenticate(*m_backend->store, o.id, QStringLiteral("sandi-yang-benar"), now));
        for (int i = 1; i <= lockout::kFreeFailures; ++i)
            QCOMPARE(accounts::reauthenticate(*m_backend->store, o.id, QStringLiteral("salah"), now).error().code,
                ErrorCode::AuthenticationFailed);
        o = m_backend->store->officer(o.id).value();
        QVERIFY(accounts::isLocked(o, now));
        QVERIFY(!accounts::isLocked(o, o.lockedUntil));
        // Locked: even the right password is refused until the delay has passed.
        const auto locked = accounts::reauthenticate(*m_backend->store, o.id, QStringLiteral("sandi-yang-benar"), now);
        QVERIFY(!locked);
        QCOMPARE(locked.error().message, accounts::lockedMessage(o, now));
        QVERIFY(accounts::reauthenticate(*m_backend->store, o.id, QStringLiteral("sandi-yang-benar"), o.lockedUntil.addSecs(1)));
        QCOMPARE(m_backend->store->officer(o.id).value().failedLogins, 0);
    }

    void personalDataRule_data()
    {
        // Written out by hand from decision 0033, independent of roles::seesPersonalData.
        QTest::addColumn<Role>("role");
        QTest::addColumn<bool>("kecamatanLevel");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<bool>("sees");
        QTest::newRow("fo desa received") << Role::DesaFrontOffice << false << QStringLiteral("RECEIVED") << true;
        QTest::newRow("kades kec-level received") << Role::KepalaDesa << true << QStringLiteral("RECEIVED") << true;
        QTest::newRow("sekdes desa ready") << Role::SekretarisDesa << false << QStringLiteral("READY") << true;
        QTest::newRow("super admin desa review") << Role::SuperAdmin << false << QStringLiteral("DESA_REVIEW") << true;
        QTest::newRow("camat desa-level ready") << Role::Camat << false << QStringLiteral("READY") << false;
        QTest::newRow("camat desa-level review") << Role::Camat << false << QStringLiteral("DESA_REVIEW") << false;
        QTest::newRow("kasi kec-level before desa signed") << Role::KasiPelayanan << true << QStringLiteral("DESA_REVIEW") << false;
        QTest::newRow("kec fo kec-level desa signed") << Role::KecamatanFrontOffice << true << QStringLiteral("DESA_SIGNED") << true;
        QTest::newRow("kasi kec-level review") << Role::KasiPelayanan << true << QStringLiteral("KECAMATAN_REVIEW") << true;
        QTest::newRow("camat kec-level signed") << Role::Camat << true << QStringLiteral("KECAMATAN_SIGNED") << true;
        QTest::newRow("camat kec-level handed over") << Role::Camat << true << QStringLiteral("HANDED_OVER") << true;
        QTest::newRow("camat kec-level returned") << Role::Camat << true << QStringLiteral("NEEDS_FIX") << false;
        QTest::newRow("camat kec-level rejected") << Role::Camat << true << QStringLiteral("REJECTED") << false;
        QTest::newRow("admin kec-level review") << Role::AdminKecamatan << true << QStringLiteral("KECAMATAN_REVIEW") << false;
        QTest::newRow("teknisi kec-level ready") << Role::Teknisi << true << QStringLiteral("READY") << false;
    }
    void personalDataRule()
    {
        QFETCH(Role, role);
        QFETCH(bool, kecamatanLevel);
        QFETCH(QString, stage);
        QFETCH(bool, sees);
        QCOMPARE(roles::seesPersonalData(
                     role, kecamatanLevel ? ServiceLevel::Kecamatan : ServiceLevel::Desa, serverlink::stageFromWire(stage).value()),
            sees);
    }

    void officeBinding_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<QString>("office");
        QTest::addColumn<bool>("valid");
        QTest::newRow("kades of a desa") << Role::KepalaDesa << kDesa << true;
        QTest::newRow("kades of a kecamatan") << Role::KepalaDesa << kKecamatan << false;
        QTest::newRow("camat of a kecamatan") << Role::Camat << kKecamatan << true;
        QTest::newRow("camat of a desa") << Role::Camat << kDesa << false;
        QTest::newRow("admin of unknown kecamatan") << Role::AdminKecamatan << QStringLiteral("999999") << false;
        QTest::newRow("super admin everywhere") << Role::SuperAdmin << QStringLiteral("*") << true;
    }
    void officeBinding()
    {
        QFETCH(Role, role);
        QFETCH(QString, office);
        QFETCH(bool, valid);
        QCOMPARE(checkOffice(role, office, m_backend->offices).ok(), valid);
    }

    void cleanupTestCase() { m_backend.reset(); }
};

QTEST_MAIN(TestWorkflowRoles)
#include "tst_workflow_roles.moc"
