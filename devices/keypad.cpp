#include "keypad.h"

#include "evdevkeypad.h"

#include <linux/input-event-codes.h>

namespace devices {

namespace {
// The keys of cheap "bel antrian" keypads and of any numeric keypad, with what they do.
struct KeyRow {
    int code;
    Keypad::Action action;
};
constexpr KeyRow kKeys[] = {
    {KEY_KPENTER, Keypad::Action::CallNext},
    {KEY_ENTER, Keypad::Action::CallNext},
    {KEY_KPPLUS, Keypad::Action::CallNext},
    {KEY_KPDOT, Keypad::Action::Recall},
    {KEY_DOT, Keypad::Action::Recall},
    {KEY_KPMINUS, Keypad::Action::Recall},
    {KEY_MINUS, Keypad::Action::Recall},
    {KEY_KP0, Keypad::Action::Skip},
    {KEY_0, Keypad::Action::Skip},
};
} // namespace

std::optional<Keypad::Action> keypadAction(int linuxKeyCode)
{
    for (const KeyRow &row : kKeys)
        if (row.code == linuxKeyCode)
            return row.action;
    return std::nullopt;
}

std::unique_ptr<Keypad> createKeypad(const QString &uri, QString *error)
{
    if (uri.startsWith(QLatin1String("evdev:")) && uri.size() > 6)
        return std::make_unique<EvdevKeypad>(uri.mid(6));
    if (error)
        *error = QStringLiteral("Jenis keypad \"%1\" tidak dikenal; tulis sebagai evdev:/dev/input/by-id/…-event-kbd. Hubungi teknisi.")
                     .arg(uri);
    return nullptr;
}

} // namespace devices
