#include "masking.h"

#include <QStringList>

namespace serverlink::masking {

QString name(const QString &name)
{
    QStringList words = name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &w : words)
        w = w.left(1) + QString(w.size() - 1, QLatin1Char('*'));
    return words.join(QLatin1Char(' '));
}

QString nik(const QString &nik)
{
    if (nik.size() <= 8)
        return QString(nik.size(), QLatin1Char('*'));
    return nik.left(4) + QString(nik.size() - 8, QLatin1Char('*')) + nik.right(4);
}

} // namespace serverlink::masking
