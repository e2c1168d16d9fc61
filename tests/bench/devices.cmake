# Devices benchmarks: they print figures (no assertions) and run as ctest entries labelled bench.
add_executable(bench_devices_hidpos ${CMAKE_CURRENT_LIST_DIR}/bench_devices_hidpos.cpp)
target_link_libraries(bench_devices_hidpos PRIVATE kiosk_devices Qt6::Core)
add_test(NAME bench_devices_hidpos COMMAND bench_devices_hidpos)
set_tests_properties(bench_devices_hidpos PROPERTIES LABELS "bench;devices" TIMEOUT 20)

# Camera decode: plain ZXing, the multi-pass decoder and zbarimg on the shared real photographs and a generated
# 1280x720 corpus, then FrameDecoder's decoded frame rate on a simulated 30 fps camera; prints tables.
add_executable(bench_devices_camera ${CMAKE_CURRENT_LIST_DIR}/bench_devices_camera.cpp)
target_link_libraries(bench_devices_camera PRIVATE kiosk_devices ZXing::ZXing)
target_include_directories(bench_devices_camera PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit)
target_compile_definitions(bench_devices_camera PRIVATE KIOSK_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_test(NAME bench_devices_camera COMMAND bench_devices_camera)
set_tests_properties(bench_devices_camera PROPERTIES LABELS "bench;devices" TIMEOUT 240)

# Scan-to-screen latency (HID POS parser, wedge burst, file: FIFO → identify screen rendered); p50/p99.
kiosk_add_qtest(NAME bench_scan_latency SOURCES bench/bench_scan_latency.cpp LIBS kiosk_test_harness LABELS bench)

# Print submit latency: kiosk print service → CUPS job accepted, beside `lp` on the same file and queue.
add_executable(bench_print_submit ${CMAKE_CURRENT_LIST_DIR}/bench_print_submit.cpp)
target_link_libraries(bench_print_submit PRIVATE kiosk_core kiosk_devices Qt6::Gui)
add_test(NAME bench_print_submit COMMAND bench_print_submit)
set_tests_properties(bench_print_submit PROPERTIES LABELS "bench;devices" TIMEOUT 300 SKIP_RETURN_CODE 77
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;KIOSK_SOURCE_DIR=${PROJECT_SOURCE_DIR}")

# Document capture: per-page size, analysis, processing and capture time on generated camera frames.
add_executable(bench_capture ${CMAKE_CURRENT_LIST_DIR}/bench_capture.cpp)
target_link_libraries(bench_capture PRIVATE kiosk_devices Qt6::Gui)
target_include_directories(bench_capture PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_test(NAME bench_capture COMMAND bench_capture)
set_tests_properties(bench_capture PROPERTIES LABELS "bench;devices" TIMEOUT 120 ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
