import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// Requirement documents, one after another: live preview and automatic capture, the page shown with
// "Ulangi" and "Lanjut", or "Lewati" (the citizen brings the original to the office).
ScreenPage {
    id: page
    title: DocumentCapture.currentText
    subtitle: DocumentCapture.progressText

    // Landscape: the list beside the camera; portrait: under it.
    GridLayout {
        id: grid
        anchors.fill: parent
        columns: page.width >= page.height ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 12
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                radius: Theme.radius
                color: "#202020"
                ImageView {
                    id: preview
                    objectName: "documentPreview"
                    anchors.fill: parent
                    anchors.margins: 8
                    visible: DocumentCapture.step !== DocumentCapture.Captured
                    image: DocumentCapture.preview
                }
                ImageView {
                    objectName: "capturedPage"
                    anchors.fill: parent
                    anchors.margins: 8
                    visible: DocumentCapture.step === DocumentCapture.Captured
                    image: DocumentCapture.page
                }
                BusyIndicator {
                    anchors.centerIn: parent
                    running: DocumentCapture.step === DocumentCapture.Scanning
                    visible: running
                }
            }
            Text {
                objectName: "documentHint"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: DocumentCapture.hintText
                font.pixelSize: Theme.body
                font.bold: true
                color: DocumentCapture.step === DocumentCapture.Unavailable ? Theme.error : Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "pageInfo"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: text.length > 0
                text: DocumentCapture.pageInfo
                font.pixelSize: Theme.small
                color: Theme.muted
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton {
                    objectName: "skipDocument"
                    Layout.fillWidth: true
                    primary: false
                    visible: DocumentCapture.step !== DocumentCapture.Captured
                    text: qsTr("Lewati")
                    detail: qsTr("bawa aslinya ke kantor")
                    onClicked: DocumentCapture.skip()
                }
                BigButton {
                    objectName: "scanDocument"
                    Layout.fillWidth: true
                    visible: DocumentCapture.needsScanButton && DocumentCapture.step === DocumentCapture.Looking
                    text: qsTr("Pindai")
                    onClicked: DocumentCapture.scanNow()
                }
                BigButton {
                    objectName: "retakeDocument"
                    Layout.fillWidth: true
                    primary: false
                    visible: DocumentCapture.step === DocumentCapture.Captured || DocumentCapture.step === DocumentCapture.Unavailable
                    text: qsTr("Ulangi")
                    onClicked: DocumentCapture.retake()
                }
                BigButton {
                    objectName: "acceptDocument"
                    Layout.fillWidth: true
                    visible: DocumentCapture.step === DocumentCapture.Captured
                    text: qsTr("Lanjut")
                    onClicked: DocumentCapture.accept()
                }
            }
        }

        // Every requirement and what became of it.
        ListView {
            id: list
            objectName: "documentList"
            Layout.preferredWidth: grid.columns === 2 ? Math.min(420, page.width * 0.32) : -1
            Layout.fillWidth: grid.columns === 1
            Layout.fillHeight: grid.columns === 2
            Layout.preferredHeight: grid.columns === 2 ? -1 : Math.min(contentHeight, page.height * 0.3)
            clip: true
            spacing: 8
            model: DocumentCapture.rows
            delegate: Rectangle {
                id: rowItem
                required property int index
                required property string text
                required property string state
                required property int kilobytes
                width: list.width
                height: rowText.implicitHeight + 24
                radius: Theme.radius
                color: index === DocumentCapture.current ? Theme.warningBackground : Theme.surface
                Text {
                    id: rowText
                    textFormat: Text.PlainText
                    anchors.fill: parent
                    anchors.margins: 12
                    text: (rowItem.state === "captured" ? "✓ " : rowItem.state === "skipped" ? "→ " : "☐ ") + rowItem.text
                          + (rowItem.state === "captured" ? "\n" + qsTr("difoto, %1 KB").arg(rowItem.kilobytes)
                             : rowItem.state === "skipped" ? "\n" + qsTr("bawa aslinya")
                             : rowItem.state === "notAsked" ? "\n" + qsTr("sudah diterima") : "")
                    font.pixelSize: Theme.small
                    color: rowItem.state === "notAsked" ? Theme.muted : Theme.text
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
