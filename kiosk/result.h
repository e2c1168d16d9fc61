#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace kiosk {

/// A value or a human-readable failure (Bahasa Indonesia), for runtime errors that callers
/// must handle; g++ 12 in C++20 mode has no std::expected.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    { }
    static Result failure(QString message) { return Result(Failure {std::move(message)}); }

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const { return std::get<T>(m_state); }
    [[nodiscard]] T &value() { return std::get<T>(m_state); }
    const T *operator->() const { return &value(); }
    [[nodiscard]] QString error() const { return ok() ? QString() : std::get<Failure>(m_state).message; }

private:
    struct Failure {
        QString message;
    };
    explicit Result(Failure f)
        : m_state(std::move(f))
    { }
    std::variant<T, Failure> m_state;
};

} // namespace kiosk
