#pragma once

#include "session.h"

#include <QQmlEngine>

/// Hands the Session built in main() to QML as the singleton `Session`, owned by C++.
struct SessionForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::Session)
    QML_NAMED_ELEMENT(Session)
    QML_SINGLETON
public:
    static kiosk::Session *create(QQmlEngine *, QJSEngine *)
    {
        Q_ASSERT(s_instance);
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    static inline kiosk::Session *s_instance = nullptr;
};

/// The catalog model type, so QML knows its roles and properties.
struct CatalogModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::CatalogModel)
    QML_NAMED_ELEMENT(CatalogModel)
    QML_UNCREATABLE("provided by Session.catalog")
};
