#pragma once

#include "expected.h"

#include <QDebug>
#include <QString>

namespace kiosk {

/// Why a kiosk operation failed; the message beside it is for staff or technicians.
enum class ErrorCode {
    Database, // the store refused a read or write; nothing half-written remains
    SchemaTooNew, // the store was written by a newer version of the app; it is left untouched
    NotFound, // no such request, letter or ticket here (or not in the state the operation needs)
    Io, // a file (device key, letter, configuration) could not be read or written
    InvalidData, // data from the server or a file that fails its checks (an incomplete configuration, a refused list)
};

/// A runtime failure as a value: a code for programs and a sentence (Bahasa Indonesia) for people.
struct Error {
    ErrorCode code;
    QString message;
};

/// Marker value for operations that return nothing on success.
struct Done {
};

/// Either a value or an Error; never throws (the kiosk's one result type, like the backend's).
template<typename T> using Result = serverlink::Expected<T, Error>;

using Status = Result<Done>;

/// For logs: the message alone, as staff would read it.
inline QDebug operator<<(QDebug debug, const Error &error)
{
    QDebugStateSaver saver(debug);
    debug.noquote() << error.message;
    return debug;
}

} // namespace kiosk
