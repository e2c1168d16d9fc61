#include "html.h"

#include <QUrl>

namespace backend::console::html {

namespace {
constexpr int kWibOffsetSeconds = 7 * 3600;
} // namespace

QString wibTime(const QDateTime &t)
{
    return t.isValid() ? t.toOffsetFromUtc(kWibOffsetSeconds).toString(QStringLiteral("dd-MM-yyyy HH:mm")) + QStringLiteral(" WIB")
                       : QStringLiteral("-");
}

QString escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&quot;");
            break;
        case '\'':
            out += QLatin1String("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString csrfField(const QString &token)
{
    return QStringLiteral("<input type=\"hidden\" name=\"csrf\" value=\"%1\">").arg(escape(token));
}

QString page(const Chrome &c, const QString &body)
{
    QString nav;
    if (!c.officerName.isEmpty()) {
        nav += QStringLiteral("<nav><ul>");
        for (const NavItem &item : c.nav) {
            const bool current = item.path == c.currentPath;
            nav += QStringLiteral("<li><a href=\"%1\"%2>%3</a></li>")
                       .arg(escape(item.path), current ? QStringLiteral(" aria-current=\"page\"") : QString(), escape(item.title));
        }
        nav += QStringLiteral("</ul><form method=\"post\" action=\"/keluar\" class=\"logout\">%1<span>%2 — %3</span> "
                              "<button type=\"submit\">Keluar</button></form></nav>")
                   .arg(csrfField(c.csrfToken), escape(c.officerName), escape(c.roleText));
    }
    const QString message = c.message.isEmpty()
        ? QString()
        : QStringLiteral("<p class=\"%1\" role=\"%2\">%3</p>")
              .arg(c.messageIsError ? QStringLiteral("pesan galat") : QStringLiteral("pesan"),
                  c.messageIsError ? QStringLiteral("alert") : QStringLiteral("status"), escape(c.message));
    return QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>%1 — Konsol Petugas Anjungan Desa</title><link rel=\"stylesheet\" href=\"/gaya.css\"></head>"
        "<body><header><strong>Konsol Petugas</strong> Anjungan Desa</header>%2<main><h1>%1</h1>%3%4</main></body></html>\n")
        .arg(escape(c.title), nav, message, body);
}

QString table(const QStringList &headers, const QStringList &rowsHtml, const QString &emptyText)
{
    if (rowsHtml.isEmpty())
        return QStringLiteral("<p class=\"kosong\">%1</p>").arg(escape(emptyText));
    QString out = QStringLiteral("<table><thead><tr>");
    for (const QString &h : headers)
        out += QStringLiteral("<th scope=\"col\">%1</th>").arg(escape(h));
    out += QStringLiteral("</tr></thead><tbody>");
    for (const QString &row : rowsHtml)
        out += QStringLiteral("<tr>%1</tr>").arg(row);
    return out + QStringLiteral("</tbody></table>");
}

QString cell(const QString &text, const QString &cssClass)
{
    if (cssClass.isEmpty())
        return QStringLiteral("<td>%1</td>").arg(escape(text));
    return QStringLiteral("<td class=\"%1\">%2</td>").arg(escape(cssClass), escape(text));
}

QString link(const QString &href, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(escape(href), escape(text));
}

QString urlEncode(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QByteArray stylesheet()
{
    return QByteArrayLiteral(
        "body{font-family:'DejaVu Sans',sans-serif;margin:0;color:#1b1b1b;background:#f5f6f8}"
        "header{background:#0b4f6c;color:#fff;padding:.6rem 1rem;font-size:1.1rem}"
        "nav{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;background:#e3ecf1;padding:.3rem 1rem}"
        "nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem}"
        "nav a{color:#0b4f6c;text-decoration:none;font-weight:bold}nav a[aria-current]{text-decoration:underline}"
        "main{padding:1rem 1.5rem;max-width:72rem}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.6rem}"
        "table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0}"
        "th,td{border:1px solid #c9d3da;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef2f5}"
        ".sla-ok{background:#dff3e4}.sla-warn{background:#fff1c7}.sla-late{background:#f9d3d0;font-weight:bold}"
        ".pesan{background:#dff3e4;border-left:4px solid #2e7d32;padding:.5rem}"
        ".galat{background:#f9d3d0;border-left:4px solid #b71c1c}"
        "form.aksi{background:#fff;border:1px solid #c9d3da;padding:.6rem;margin:.6rem 0}"
        "label{display:block;margin:.3rem 0}input[type=text],input[type=password],input[type=date],select,textarea"
        "{font:inherit;padding:.3rem;min-width:18rem}textarea{width:100%;max-width:40rem;min-height:3rem}"
        "button{font:inherit;padding:.35rem .9rem;background:#0b4f6c;color:#fff;border:0;border-radius:3px;cursor:pointer}"
        "button.bahaya{background:#b71c1c}button.netral{background:#5f6b73}"
        ".logout{display:flex;gap:.6rem;align-items:center}.kosong{color:#5f6b73}"
        "iframe{width:100%;height:40rem;border:1px solid #c9d3da;background:#fff}"
        "pre.surat{background:#fff;border:1px solid #c9d3da;padding:1rem;white-space:pre-wrap}"
        ".login{max-width:24rem;background:#fff;padding:1rem;border:1px solid #c9d3da}"
        ".kartu{width:85.6mm;height:54mm;box-sizing:border-box;border:1px solid #1b1b1b;border-radius:3mm;background:#fff;"
        "padding:4mm;display:flex;justify-content:space-between;align-items:center;font-size:10pt}"
        "@media print{header,nav,.tanpa-cetak,.pesan{display:none}main{padding:0}body{background:#fff}}\n");
}

} // namespace backend::console::html
