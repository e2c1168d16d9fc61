import QtQuick
import QtQuick.Controls.Basic

// A large touch target with a short label and an optional second line.
Button {
    id: control
    property string detail: ""
    property bool primary: true
    implicitHeight: Math.max(Theme.touch, content.implicitHeight + 32)
    implicitWidth: 360
    contentItem: Item {
      implicitHeight: content.implicitHeight
      Column {
        id: content
        width: parent.width
        anchors.verticalCenter: parent.verticalCenter
        spacing: 4
        Text {
            width: parent.width
            text: control.text
            font.pixelSize: Theme.body + 4
            font.bold: true
            color: control.primary ? Theme.inverse : Theme.primary
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            visible: control.detail.length > 0
            text: control.detail
            font.pixelSize: Theme.body - 4
            color: control.primary ? Theme.inverse : Theme.muted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
      }
    }
    background: Rectangle {
        radius: 16
        color: !control.enabled ? "#9e9e9e" : control.primary ? (control.down ? "#0d3d12" : Theme.primary) : Theme.surface
        border.color: Theme.primary
        border.width: control.primary ? 0 : 3
    }
}
