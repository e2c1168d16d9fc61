#include "documentupload.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace serverlink {

namespace {
// A decimal number without sign or leading zero, at most 15 digits (far above any page size, far below overflow).
std::optional<qint64> number(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 15 || (digits.size() > 1 && digits.front() == '0'))
        return std::nullopt;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}
} // namespace

std::optional<ContentRange> ContentRange::parse(QByteArrayView header)
{
    constexpr QByteArrayView kUnit("bytes ");
    if (!header.startsWith(kUnit))
        return std::nullopt;
    const QByteArrayView rest = header.sliced(kUnit.size());
    const qsizetype dash = rest.indexOf('-');
    const qsizetype slash = rest.indexOf('/');
    if (dash < 0 || slash < 0 || slash < dash)
        return std::nullopt;
    const auto start = number(rest.first(dash));
    const auto end = number(rest.sliced(dash + 1, slash - dash - 1));
    const auto total = number(rest.sliced(slash + 1));
    if (!start || !end || !total || *start > *end || *end >= *total || *total > DocumentRef::kMaxDocumentBytes)
        return std::nullopt;
    return ContentRange {*start, *end, *total};
}

QByteArray ContentRange::toHeader() const
{
    return "bytes " + QByteArray::number(start) + '-' + QByteArray::number(end) + '/' + QByteArray::number(total);
}

QByteArray UploadState::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("pageId"), pageId);
    o.insert(QStringLiteral("offset"), offset);
    o.insert(QStringLiteral("size"), size);
    o.insert(QStringLiteral("complete"), complete);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<UploadState> UploadState::fromJson(const QByteArray &json, QString *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonObject o = doc.object();
    UploadState s;
    s.pageId = o.value(QStringLiteral("pageId")).toString();
    s.offset = o.value(QStringLiteral("offset")).toInteger(-1);
    s.size = o.value(QStringLiteral("size")).toInteger(-1);
    const QJsonValue complete = o.value(QStringLiteral("complete"));
    s.complete = complete.toBool();
    if (!doc.isObject() || s.pageId.isEmpty() || s.offset < 0 || s.size < 1 || s.offset > s.size || !complete.isBool()) {
        if (error)
            *error = QStringLiteral("upload state is not {pageId, offset, size, complete} with 0 ≤ offset ≤ size");
        return std::nullopt;
    }
    return s;
}

} // namespace serverlink
