#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

namespace serverlink {

/// Largest chunk body of PUT /requests/{reg}/documents/{pageId}: every body stays within the servers' limit.
inline constexpr qint64 kMaxChunkBytes = kMaxBodyBytes;
/// Header every answer of the upload routes carries: the bytes of the page the backend holds.
inline constexpr char kUploadOffsetHeader[] = "Upload-Offset";

/// The `Content-Range: bytes start-end/total` of one chunk (end inclusive, as HTTP has it).
struct ContentRange {
    qint64 start = 0;
    qint64 end = 0;
    qint64 total = 0;

    [[nodiscard]] qint64 length() const { return end - start + 1; }
    /// The chunk of `size` bytes at `start` of a page of `total` bytes (size ≥ 1).
    [[nodiscard]] static ContentRange of(qint64 start, qint64 size, qint64 total) { return {start, start + size - 1, total}; }
    /// Strict: "bytes", one space, decimal numbers without sign or leading zeros, start ≤ end < total ≤
    /// DocumentRef::kMaxDocumentBytes; nullopt for anything else (also "*" forms and ranges of other units).
    [[nodiscard]] static std::optional<ContentRange> parse(QByteArrayView header);
    [[nodiscard]] QByteArray toHeader() const;
    friend bool operator==(const ContentRange &, const ContentRange &) = default;
};

/// Body of the answers of PUT and GET/HEAD /requests/{reg}/documents/{pageId}: how far the page's upload is.
struct UploadState {
    QString pageId;
    qint64 offset = 0; // bytes held; the next chunk starts here
    qint64 size = 0; // the page's size as its DocumentRef names it
    bool complete = false; // the whole page arrived and its SHA-256 matched

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<UploadState> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const UploadState &, const UploadState &) = default;
};

} // namespace serverlink
