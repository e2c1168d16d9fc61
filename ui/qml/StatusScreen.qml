import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Cek status surat")
    subtitle: qsTr("Pindai kode QR pada tiket, atau ketik nomor registrasi (contoh: 7KQ2M-X9D4P).")
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            TextField {
                id: regField
                objectName: "registrationField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                font.pixelSize: Theme.body
                placeholderText: qsTr("Nomor registrasi")
                inputMethodHints: Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
                maximumLength: 20
            }
            BigButton { objectName: "checkStatus"; implicitWidth: 200; text: qsTr("Cek"); onClicked: StatusLookup.check(regField.text) }
        }
        // A typed number shows the stage only; the applicant's NIK opens the officer's note. Right below the number,
        // so that the button stays above the on-screen keyboard.
        ColumnLayout {
            objectName: "proofPanel"
            Layout.fillWidth: true
            visible: StatusLookup.status.needsProof
            spacing: 8
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                TextField {
                    id: proofNik
                    objectName: "proofNikField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    font.pixelSize: Theme.body
                    placeholderText: qsTr("NIK pemohon (16 angka)")
                    inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                    maximumLength: 16
                }
                BigButton {
                    objectName: "showDetails"
                    implicitWidth: 240
                    text: qsTr("Lihat rincian")
                    enabled: proofNik.text.length === 16
                    onClicked: { StatusLookup.checkWithNik(StatusLookup.status.registrationNumber, proofNik.text); proofNik.text = ""; Qt.inputMethod.hide() }
                }
            }
            Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Untuk melihat catatan petugas, ketik NIK pemohon atau pindai kode QR pada tiket."); font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
        }
        // Asking the kantor kecamatan: never a frozen screen, and an answer (or "offline") within seconds.
        RowLayout {
            objectName: "statusBusy"
            Layout.fillWidth: true
            visible: StatusLookup.busy
            spacing: Theme.gap
            BusyIndicator { running: StatusLookup.busy; Layout.preferredWidth: Theme.touch; Layout.preferredHeight: Theme.touch }
            Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Menanyakan ke kantor kecamatan…"); font.pixelSize: Theme.body; color: Theme.muted; wrapMode: Text.WordWrap }
        }
        Text {
            objectName: "statusMessage"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: StatusLookup.status.checked && StatusLookup.status.message.length > 0
            text: StatusLookup.status.message
            font.pixelSize: Theme.body
            color: Theme.error
            wrapMode: Text.WordWrap
        }
        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: StatusLookup.status.found
            contentHeight: result.implicitHeight
            clip: true
            ColumnLayout {
                id: result
                width: parent.width
                spacing: 8
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: StatusLookup.status.serviceName + " · " + StatusLookup.status.registrationNumber; font.pixelSize: Theme.body; color: Theme.muted; wrapMode: Text.WordWrap }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Atas nama %1").arg(StatusLookup.status.maskedName); font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                Text {
                    objectName: "stageLabel"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: StatusLookup.status.stageLabel
                    font.pixelSize: Theme.title
                    font.bold: true
                    color: StatusLookup.status.needsAction ? Theme.error : Theme.primary
                    wrapMode: Text.WordWrap
                }
                // A ready letter: what the citizen does now, and the pick-up number also printed on a slip.
                Rectangle {
                    objectName: "pickupPanel"
                    Layout.fillWidth: true
                    visible: StatusLookup.status.readyForPickup
                    implicitHeight: pickupColumn.implicitHeight + 32
                    radius: 12
                    color: Theme.surface
                    border.color: Theme.primary
                    border.width: 2
                    ColumnLayout {
                        id: pickupColumn
                        anchors.fill: parent
                        anchors.margins: 16
                        spacing: 4
                        Text {
                            objectName: "pickupHeadline"
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            text: qsTr("Surat siap diambil")
                            font.pixelSize: Theme.title
                            font.bold: true
                            color: Theme.primary
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            visible: StatusLookup.status.pickupLabel.length > 0
                            text: qsTr("Nomor pengambilan Anda (dicetak pada struk):")
                            font.pixelSize: Theme.body
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            objectName: "pickupNumber"
                            textFormat: Text.PlainText
                            visible: StatusLookup.status.pickupLabel.length > 0
                            text: StatusLookup.status.pickupLabel
                            font.pixelSize: Theme.title * 2
                            font.bold: true
                            color: Theme.text
                        }
                    }
                }
                Text {
                    objectName: "stageNote"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: StatusLookup.status.note.length > 0
                    text: qsTr("Catatan petugas: %1").arg(StatusLookup.status.note)
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "fixItems"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: StatusLookup.status.fixes.length > 0
                    text: qsTr("Yang perlu diperbaiki:") + "\n" + StatusLookup.status.fixes
                    font.pixelSize: Theme.body
                    color: Theme.error
                    wrapMode: Text.WordWrap
                }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: StatusLookup.status.advice; font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                Text {
                    objectName: "changeNote"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: StatusLookup.status.changeNote.length > 0
                    text: StatusLookup.status.changeNote
                    font.pixelSize: Theme.body
                    color: Theme.muted
                    wrapMode: Text.WordWrap
                }
                BigButton {
                    objectName: "startFix"
                    visible: StatusLookup.status.mayFix
                    text: qsTr("Perbaiki permohonan")
                    onClicked: StatusLookup.startFix()
                }
                BigButton {
                    objectName: "cancelRequest"
                    visible: StatusLookup.status.mayCancel && !cancelConfirm.visible
                    text: qsTr("Batalkan permohonan")
                    onClicked: cancelConfirm.visible = true
                }
                Rectangle {
                    id: cancelConfirm
                    objectName: "cancelConfirm"
                    Layout.fillWidth: true
                    visible: false
                    implicitHeight: confirmColumn.implicitHeight + 32
                    radius: 12
                    color: Theme.surface
                    border.color: Theme.error
                    border.width: 2
                    Connections {
                        target: StatusLookup
                        function onStatusChanged() { if (!StatusLookup.status.mayCancel) cancelConfirm.visible = false }
                    }
                    ColumnLayout {
                        id: confirmColumn
                        anchors.fill: parent
                        anchors.margins: 16
                        spacing: 8
                        Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Batalkan permohonan ini? Permohonan yang dibatalkan tidak dapat dilanjutkan; untuk surat yang sama Anda perlu mengajukan lagi."); font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                        RowLayout {
                            spacing: Theme.gap
                            BigButton { objectName: "confirmCancel"; text: qsTr("Ya, batalkan"); onClicked: StatusLookup.cancelRequest() }
                            BigButton { objectName: "keepRequest"; text: qsTr("Tidak"); onClicked: cancelConfirm.visible = false }
                        }
                    }
                }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Riwayat"); font.pixelSize: Theme.body; font.bold: true; color: Theme.text; topPadding: 12 }
                Repeater {
                    model: StatusLookup.timeline
                    delegate: RowLayout {
                        id: event
                        required property string label
                        required property string at
                        required property string note
                        Layout.fillWidth: true
                        spacing: 16
                        Rectangle { width: 20; height: 20; radius: 10; color: Theme.primary; Layout.alignment: Qt.AlignTop; Layout.topMargin: 8 }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: event.label; font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                            Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: event.at + (event.note.length > 0 ? " · " + event.note : ""); font.pixelSize: Theme.small; color: Theme.muted; wrapMode: Text.WordWrap }
                        }
                    }
                }
            }
        }
    }
}
