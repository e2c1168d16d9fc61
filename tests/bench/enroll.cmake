# Enrollment benchmark (issue #5): CSR signing rate and the per-request kiosk registry check.
add_executable(bench_enroll ${CMAKE_CURRENT_LIST_DIR}/bench_enroll.cpp)
target_link_libraries(bench_enroll PRIVATE backend_core kiosk_serverlink Qt6::Core)
add_test(NAME bench_enroll COMMAND bench_enroll)
set_tests_properties(bench_enroll PROPERTIES LABELS "bench;security" TIMEOUT 120)
