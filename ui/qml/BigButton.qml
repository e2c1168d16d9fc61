import QtQuick
import QtQuick.Controls.Basic

// A large touch target with a short label, an optional second line and an optional icon.
Button {
    id: control
    property string detail: ""
    property string iconName: ""
    property bool primary: true
    implicitHeight: Math.max(Theme.touch, content.implicitHeight + 28)
    implicitWidth: 320
    contentItem: Item {
        implicitHeight: content.implicitHeight
        Row {
            id: content
            width: parent.width
            anchors.verticalCenter: parent.verticalCenter
            spacing: 16
            Image {
                id: icon
                visible: control.iconName.length > 0
                width: visible ? 56 : 0
                height: 56
                anchors.verticalCenter: parent.verticalCenter
                sourceSize: Qt.size(56, 56)
                source: visible ? "qrc:/AnjunganDesa/icons/" + control.iconName + ".svg" : ""
            }
            Column {
                width: parent.width - (icon.visible ? icon.width + parent.spacing : 0)
                anchors.verticalCenter: parent.verticalCenter
                spacing: 4
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    text: control.text
                    font.pixelSize: Theme.body + 2
                    font.bold: true
                    color: control.primary ? Theme.inverse : Theme.primary
                    horizontalAlignment: icon.visible ? Text.AlignLeft : Text.AlignHCenter
                    wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    visible: control.detail.length > 0
                    text: control.detail
                    font.pixelSize: Theme.small
                    color: control.primary ? Theme.inverse : Theme.muted
                    horizontalAlignment: icon.visible ? Text.AlignLeft : Text.AlignHCenter
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
    background: Rectangle {
        radius: Theme.radius
        color: !control.enabled ? "#9e9e9e" : control.primary ? (control.down ? "#0d3d12" : Theme.primary) : (control.down ? "#e3efe3" : Theme.surface)
        border.color: Theme.primary
        border.width: control.primary ? 0 : 3
    }
}
