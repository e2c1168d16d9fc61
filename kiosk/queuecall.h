#pragma once

#include <QDateTime>
#include <QString>

namespace kiosk {

/// The village hall's queues by purpose (DESIGN.md §10); each has its own letter and numbers per day.
enum class QueueKind {
    Request, // "A": a new request (the number is on the request's ticket)
    Pickup, // "B": collecting a signed letter
    Help, // "C": konsultasi / bantuan
};

/// One call of a number to a loket: what the calling display shows and the voice announces.
struct QueueCall {
    QString label; // "A-007"
    QueueKind kind = QueueKind::Request;
    bool priority = false; // lansia, disabilitas, ibu hamil
    int counter = 0; // loket 1–4
    QDateTime at;
    bool recall = false; // "Panggil ulang" of the same number
};

} // namespace kiosk
