# Kiosk start-up: exec → READY=1 (sd_notify, read from a notify socket of the bench's own) and
# --self-test; prints p50/min/max. `bench_startup PATH-TO-ANJUNGAN RUNS` measures another build.
add_executable(bench_startup ${CMAKE_CURRENT_LIST_DIR}/bench_startup.cpp)
target_link_libraries(bench_startup PRIVATE Qt6::Core)
add_dependencies(bench_startup anjungan)
add_test(NAME bench_startup COMMAND bench_startup $<TARGET_FILE:anjungan> 10)
set_tests_properties(bench_startup PROPERTIES LABELS bench TIMEOUT 300 SKIP_RETURN_CODE 77)
