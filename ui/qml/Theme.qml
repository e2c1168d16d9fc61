pragma Singleton
import QtQuick

// Colours and sizes for a 1080p touch screen: body text ≥ 28 px, targets ≥ 72 px, contrast ≥ 4.5:1.
QtObject {
    readonly property color background: "#f4f6f2"
    readonly property color surface: "#ffffff"
    readonly property color primary: "#1b5e20"
    readonly property color inverse: "#ffffff"
    readonly property color text: "#1c1c1c"
    readonly property color muted: "#4a4a4a"
    readonly property color error: "#b00020"
    readonly property int body: 28
    readonly property int title: 44
    readonly property int touch: 88
    readonly property int gap: 24
}
