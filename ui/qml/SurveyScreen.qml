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
                        Text { width: parent.width; text: (question.index + 1) + ". " + question.modelData; font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
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
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton { objectName: "skipSurvey"; Layout.fillWidth: true; primary: false; text: qsTr("Lewati"); onClicked: VisitFlow.goHome() }
            BigButton {
                objectName: "sendSurvey"
                Layout.fillWidth: true
                enabled: page.answered === 9
                text: qsTr("Kirim penilaian")
                detail: qsTr("%1 dari 9 terjawab").arg(page.answered)
                onClicked: Survey.submit(page.answers)
            }
        }
    }
}
