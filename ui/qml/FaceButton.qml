import QtQuick
import QtQuick.Controls.Basic

// One answer of the survey: a drawn face (from frowning to laughing) with its words below.
Button {
    id: control
    property int mood: 1 // 1 = tidak baik … 4 = sangat baik
    property bool selected: false
    implicitHeight: 150
    implicitWidth: 120
    contentItem: Column {
        spacing: 6
        Canvas {
            id: face
            width: 64
            height: 64
            anchors.horizontalCenter: parent.horizontalCenter
            property color ink: control.selected ? Theme.inverse : Theme.primary
            onInkChanged: requestPaint()
            onPaint: {
                const ctx = getContext("2d")
                ctx.reset()
                ctx.lineWidth = 4
                ctx.strokeStyle = ink
                ctx.fillStyle = ink
                ctx.beginPath(); ctx.arc(32, 32, 28, 0, 2 * Math.PI); ctx.stroke()
                ctx.beginPath(); ctx.arc(22, 25, 3.5, 0, 2 * Math.PI); ctx.fill()
                ctx.beginPath(); ctx.arc(42, 25, 3.5, 0, 2 * Math.PI); ctx.fill()
                // Mouth: frown (1) … flat (2) … smile (3) … big smile (4).
                const bend = [-9, -2, 7, 13][control.mood - 1]
                ctx.beginPath()
                ctx.moveTo(19, 44 - bend / 3)
                ctx.quadraticCurveTo(32, 44 + bend, 45, 44 - bend / 3)
                ctx.stroke()
            }
        }
        Text {
            textFormat: Text.PlainText
            width: control.availableWidth
            text: control.text
            font.pixelSize: Theme.small
            color: control.selected ? Theme.inverse : Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.selected ? Theme.primary : Theme.surface
        border.color: Theme.primary
        border.width: 3
    }
}
