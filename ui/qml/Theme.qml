pragma Singleton
import QtQuick
import AnjunganDesa

// Colours and sizes for a touch screen: body text ≥ 28 px, targets ≥ 88 px, contrast ≥ 4.5:1
// (primary #1b5e20 on white is 7.9:1; muted #4a4a4a on #f4f6f2 is 8.3:1). "Huruf besar" scales text by 1.25.
QtObject {
    readonly property real scale: VisitFlow.largeText ? 1.25 : 1.0
    readonly property color background: "#f4f6f2"
    readonly property color surface: "#ffffff"
    readonly property color primary: "#1b5e20"
    readonly property color inverse: "#ffffff"
    readonly property color text: "#1c1c1c"
    readonly property color muted: "#4a4a4a"
    readonly property color error: "#b00020"
    readonly property color warning: "#7a4b00"
    readonly property color warningBackground: "#fff3cd"
    readonly property int body: Math.round(28 * scale)
    readonly property int small: Math.round(24 * scale)
    readonly property int title: Math.round(42 * scale)
    readonly property int touch: 88
    readonly property int gap: 24
    readonly property int radius: 14

    // A seal verdict's banner: genuine is the kiosk's green, unknown a warning, revoked or invalid an error.
    // (Untyped on purpose: Qt 6.4's AOT code cannot read a gadget's enum property; this runs interpreted.)
    function verdictColour(verdict) {
        return verdict.status === SealVerdict.Genuine ? primary : verdict.status === SealVerdict.Unknown ? warning : error
    }
}
