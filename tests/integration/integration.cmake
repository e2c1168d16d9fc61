kiosk_add_qtest(NAME tst_endtoend SOURCES integration/tst_endtoend.cpp LIBS kiosk_core Qt6::Sql)
add_dependencies(tst_endtoend anjungan kecamatan-backend)
set_tests_properties(tst_endtoend PROPERTIES TIMEOUT 600 LABELS integration)

add_test(NAME anjungan_self_test COMMAND anjungan --self-test)
set_tests_properties(anjungan_self_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_QUICK_BACKEND=software"
  PASS_REGULAR_EXPRESSION "self-test: [1-9][0-9]* QML files loaded, 0 failed")

# Issue #6: citizen SMS from the real backend process to a local HTTP SMS gateway, across SIGKILLs.
find_package(Qt6 6.4 REQUIRED COMPONENTS Network)
kiosk_add_qtest(NAME tst_notifications SOURCES integration/tst_notifications.cpp unit/smsgatewayreceiver.h
  LIBS backend_core Qt6::Network Qt6::Sql
  FUNCTIONS onePerEvent killedBetweenEnqueueAndSend killedWhileOnTheWire
  LABELS integration)
target_include_directories(tst_notifications PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit)
add_dependencies(tst_notifications kecamatan-backend)
