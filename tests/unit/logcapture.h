#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <mutex>

/// Every message logged while it lives (any thread), so a test can check that no phone number leaks in clear.
class LogCapture
{
public:
    LogCapture()
    {
        {
            std::lock_guard lock(s_mutex);
            s_lines.clear();
        }
        s_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture() { qInstallMessageHandler(s_previous); }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    [[nodiscard]] QString text() const
    {
        std::lock_guard lock(s_mutex);
        return s_lines.join(QLatin1Char('\n'));
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            std::lock_guard lock(s_mutex);
            s_lines.append(message);
        }
        if (s_previous)
            s_previous(type, context, message);
    }

    static inline QtMessageHandler s_previous = nullptr;
    static inline QStringList s_lines;
    static inline std::mutex s_mutex;
};
