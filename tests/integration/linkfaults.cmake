# The link under network faults (fault-injecting proxy, a partition of KIOSK_PARTITION_SECONDS, default 300)
# and under crashes (kiosk SIGKILLed ≥ 30 times, backend restarted ≥ 5 times).
kiosk_add_qtest(NAME tst_network_faults SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_network_faults.cpp
  LIBS kiosk_core kiosk_faultproxy Qt6::Sql)
add_dependencies(tst_network_faults kecamatan-backend)
set_tests_properties(tst_network_faults PROPERTIES TIMEOUT 1200 LABELS "integration;faults")

kiosk_add_qtest(NAME tst_crash_consistency SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_crash_consistency.cpp
  LIBS kiosk_core Qt6::Sql)
target_include_directories(tst_crash_consistency PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_crash_consistency kecamatan-backend kiosk-loadgen)
set_tests_properties(tst_crash_consistency PROPERTIES TIMEOUT 1200 LABELS "integration;faults")

# Issue #13: a 5 MB request's pages through a link cut at random points arrive once, byte-identical, resumed.
kiosk_add_qtest(NAME tst_upload_resume SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_upload_resume.cpp
  LIBS kiosk_core kiosk_faultproxy Qt6::Sql)
add_dependencies(tst_upload_resume kecamatan-backend)
set_tests_properties(tst_upload_resume PROPERTIES TIMEOUT 600 LABELS "integration;faults")
