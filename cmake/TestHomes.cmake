# Every CTest test runs with a HOME and a TMPDIR of its own under <build>/test-homes/<test>, so no
# test can touch the user's settings (~/.config/FedHAP), saved runs (~/.local/share/FedHAP) or
# /tmp, and the XDG folder variables are unset so that a leak lands in that fresh HOME, where it
# is seen; XDG_RUNTIME_DIR is set to a folder of its own too (else Qt makes $TMPDIR/runtime-$USER).
# Two fixture tests bracket the run (ctest adds them to any selection that needs them):
#   test_homes_setup  makes the folders afresh;
#   test_homes_check  runs after every other test and fails, naming the test, when one wrote the
#                     workbench's user folders in its HOME (a child process started without test
#                     folders of its own) or left anything in its TMPDIR; else it removes them all.
# CTest properties can only be set in the folder that added the test, so each folder with tests
# calls fedhap_give_tests_fresh_homes() at its end, and the top folder adds the two fixture tests
# once all are known.
set(FEDHAP_TEST_HOMES ${CMAKE_BINARY_DIR}/test-homes)

function(fedhap_give_tests_fresh_homes)
  get_property(tests DIRECTORY PROPERTY TESTS)
  foreach(t ${tests})
    set_property(TEST ${t} APPEND PROPERTY ENVIRONMENT_MODIFICATION
                 HOME=set:${FEDHAP_TEST_HOMES}/${t}/home TMPDIR=set:${FEDHAP_TEST_HOMES}/${t}/tmp
                 XDG_RUNTIME_DIR=set:${FEDHAP_TEST_HOMES}/${t}/runtime
                 XDG_CONFIG_HOME=unset: XDG_DATA_HOME=unset: XDG_CACHE_HOME=unset: XDG_STATE_HOME=unset:)
    set_property(TEST ${t} APPEND PROPERTY FIXTURES_REQUIRED test_homes)
  endforeach()
  set_property(GLOBAL APPEND PROPERTY FEDHAP_TESTS_WITH_HOMES ${tests})
endfunction()

function(fedhap_add_test_homes_fixture)
  get_property(names GLOBAL PROPERTY FEDHAP_TESTS_WITH_HOMES)
  string(REPLACE ";" "," names "${names}")
  set(script ${CMAKE_SOURCE_DIR}/tests/support/test_homes.cmake)
  add_test(NAME test_homes_setup COMMAND ${CMAKE_COMMAND} -DMODE=setup -DROOT=${FEDHAP_TEST_HOMES} -DTESTS=${names} -P ${script})
  add_test(NAME test_homes_check COMMAND ${CMAKE_COMMAND} -DMODE=check -DROOT=${FEDHAP_TEST_HOMES} -DTESTS=${names} -P ${script})
  set_tests_properties(test_homes_setup PROPERTIES FIXTURES_SETUP test_homes LABELS "unit;base")
  set_tests_properties(test_homes_check PROPERTIES FIXTURES_CLEANUP test_homes LABELS "unit;base")
endfunction()
