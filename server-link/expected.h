#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace serverlink {

/// A value or an error, for runtime failures the caller must handle (g++ 12 in C++20 mode has
/// no std::expected). Kiosk and backend pick their error type: a sentence, or a code + sentence.
template<typename T, typename E> class [[nodiscard]] Expected
{
    static_assert(!std::is_same_v<T, E>, "value and error types must differ");

public:
    Expected(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    { }
    Expected(E error)
        : m_state(std::in_place_index<1>, std::move(error))
    { }

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const { return std::get<0>(m_state); }
    [[nodiscard]] T &value() { return std::get<0>(m_state); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const { return value(); }
    T &operator*() { return value(); }
    /// Only meaningful when !ok().
    [[nodiscard]] const E &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, E> m_state;
};

} // namespace serverlink
