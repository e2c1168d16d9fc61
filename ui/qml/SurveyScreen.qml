import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    id: page
    property var answers: [0, 0, 0, 0, 0, 0, 0, 0, 0]
    readonly property int answered: answers.filter((a) => a > 0).length
    title: qsTr("Bagaimana pelayanan kami?")
    subtitle: qsTr("Sentuh wajah yang sesuai untuk setiap pertanyaan. Jawaban Anda tanpa nama.")
    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        ListView {
            id: questions
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 16
            model: Session.surveyQuestions
            delegate: ColumnLayout {
                id: question
                required property string modelData
                required property int index
                width: questions.width - 20
                spacing: 6
                Text { Layout.fillWidth: true; text: (question.index + 1) + ". " + question.modelData; font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                RowLayout {
                    Layout.fillWidth: true
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
                            Layout.fillWidth: true
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
            ScrollBar.vertical: ScrollBar { width: 16 }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton { objectName: "skipSurvey"; Layout.fillWidth: true; primary: false; text: qsTr("Lewati"); onClicked: Session.goHome() }
            BigButton {
                objectName: "sendSurvey"
                Layout.fillWidth: true
                enabled: page.answered === 9
                text: qsTr("Kirim penilaian")
                detail: qsTr("%1 dari 9 terjawab").arg(page.answered)
                onClicked: Session.submitSurvey(page.answers)
            }
        }
    }
}
