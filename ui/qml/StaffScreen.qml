import QtQuick
import AnjunganDesa
import QtQuick.Controls.Basic
import QtQuick.Layouts

ScreenPage {
    id: page
    // Shown only while staff are logged in; the desk ends with the visit.
    readonly property StaffDesk desk: StaffLogin.desk
    title: qsTr("Surat siap dicetak")
    subtitle: qsTr("%n surat sudah ditandatangani dan siap diserahkan.", "", desk ? desk.readyLetterCount : 0)
              + (SyncStatus.pagesWaiting > 0 ? "\n" + qsTr("%n halaman dokumen belum terkirim ke kecamatan.", "", SyncStatus.pagesWaiting) : "")
              + (SyncStatus.problem.length > 0 ? "\n" + qsTr("Perhatian: %1").arg(SyncStatus.problem) : "")
    // The desk can hold more than one screen (queue, print problems, many letters): it scrolls as one page.
    Flickable {
        id: scroller
        objectName: "staffDesk"
        anchors.fill: parent
        clip: true
        contentWidth: width
        contentHeight: column.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        ColumnLayout {
            id: column
            width: scroller.width
            spacing: Theme.gap
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                Text {
                    objectName: "staffName"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: page.desk ? qsTr("Petugas: %1").arg(page.desk.staffName) : ""
                    font.pixelSize: Theme.body
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                BigButton {
                    objectName: "enterForCitizen"
                    implicitWidth: 420
                    text: qsTr("Buat permohonan untuk warga")
                    detail: qsTr("Untuk warga yang tidak bisa memakai anjungan")
                    onClicked: StaffLogin.enterForCitizen()
                }
                BigButton {
                    objectName: "staffSignOut"
                    implicitWidth: 200
                    primary: false
                    text: qsTr("Keluar")
                    onClicked: StaffLogin.signOut()
                }
            }
            QueueDeskPanel { Layout.fillWidth: true }
            // A request opened by its registration number (or its ticket's QR scanned here), withdrawn with a reason.
            Rectangle {
                objectName: "requestDeskPanel"
                Layout.fillWidth: true
                implicitHeight: requestColumn.implicitHeight + 32
                color: Theme.surface
                radius: 12
                ColumnLayout {
                    id: requestColumn
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 12
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        TextInputField {
                            id: registrationField
                            objectName: "openRegistration"
                            Layout.fillWidth: true
                            required: true
                            label: qsTr("Buka permohonan: nomor registrasi, atau pindai kode QR tiket")
                        }
                        BigButton {
                            objectName: "openRequest"
                            Layout.alignment: Qt.AlignBottom
                            implicitWidth: 200
                            text: qsTr("Buka")
                            enabled: !RequestDesk.busy
                            onClicked: RequestDesk.openRequest(registrationField.input.text)
                        }
                    }
                    BusyIndicator {
                        visible: RequestDesk.busy
                        running: visible
                    }
                    Text {
                        objectName: "openedRequest"
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: RequestDesk.open
                        text: RequestDesk.registrationNumber + " · " + RequestDesk.serviceName + "\n" + RequestDesk.maskedName + " · " + RequestDesk.stageLabel
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }
                    Text {
                        objectName: "requestDeskMessage"
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: RequestDesk.message
                        font.pixelSize: Theme.body
                        color: Theme.primary
                        wrapMode: Text.WordWrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: RequestDesk.mayCancel
                        spacing: Theme.gap
                        TextInputField {
                            id: reasonField
                            objectName: "cancelReason"
                            Layout.fillWidth: true
                            required: true
                            label: qsTr("Alasan pembatalan (tanpa data pribadi)")
                        }
                        BigButton {
                            objectName: "cancelRequest"
                            Layout.alignment: Qt.AlignBottom
                            implicitWidth: 300
                            primary: false
                            text: qsTr("Batalkan permohonan")
                            enabled: reasonField.input.text.trim().length > 0
                            onClicked: if (RequestDesk.cancelRequest(reasonField.input.text)) reasonField.input.text = ""
                        }
                    }
                    // Returned for fixes: staff correct it with the citizen in the same fix screen.
                    RowLayout {
                        Layout.fillWidth: true
                        visible: RequestDesk.mayFix
                        spacing: Theme.gap
                        TextInputField {
                            id: fixNikField
                            objectName: "fixNik"
                            Layout.fillWidth: true
                            visible: RequestDesk.fixNeedsNik
                            kind: "nik"
                            required: true
                            label: qsTr("NIK pemohon (dari KTP warga)")
                        }
                        BigButton {
                            objectName: "fixRequest"
                            Layout.alignment: Qt.AlignBottom
                            implicitWidth: 300
                            text: qsTr("Perbaiki")
                            detail: qsTr("dikembalikan petugas")
                            enabled: !RequestDesk.busy && (!RequestDesk.fixNeedsNik || fixNikField.input.text.trim().length === 16)
                            onClicked: {
                                RequestDesk.fixRequest(fixNikField.input.text)
                                fixNikField.input.text = ""
                            }
                        }
                    }
                }
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: text.length > 0
                text: page.desk ? page.desk.message : ""
                font.pixelSize: Theme.body
                color: Theme.primary
                wrapMode: Text.WordWrap
            }
            // Print jobs that have not come out of a printer: why, and what staff can do.
            Rectangle {
                Layout.fillWidth: true
                visible: page.desk !== null && (page.desk.printJobs.count > 0 || page.desk.ticketsNotPrinted > 0)
                implicitHeight: jobsColumn.implicitHeight + 32
                color: Theme.warningBackground
                radius: 12
                ColumnLayout {
                    id: jobsColumn
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 12
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        Text {
                            objectName: "ticketsNotPrinted"
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            visible: page.desk !== null && page.desk.ticketsNotPrinted > 0
                            text: qsTr("%n tiket belum tercetak menurut catatan anjungan.", "", page.desk ? page.desk.ticketsNotPrinted : 0)
                            font.pixelSize: Theme.body
                            font.bold: true
                            color: Theme.warning
                            wrapMode: Text.WordWrap
                        }
                        BigButton {
                            objectName: "reprintLostTickets"
                            visible: page.desk !== null && page.desk.ticketsNotPrinted > 0
                            implicitWidth: 320
                            text: qsTr("Cetak tiket yang hilang")
                            onClicked: page.desk.reprintLostTickets()
                        }
                    }
                    Repeater {
                        model: page.desk ? page.desk.printJobs : null
                        delegate: RowLayout {
                            id: job
                            required property int jobId
                            required property string title
                            required property string problem
                            objectName: "printJob-" + jobId
                            Layout.fillWidth: true
                            spacing: Theme.gap
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: job.title + "\n" + (job.problem.length > 0 ? job.problem : qsTr("Sedang dicetak…"))
                                font.pixelSize: Theme.small
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            BigButton {
                                objectName: "reprint-" + job.jobId
                                implicitWidth: 250
                                text: qsTr("Cetak ulang")
                                onClicked: page.desk.reprintJob(job.jobId)
                            }
                            BigButton {
                                objectName: "discard-" + job.jobId
                                implicitWidth: 200
                                primary: false
                                text: qsTr("Batalkan")
                                onClicked: page.desk.discardJob(job.jobId)
                            }
                        }
                    }
                }
            }
            // Signed letters waiting to be printed and handed over (the page scrolls as one).
            Repeater {
                model: page.desk ? page.desk.readyLetters : null
                delegate: RowLayout {
                    id: letter
                    required property string registrationNumber
                    required property string serviceName
                    required property string maskedName
                    required property string queueLabel
                    required property string pickupLabel
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: (letter.pickupLabel.length > 0 ? qsTr("Ambil %1").arg(letter.pickupLabel) : letter.queueLabel) + " · " + letter.serviceName + "\n" + letter.maskedName + " · " + letter.registrationNumber
                        font.pixelSize: Theme.body
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }
                    BigButton {
                        objectName: "print-" + letter.registrationNumber
                        implicitWidth: 200
                        text: qsTr("Cetak")
                        onClicked: page.desk.printLetter(letter.registrationNumber)
                    }
                    BigButton {
                        objectName: "handover-" + letter.registrationNumber
                        implicitWidth: 220
                        primary: false
                        text: qsTr("Serahkan")
                        onClicked: page.desk.beginHandover(letter.registrationNumber)
                    }
                }
            }
        }
    }
    HandoverDialog {
        anchors.fill: parent
        desk: page.desk
    }
}
