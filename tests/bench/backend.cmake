# Issue #5/#6 figures against the real kecamatan-backend (label bench; they print, never assert on time).
add_executable(bench_backend_throughput ${CMAKE_CURRENT_LIST_DIR}/bench_backend_throughput.cpp ${CMAKE_CURRENT_LIST_DIR}/benchbackend.h)
target_link_libraries(bench_backend_throughput PRIVATE kiosk_serverlink Qt6::Core CURL::libcurl PkgConfig::HTTPLIB OpenSSL::SSL)
add_dependencies(bench_backend_throughput kecamatan-backend)
add_test(NAME bench_backend_throughput COMMAND bench_backend_throughput)
set_tests_properties(bench_backend_throughput PROPERTIES LABELS bench TIMEOUT 240 SKIP_RETURN_CODE 77
  ENVIRONMENT "KIOSK_SOURCE_DIR=${PROJECT_SOURCE_DIR};KIOSK_BINARY_DIR=${PROJECT_BINARY_DIR}")

# Issue #5: outbox drain (SyncService vs curl --parallel) and idle sync (RSS/CPU from /proc).
add_executable(bench_link ${CMAKE_CURRENT_LIST_DIR}/bench_link.cpp ${CMAKE_CURRENT_LIST_DIR}/benchbackend.h)
target_link_libraries(bench_link PRIVATE kiosk_core Qt6::Core Qt6::Sql)
add_dependencies(bench_link kecamatan-backend)
# ctest drains 2,000 (about 2 minutes here; the output says it is shortened); KIOSK_BENCH_DRAIN=10000 for the issue's figure.
add_test(NAME bench_link_drain COMMAND bench_link drain)
set_tests_properties(bench_link_drain PROPERTIES LABELS bench TIMEOUT 900 SKIP_RETURN_CODE 77
  ENVIRONMENT "KIOSK_SOURCE_DIR=${PROJECT_SOURCE_DIR};KIOSK_BINARY_DIR=${PROJECT_BINARY_DIR};KIOSK_BENCH_DRAIN=2000")
# The issue asks for 10 minutes; the ctest default is 120 s and the output says it is shortened.
add_test(NAME bench_link_idle COMMAND bench_link idle)
set_tests_properties(bench_link_idle PROPERTIES LABELS bench TIMEOUT 900 SKIP_RETURN_CODE 77
  ENVIRONMENT "KIOSK_SOURCE_DIR=${PROJECT_SOURCE_DIR};KIOSK_BINARY_DIR=${PROJECT_BINARY_DIR};KIOSK_BENCH_IDLE_SECONDS=120")
