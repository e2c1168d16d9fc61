import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// The IKM survey (PermenPAN-RB 14/2017): nine questions, the respondent profile and an optional suggestion.
ScreenPage {
    id: page
    property var answers: [0, 0, 0, 0, 0, 0, 0, 0, 0]
    property var profile: ({})
    property string suggestion: ""
    readonly property int answered: answers.filter((a) => a > 0).length
    title: qsTr("Bagaimana pelayanan kami?")
    subtitle: Survey.atPickup
              ? qsTr("Terima kasih sudah mengambil surat Anda. Petugas menunggu sebentar: penilaian ini milik Anda dan tanpa nama.")
              : qsTr("Sentuh wajah yang sesuai untuk setiap pertanyaan. Jawaban Anda tanpa nama.")
    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        Flickable {
            id: questions
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: questionColumn.height + 24
            ScrollBar.vertical: ScrollBar { width: 16 }
            Column {
                id: questionColumn
                width: questions.width - 24
                spacing: 20
                Repeater {
                    model: Survey.questions
                    delegate: Column {
                        id: question
                        required property string modelData
                        required property int index
                        width: questionColumn.width
                        spacing: 8
                        Text { textFormat: Text.PlainText; width: parent.width; text: (question.index + 1) + ". " + question.modelData; font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                        Row {
                            spacing: 12
                            Repeater {
                                model: [
                                    { value: 1, label: qsTr("Tidak baik") },
                                    { value: 2, label: qsTr("Kurang baik") },
                                    { value: 3, label: qsTr("Baik") },
                                    { value: 4, label: qsTr("Sangat baik") }
                                ]
                                delegate: FaceButton {
                                    required property var modelData
                                    objectName: "answer-" + question.index + "-" + modelData.value
                                    width: (question.width - 36) / 4
                                    mood: modelData.value
                                    selected: page.answers[question.index] === modelData.value
                                    text: modelData.label
                                    onClicked: {
                                        const a = page.answers.slice()
                                        a[question.index] = modelData.value
                                        page.answers = a
                                    }
                                }
                            }
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    text: qsTr("Tentang Anda (boleh dilewati)")
                    font.pixelSize: Theme.body
                    font.bold: true
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Repeater {
                    model: Survey.profileQuestions
                    delegate: Column {
                        id: profileQuestion
                        required property var modelData
                        width: questionColumn.width
                        spacing: 8
                        Text { textFormat: Text.PlainText; width: parent.width; text: profileQuestion.modelData.label; font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                        Flow {
                            width: parent.width
                            spacing: 12
                            Repeater {
                                model: profileQuestion.modelData.choices
                                delegate: BigButton {
                                    required property var modelData
                                    objectName: "profile-" + profileQuestion.modelData.key + "-" + modelData.wire
                                    implicitWidth: 260
                                    primary: page.profile[profileQuestion.modelData.key] === modelData.wire
                                    text: modelData.label
                                    onClicked: {
                                        const p = Object.assign({}, page.profile)
                                        const key = profileQuestion.modelData.key
                                        // A second tap takes the answer back.
                                        if (p[key] === modelData.wire)
                                            delete p[key]
                                        else
                                            p[key] = modelData.wire
                                        page.profile = p
                                    }
                                }
                            }
                        }
                    }
                }
                TextInputField {
                    objectName: "suggestion"
                    width: parent.width
                    kind: "multiline"
                    label: qsTr("Saran untuk kami (paling banyak %1 huruf)").arg(Survey.maxSuggestionLength)
                    value: page.suggestion
                    error: page.suggestion.length > Survey.maxSuggestionLength
                           ? qsTr("Terlalu panjang: %1 dari %2 huruf.").arg(page.suggestion.length).arg(Survey.maxSuggestionLength) : ""
                    onEdited: (t) => page.suggestion = t
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton { objectName: "skipSurvey"; Layout.fillWidth: true; primary: false; text: qsTr("Lewati"); onClicked: VisitFlow.goHome() }
            BigButton {
                objectName: "sendSurvey"
                Layout.fillWidth: true
                enabled: page.answered === 9 && page.suggestion.length <= Survey.maxSuggestionLength
                text: qsTr("Kirim penilaian")
                detail: qsTr("%1 dari 9 terjawab").arg(page.answered)
                onClicked: Survey.submit(page.answers, page.profile, page.suggestion)
            }
        }
    }
}
