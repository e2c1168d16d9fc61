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

# The same vectors through independent verifiers written from seal.md (Node.js, node:crypto): the seals
# (tests/data/seal) and the list envelopes of §7.2–7.4, delegated list signer and next root (tests/data/trust).
find_program(KIOSK_NODE node)
foreach(check IN ITEMS seal trust)
  if(KIOSK_NODE)
    add_test(NAME ${check}_independent_verifier
      COMMAND ${KIOSK_NODE} ${CMAKE_CURRENT_LIST_DIR}/../tools/verify-${check}.mjs ${CMAKE_CURRENT_LIST_DIR}/../data/${check})
  else()
    add_test(NAME ${check}_independent_verifier COMMAND sh -c "echo 'SKIP: node is not installed'; exit 77")
  endif()
  set_tests_properties(${check}_independent_verifier PROPERTIES SKIP_RETURN_CODE 77 LABELS seal)
endforeach()

# Backend signs and prints, pdftoppm rasterises, ZXing decodes, the kiosk verifies (real SQLite files).
kiosk_add_qtest(NAME tst_seal_letter
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_seal_letter.cpp
  LIBS backend_core kiosk_core kiosk_devices Qt6::Gui Qt6::Sql
  LABELS seal
  FUNCTIONS printedQrVerifiesThenRevoked kecamatanLetterUsesKecamatanKey keysCreateRotateAndFileMode publicUrlFromSettings
            listsResignedOnlyWhenChanged kioskCacheAndVerifier)

# Trust in the lists (#17 M4, M5, L11): key revocation to DICABUT on the kiosk, the delegated list signer of the
# offline root, root rotation, clock rollback and the bounded list age.
kiosk_add_qtest(NAME tst_trust
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_trust.cpp
  LIBS backend_core kiosk_core Qt6::Gui Qt6::Sql
  LABELS seal security
  FUNCTIONS revokedKeyMakesItsLettersDicabut delegatedListsAcceptedOnlyInsideTheWindow nextRootAnnouncedByTheOldRoot
            committedEnvelopeVectors backendSignsWithTheDelegatedKeyOnly rootMovedOutOfTheDataFolder clockRollbackIsTidakDikenal
            maxTrustAgeIsBounded)

# The committed envelope vectors of tests/data/trust (seal.md §7.2–7.4); run once to replace them on purpose.
add_executable(trust-vectors ${CMAKE_CURRENT_LIST_DIR}/../tools/trustvectors.cpp)
target_link_libraries(trust-vectors PRIVATE kiosk_serverlink Qt6::Core)

# Figures: seal size and QR version per catalog service (SQ2 and SQ1), verification time p50/p99, scrypt per NIK guess.
add_executable(bench_seal ${CMAKE_CURRENT_LIST_DIR}/../bench/bench_seal.cpp)
target_link_libraries(bench_seal PRIVATE backend_core kiosk_serverlink Qt6::Core)
add_test(NAME bench_seal COMMAND bench_seal)
set_tests_properties(bench_seal PROPERTIES LABELS bench TIMEOUT 60)
