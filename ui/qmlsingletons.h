#pragma once

#include "idlemonitor.h"
#include "kioskareas.h"
#include "staffdesk.h"

#include <QJSEngine>
#include <QtQml/qqml.h>

class QQmlEngine;

namespace kiosk::qml {

/// Each area of the kiosk as its own QML singleton: the composition root sets `areas` once before
/// the engine loads, and create() hands QML that instance with C++ ownership (KDE Itinerary's
/// qmlregistrationhelper.h pattern).
struct Areas {
    static inline KioskAreas *areas = nullptr;
    static inline IdleMonitor *idle = nullptr;

    template<typename T> static T *adopt(T *instance)
    {
        Q_ASSERT_X(instance, "kiosk::qml", "the composition root did not set kiosk::qml::Areas before loading QML");
        QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
        return instance;
    }
};

/// VisitFlow as a QML singleton.
struct VisitFlowSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::VisitFlow)
    QML_NAMED_ELEMENT(VisitFlow)
    QML_SINGLETON
public:
    static VisitFlow *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->flow); }
};

/// NikEntry as a QML singleton.
struct NikEntrySingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::NikEntry)
    QML_NAMED_ELEMENT(NikEntry)
    QML_SINGLETON
public:
    static NikEntry *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->nik); }
};

/// LetterRequest as a QML singleton.
struct LetterRequestSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::LetterRequest)
    QML_NAMED_ELEMENT(LetterRequest)
    QML_SINGLETON
public:
    static LetterRequest *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->request); }
};

/// DocumentCapture (the requirement documents after the form) as a QML singleton.
struct DocumentCaptureSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::DocumentCapture)
    QML_NAMED_ELEMENT(DocumentCapture)
    QML_SINGLETON
public:
    static DocumentCapture *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->documents); }
};

/// StatusLookup as a QML singleton.
struct StatusLookupSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::StatusLookup)
    QML_NAMED_ELEMENT(StatusLookup)
    QML_SINGLETON
public:
    static StatusLookup *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->status); }
};

/// RequestFix as a QML singleton.
struct RequestFixSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::RequestFix)
    QML_NAMED_ELEMENT(RequestFix)
    QML_SINGLETON
public:
    static RequestFix *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->fix); }
};

/// LetterVerification as a QML singleton.
struct LetterVerificationSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::LetterVerification)
    QML_NAMED_ELEMENT(LetterVerification)
    QML_SINGLETON
public:
    static LetterVerification *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->verification); }
};

/// Survey as a QML singleton.
struct SurveySingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::Survey)
    QML_NAMED_ELEMENT(Survey)
    QML_SINGLETON
public:
    static Survey *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->survey); }
};

/// ComplaintDesk as a QML singleton.
struct ComplaintSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::ComplaintDesk)
    QML_NAMED_ELEMENT(Complaint)
    QML_SINGLETON
public:
    static ComplaintDesk *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->complaint); }
};

/// StaffLogin as a QML singleton.
struct StaffLoginSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::StaffLogin)
    QML_NAMED_ELEMENT(StaffLogin)
    QML_SINGLETON
public:
    static StaffLogin *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->staffLogin); }
};

/// TechnicianMode as a QML singleton.
struct TechnicianModeSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::TechnicianMode)
    QML_NAMED_ELEMENT(TechnicianMode)
    QML_SINGLETON
public:
    static TechnicianMode *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->technician); }
};

/// CameraPreview (the camera scanner's picture in technician mode) as a QML singleton.
struct CameraPreviewSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::CameraPreview)
    QML_NAMED_ELEMENT(CameraPreview)
    QML_SINGLETON
public:
    static CameraPreview *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->cameraPreview); }
};

/// DeviceStatus as a QML singleton.
struct DeviceStatusSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::DeviceStatus)
    QML_NAMED_ELEMENT(DeviceStatus)
    QML_SINGLETON
public:
    static DeviceStatus *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->devices); }
};

/// SyncStatus as a QML singleton.
struct SyncStatusSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::SyncStatus)
    QML_NAMED_ELEMENT(SyncStatus)
    QML_SINGLETON
public:
    static SyncStatus *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->sync); }
};

/// QueueDesk (calling the queue from the staff desk) as a QML singleton.
struct QueueDeskSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::QueueDesk)
    QML_NAMED_ELEMENT(QueueDesk)
    QML_SINGLETON
public:
    static QueueDesk *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->queueDesk); }
};

/// RequestDesk (a request opened at the staff desk, cancelled there) as a QML singleton.
struct RequestDeskSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::RequestDesk)
    QML_NAMED_ELEMENT(RequestDesk)
    QML_SINGLETON
public:
    static RequestDesk *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->requestDesk); }
};

/// QueueTicket (the help number on the welcome screen) as a QML singleton.
struct QueueTicketSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::QueueTicket)
    QML_NAMED_ELEMENT(QueueTicket)
    QML_SINGLETON
public:
    static QueueTicket *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->queueTicket); }
};

/// CallBoard as a QML singleton.
struct CallBoardSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::CallBoard)
    QML_NAMED_ELEMENT(CallBoard)
    QML_SINGLETON
public:
    static CallBoard *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->board); }
};

/// FirstBootSetup (the technician's first-boot screen) as a QML singleton.
struct FirstBootSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::FirstBootSetup)
    QML_NAMED_ELEMENT(FirstBoot)
    QML_SINGLETON
public:
    static FirstBootSetup *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(&Areas::areas->firstBoot); }
};

/// Idle (the IdleMonitor) as a QML singleton.
struct IdleSingleton {
    Q_GADGET
    QML_FOREIGN(kiosk::IdleMonitor)
    QML_NAMED_ELEMENT(Idle)
    QML_SINGLETON
public:
    static IdleMonitor *create(QQmlEngine *, QJSEngine *) { return Areas::adopt(Areas::idle); }
};

// Types QML reads through the singletons' properties, named so that bindings are typed.
/// StaffDesk as a named, uncreatable QML type.
struct StaffDeskForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::StaffDesk)
    QML_NAMED_ELEMENT(StaffDesk)
    QML_UNCREATABLE("opened by StaffLogin")
};

/// CallsModel (the loket's numbers, the last calls) as a named, uncreatable QML type.
struct CallsModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::CallsModel)
    QML_NAMED_ELEMENT(CallsModel)
    QML_UNCREATABLE("part of CallBoard")
};

/// WaitingModel (people waiting per queue) as a named, uncreatable QML type.
struct WaitingModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::WaitingModel)
    QML_NAMED_ELEMENT(WaitingModel)
    QML_UNCREATABLE("part of CallBoard")
};

/// DocumentRowsModel (the requirements and what became of each) as a named, uncreatable QML type.
struct DocumentRowsModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::DocumentRowsModel)
    QML_NAMED_ELEMENT(DocumentRowsModel)
    QML_UNCREATABLE("part of DocumentCapture")
};

/// FormModel as a named, uncreatable QML type.
struct FormModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::FormModel)
    QML_NAMED_ELEMENT(FormModel)
    QML_UNCREATABLE("part of LetterRequest")
};

/// GroupItemsModel (the persons of a group field) as a named, uncreatable QML type.
struct GroupItemsModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::GroupItemsModel)
    QML_NAMED_ELEMENT(GroupItemsModel)
    QML_UNCREATABLE("part of FormModel")
};

/// SubfieldModel (one person's sub-fields) as a named, uncreatable QML type.
struct SubfieldModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::SubfieldModel)
    QML_NAMED_ELEMENT(SubfieldModel)
    QML_UNCREATABLE("part of GroupItemsModel")
};

/// CatalogModel as a named, uncreatable QML type.
struct CatalogModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::CatalogModel)
    QML_NAMED_ELEMENT(CatalogModel)
    QML_UNCREATABLE("part of LetterRequest")
};

/// TimelineModel as a named, uncreatable QML type.
struct TimelineModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::TimelineModel)
    QML_NAMED_ELEMENT(TimelineModel)
    QML_UNCREATABLE("part of StatusLookup")
};

/// ReadyLettersModel as a named, uncreatable QML type.
struct ReadyLettersModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::ReadyLettersModel)
    QML_NAMED_ELEMENT(ReadyLettersModel)
    QML_UNCREATABLE("part of StaffDesk")
};

/// PrintJobsModel as a named, uncreatable QML type.
struct PrintJobsModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::PrintJobsModel)
    QML_NAMED_ELEMENT(PrintJobsModel)
    QML_UNCREATABLE("part of StaffDesk")
};

/// LoketReportModel as a named, uncreatable QML type.
struct LoketReportModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::LoketReportModel)
    QML_NAMED_ELEMENT(LoketReportModel)
    QML_UNCREATABLE("part of QueueDesk")
};

/// SealVerdict as a QML value type.
struct SealVerdictForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::SealVerdict)
    QML_VALUE_TYPE(sealVerdict)
};

/// Ticket as a QML value type.
struct TicketForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::Ticket)
    QML_VALUE_TYPE(ticket)
};

/// NikFacts as a QML value type.
struct NikFactsForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::NikFacts)
    QML_VALUE_TYPE(nikFacts)
};

/// RequestStatusView as a QML value type.
struct RequestStatusViewForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::RequestStatusView)
    QML_VALUE_TYPE(requestStatusView)
};

/// ComplaintAnswerView as a QML value type.
struct ComplaintAnswerViewForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::ComplaintAnswerView)
    QML_VALUE_TYPE(complaintAnswerView)
};

} // namespace kiosk::qml

// The answer's State enum, readable in QML as ComplaintAnswerView.Found and so on.
namespace ComplaintAnswerViewEnums {
Q_NAMESPACE
QML_FOREIGN_NAMESPACE(kiosk::ComplaintAnswerView)
QML_NAMED_ELEMENT(ComplaintAnswerView)
} // namespace ComplaintAnswerViewEnums

// The verdict's Status enum, readable in QML as SealVerdict.Genuine and so on.
namespace SealVerdictEnums {
Q_NAMESPACE
QML_FOREIGN_NAMESPACE(kiosk::SealVerdict)
QML_NAMED_ELEMENT(SealVerdict)
} // namespace SealVerdictEnums
