#pragma once

#include "expected.h"

#include <QString>

namespace kiosk {

/// Kiosk operations fail with a sentence in Bahasa Indonesia for staff or technicians.
template<typename T> using Result = serverlink::Expected<T, QString>;

} // namespace kiosk
