#pragma once

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

/// Small HTML building blocks of the officer console; every text that is not markup goes through escape().
namespace backend::console::html {

/// Escapes &, <, >, " and ' so any text is safe in element content and quoted attributes.
[[nodiscard]] QString escape(const QString &text);

/// One entry of the navigation bar.
struct NavItem {
    QString path;
    QString title;
};

/// What surrounds every page: title, who is logged in, navigation, a message and the logout form.
struct Chrome {
    QString title;
    QString officerName; // empty on the login page
    QString roleText;
    QString csrfToken;
    QList<NavItem> nav;
    QString currentPath;
    QString message; // plain text, shown above the body
    bool messageIsError = false;
};

/// A whole HTML document in Bahasa Indonesia around `body` (already HTML).
[[nodiscard]] QString page(const Chrome &chrome, const QString &body);
/// A hidden input carrying the CSRF token; every POST form includes it.
[[nodiscard]] QString csrfField(const QString &token);
/// A table with escaped header cells; rows are HTML already (build them with cell()).
[[nodiscard]] QString table(const QStringList &headers, const QStringList &rowsHtml, const QString &emptyText);
/// <td> with escaped text and an optional class.
[[nodiscard]] QString cell(const QString &text, const QString &cssClass = {});
/// <a href> with escaped target and text.
[[nodiscard]] QString link(const QString &href, const QString &text);
/// Percent-encodes one path segment or query value.
[[nodiscard]] QString urlEncode(const QString &value);
/// A moment as officers read it: "dd-MM-yyyy HH:mm WIB" (UTC+7), "-" when not set.
[[nodiscard]] QString wibTime(const QDateTime &t);
/// The console stylesheet (served as /gaya.css so the CSP needs no inline styles).
[[nodiscard]] QByteArray stylesheet();

} // namespace backend::console::html
