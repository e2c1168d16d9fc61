import QtQuick
import QtQuick.Controls.Basic

// A compact but still touch-sized button on the green header bar.
Button {
    id: control
    implicitHeight: 72
    implicitWidth: Math.max(150, label.implicitWidth + 32)
    contentItem: Text {
        id: label
        textFormat: Text.PlainText
        text: control.text
        font.pixelSize: 22
        font.bold: true
        color: Theme.primary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: 12
        color: control.down ? "#e3efe3" : Theme.surface
    }
}
