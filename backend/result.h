#pragma once

#include <QString>
#include <utility>
#include <variant>

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
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    { }
    Result(Error error)
        : m_state(std::move(error))
    { }

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const { return std::get<T>(m_state); }
    [[nodiscard]] T &value() { return std::get<T>(m_state); }
    [[nodiscard]] const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

using Status = Result<Done>;

} // namespace backend
