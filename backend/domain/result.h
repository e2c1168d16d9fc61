#pragma once

#include "expected.h"

#include <QString>

namespace backend {

/// Why a backend operation failed; the message beside it is for the person reading it.
enum class ErrorCode {
    Database,
    SchemaTooNew,
    NotFound,
    IdempotencyConflict,
    RegistrationTaken,
    UnknownService,
    UnknownOffice,
    TransitionNotAllowed,
    ReasonRequired,
    Rendering,
    Io,
    Forbidden, // the officer's role, office or leave does not allow this
    AuthenticationFailed, // wrong username/password or account locked
    Throttled, // too many failed logins from this address or for this user name: refused before the password is checked
    InvalidData, // a form or table row that fails validation; nothing was changed
    ChecklistIncomplete, // a requirement of the service was not ticked before the document check
    VersionConflict, // a revision made on a version of the request that is no longer the current one
};

/// A runtime failure as a value: a code for programs and a sentence (Bahasa Indonesia) for people.
struct Error {
    ErrorCode code;
    QString message;
};

/// Marker value for operations that return nothing on success.
struct Done {
};

/// Either a value or an Error; never throws.
template<typename T> using Result = serverlink::Expected<T, Error>;

using Status = Result<Done>;

} // namespace backend
