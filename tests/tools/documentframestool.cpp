// document-frames DIR: writes the generated document-camera scene (tests/tools/documentframes.h: a sheet moved onto
// a wood-grain table, then held still) as PNG frames for a `file:DIR` document source. The headless demo's camera.
#include "documentframes.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2) {
        QTextStream(stderr) << "usage: document-frames DIR\n";
        return 2;
    }
    if (!documentframes::writeFrames(args.at(1), documentframes::holdStill(4, 6))) {
        QTextStream(stderr) << "document-frames: cannot write into " << args.at(1) << '\n';
        return 1;
    }
    return 0;
}
