import QtQuick
import QtQuick.Layouts
import AnjunganDesa

// The countdown shown when nobody has touched the screen for a while; a touch continues the visit.
Rectangle {
    id: overlay
    objectName: "idleOverlay"
    visible: Idle.warning
    color: "#cc000000"
    MouseArea {
        anchors.fill: parent
        onPressed: Idle.activity()
    }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 900)
        height: column.implicitHeight + 80
        radius: Theme.radius
        color: Theme.surface
        ColumnLayout {
            id: column
            anchors.centerIn: parent
            width: parent.width - 80
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Masih di sini?")
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "idleCountdown"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Demi keamanan data Anda, layar akan kembali ke awal dalam %n detik dan isian dihapus.", "", Idle.secondsLeft)
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            BigButton {
                Layout.fillWidth: true
                text: qsTr("Lanjutkan")
                onClicked: Idle.activity()
            }
        }
    }
}
