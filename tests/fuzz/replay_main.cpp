// Runs a libFuzzer target without libFuzzer (any compiler): every file of the seed corpus, then random
// inputs from a fixed seed for a couple of seconds. Usage: <target> CORPUS_DIR [SECONDS]
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [SECONDS]\n", argv[0]);
        return 2;
    }
    const QDir corpus(QString::fromLocal8Bit(argv[1]));
    const QStringList files = corpus.entryList(QDir::Files);
    int replayed = 0;
    for (const QString &name : files) {
        if (name == QLatin1String("README.md"))
            continue;
        QFile file(corpus.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(file.fileName()));
            return 1;
        }
        const QByteArray input = file.readAll();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
        ++replayed;
    }
    if (replayed == 0) {
        std::fprintf(stderr, "no seeds in %s\n", argv[1]);
        return 1;
    }
    const qint64 budgetMs = argc > 2 ? qint64(QByteArray(argv[2]).toDouble() * 1000) : 2000;
    QRandomGenerator random(0x4b696f73);
    QElapsedTimer timer;
    timer.start();
    qint64 generated = 0;
    while (timer.elapsed() < budgetMs) {
        // Half the time mutate a seed, otherwise pure noise.
        QByteArray input;
        if (random.bounded(2) == 0) {
            QFile file(corpus.filePath(files.at(random.bounded(qsizetype(files.size())))));
            input = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            for (int flips = random.bounded(1, 8); flips > 0 && !input.isEmpty(); --flips)
                input[random.bounded(input.size())] = char(random.bounded(256));
        } else {
            input.resize(random.bounded(0, 700));
            for (char &c : input)
                c = char(random.bounded(256));
        }
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
        ++generated;
    }
    std::printf("replayed %d seeds and %lld random inputs\n", replayed, static_cast<long long>(generated));
    return 0;
}
