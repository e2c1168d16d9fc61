import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// Calling the queue from the desk: the loket, the number at it, the waiting counts, the day report.
Rectangle {
    id: panel
    objectName: "queueDesk"
    // The day report takes room from the letters below: shown on request.
    property bool reportShown: false
    implicitHeight: column.implicitHeight + 32
    color: Theme.surface
    radius: Theme.radius
    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Text { textFormat: Text.PlainText; text: qsTr("Loket:"); font.pixelSize: Theme.body; color: Theme.muted }
            Repeater {
                model: QueueDesk.counters
                delegate: BigButton {
                    required property int modelData
                    objectName: "loket-" + modelData
                    implicitWidth: 96
                    primary: QueueDesk.counter === modelData
                    text: modelData
                    onClicked: QueueDesk.counter = modelData
                }
            }
            Text {
                objectName: "queueCurrent"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
                text: QueueDesk.counter === 0 ? qsTr("Pilih loket Anda")
                    : QueueDesk.currentLabel.length > 0
                      ? QueueDesk.currentLabel + (QueueDesk.currentPriority.length > 0 ? " · " + qsTr("prioritas %1").arg(QueueDesk.currentPriority) : "")
                      : qsTr("Belum ada nomor dipanggil")
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.primary
                elide: Text.ElideRight
            }
        }
        Text {
            objectName: "queueWaiting"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: qsTr("Menunggu: A (permohonan) %1 · B (pengambilan) %2 · C (bantuan) %3")
                  .arg(QueueDesk.waitingRequest).arg(QueueDesk.waitingPickup).arg(QueueDesk.waitingHelp)
            font.pixelSize: Theme.small
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        // The actions appear once the staff picked their loket (the desk keeps its room for letters until then).
        Flow {
            Layout.fillWidth: true
            spacing: 12
            visible: QueueDesk.counter > 0
            BigButton { objectName: "queueCallNext"; implicitWidth: 300; text: qsTr("Panggil berikutnya"); onClicked: QueueDesk.callNext() }
            BigButton { objectName: "queueRecall"; implicitWidth: 240; primary: false; text: qsTr("Panggil ulang"); onClicked: QueueDesk.recall() }
            BigButton { objectName: "queueSkip"; implicitWidth: 160; primary: false; text: qsTr("Lewati"); onClicked: QueueDesk.skip() }
            BigButton { objectName: "queueServe"; implicitWidth: 160; primary: false; text: qsTr("Selesai"); onClicked: QueueDesk.serve() }
            Repeater {
                model: QueueDesk.counters
                delegate: BigButton {
                    required property int modelData
                    objectName: "queueTransfer-" + modelData
                    visible: modelData !== QueueDesk.counter
                    implicitWidth: 260
                    primary: false
                    text: qsTr("Alihkan ke loket %1").arg(modelData)
                    onClicked: QueueDesk.transfer(modelData)
                }
            }
            BigButton {
                objectName: "queueReportToggle"
                implicitWidth: 260
                primary: false
                text: panel.reportShown ? qsTr("Tutup laporan") : qsTr("Laporan hari ini")
                onClicked: {
                    panel.reportShown = !panel.reportShown
                    if (panel.reportShown)
                        QueueDesk.refreshReport()
                }
            }
        }
        Text {
            objectName: "queueMessage"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: text.length > 0
            text: QueueDesk.message
            font.pixelSize: Theme.small
            color: Theme.primary
            wrapMode: Text.WordWrap
        }
        // The day report: per loket served, skipped, median wait and service time.
        Repeater {
            model: panel.reportShown ? QueueDesk.report : null
            delegate: Text {
                textFormat: Text.PlainText
                required property int counter
                required property int served
                required property int skipped
                required property string medianWait
                required property string medianService
                objectName: "queueReport-" + counter
                Layout.fillWidth: true
                text: qsTr("Loket %1 hari ini: %2 dilayani, %3 dilewati, median tunggu %4, median layanan %5")
                      .arg(counter).arg(served).arg(skipped).arg(medianWait).arg(medianService)
                font.pixelSize: Theme.small
                color: Theme.muted
                wrapMode: Text.WordWrap
            }
        }
    }
}
