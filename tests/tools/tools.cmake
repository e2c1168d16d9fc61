# Test tools: the fault-injecting TCP proxy (a library for tests) and the kiosk load generator.
find_package(Qt6 REQUIRED COMPONENTS Network)
add_library(kiosk_faultproxy STATIC ${CMAKE_CURRENT_LIST_DIR}/faultproxy.cpp ${CMAKE_CURRENT_LIST_DIR}/faultproxy.h)
target_include_directories(kiosk_faultproxy PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(kiosk_faultproxy PUBLIC Qt6::Network)

add_executable(kiosk-loadgen ${CMAKE_CURRENT_LIST_DIR}/kiosk-loadgen.cpp)
target_link_libraries(kiosk-loadgen PRIVATE kiosk_core)
