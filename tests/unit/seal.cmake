# SQ1 and SQ2 seals (server-link/api/seal.md): committed vectors, codec, signer, verifier, trust lists.
add_executable(seal-vectors ${CMAKE_CURRENT_LIST_DIR}/../tools/sealvectors.cpp)
target_include_directories(seal-vectors PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
target_link_libraries(seal-vectors PRIVATE kiosk_serverlink Qt6::Core)

kiosk_add_qtest(NAME tst_seal
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_seal.cpp
  LIBS kiosk_serverlink
  LABELS seal
  FUNCTIONS base45Rfc9285 base45Strict canonicalText validVectors invalidVectors encodeMatchesVectors everyByteFlipRejected
            everyCharacterChangeRejected kidCollision keyWindow revocation staleLists nikCheck digitsCodec sq2TextForm sq2HighSRefused
            sq2NikTag sq2SignerNeedsAUrl trustListRefused garbageNeverCrashes)
target_include_directories(tst_seal PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)

# The same vectors through an independent verifier written from seal.md (Node.js, node:crypto).
find_program(KIOSK_NODE node)
if(KIOSK_NODE)
  add_test(NAME seal_independent_verifier
    COMMAND ${KIOSK_NODE} ${CMAKE_CURRENT_LIST_DIR}/../tools/verify-seal.mjs ${CMAKE_CURRENT_LIST_DIR}/../data/seal)
else()
  add_test(NAME seal_independent_verifier COMMAND sh -c "echo 'SKIP: node is not installed'; exit 77")
endif()
set_tests_properties(seal_independent_verifier PROPERTIES SKIP_RETURN_CODE 77 LABELS seal)

# Backend signs and prints, pdftoppm rasterises, ZXing decodes, the kiosk verifies (real SQLite files).
kiosk_add_qtest(NAME tst_seal_letter
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_seal_letter.cpp
  LIBS backend_core kiosk_core kiosk_devices Qt6::Gui Qt6::Sql
  LABELS seal
  FUNCTIONS printedQrVerifiesThenRevoked kecamatanLetterUsesKecamatanKey keysCreateRotateAndFileMode publicUrlFromSettings
            listsResignedOnlyWhenChanged kioskCacheAndVerifier)

# Figures: seal size and QR version per catalog service (SQ2 and SQ1), verification time p50/p99, scrypt per NIK guess.
add_executable(bench_seal ${CMAKE_CURRENT_LIST_DIR}/../bench/bench_seal.cpp)
target_link_libraries(bench_seal PRIVATE backend_core kiosk_serverlink Qt6::Core)
add_test(NAME bench_seal COMMAND bench_seal)
set_tests_properties(bench_seal PROPERTIES LABELS bench TIMEOUT 60)
