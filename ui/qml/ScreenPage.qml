import QtQuick
import QtQuick.Layouts
import AnjunganDesa

// Common frame of a screen: title, optional subtitle, content, and a polite notice line.
Item {
    id: page
    property string title: ""
    property string subtitle: ""
    default property alias content: body.data
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 1.5
        spacing: Theme.gap * 0.75
        Text {
            objectName: "screenTitle"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: page.title
            font.pixelSize: Theme.title
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: page.subtitle.length > 0
            text: page.subtitle
            font.pixelSize: Theme.body
            color: Theme.muted
            wrapMode: Text.WordWrap
        }
        Item {
            id: body
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        Text {
            objectName: "notice"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: VisitFlow.notice.length > 0
            text: VisitFlow.notice
            font.pixelSize: Theme.body
            color: Theme.error
            wrapMode: Text.WordWrap
        }
    }
}
