# The SQLite extension's tests: its argument reading, in-process connections, and the real
# sqlite3 shell and Python's sqlite3 module running queries against it.

# The arguments, without SQLite.
add_executable(sqlite_arguments_test sqlite_arguments_test.cpp
                                     "${PROJECT_SOURCE_DIR}/src/sqlite/arguments.cpp")
target_link_libraries(sqlite_arguments_test PRIVATE sla_test_support GTest::gtest_main
                                                    sla_warnings)
gtest_discover_tests(sqlite_arguments_test DISCOVERY_TIMEOUT 60)

# The sqlite3 shell, and a Python whose sqlite3 module can load extensions (Debian's can; a
# Python built without the option cannot, so /usr/bin/python3 is tried first).
find_program(SLA_SQLITE3_SHELL sqlite3)
if(NOT SLA_SQLITE3_SHELL)
  message(FATAL_ERROR "the sqlite3 shell is needed for the tests: bash scripts/deps")
endif()
if(NOT SLA_PYTHON)
  find_program(SLA_PATH_PYTHON python3)
  foreach(candidate /usr/bin/python3 ${SLA_PATH_PYTHON})
    execute_process(
      COMMAND "${candidate}" -c
              "import sqlite3; sqlite3.connect(':memory:').enable_load_extension(True)"
      RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0)
      set(SLA_PYTHON "${candidate}" CACHE FILEPATH "Python 3 whose sqlite3 can load extensions")
      break()
    endif()
  endforeach()
endif()
if(NOT SLA_PYTHON)
  message(FATAL_ERROR "no python3 whose sqlite3 module can load extensions: bash scripts/deps")
endif()

# A sanitized libsla.so needs the sanitizer runtime loaded before anything else in the process
# that loads it (Python, the sqlite3 shell), and libstdc++ with it, for exceptions to pass
# through the runtime's interceptors. Python leaks by design, so leaks are looked for in the
# sqlite3 shell only.
set(SLA_SQLITE_TEST_ENV "")
set(SLA_SQLITE_SKIP "")
if(SLA_SANITIZE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE SLA_ASAN_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++.so
                  OUTPUT_VARIABLE SLA_STDCXX OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(SLA_SANITIZE MATCHES "address" AND IS_ABSOLUTE "${SLA_ASAN_RUNTIME}"
     AND EXISTS "${SLA_ASAN_RUNTIME}")
    set(SLA_SANITIZER_PRELOAD "${SLA_ASAN_RUNTIME}:${SLA_STDCXX}")
    set(SLA_SQLITE_TEST_ENV "LD_PRELOAD=${SLA_SANITIZER_PRELOAD}" "ASAN_OPTIONS=detect_leaks=0"
                            "SLA_SHELL_ASAN_OPTIONS=detect_leaks=1")
  else()
    set(SLA_SQLITE_SKIP "no AddressSanitizer runtime of ${CMAKE_CXX_COMPILER} to preload")
  endif()
endif()

# Each script prints "N passed, M failed" and fails if M > 0.
foreach(script functions shell any_value batch_compare)
  set(name sqlite_${script})
  if(SLA_SQLITE_SKIP)
    add_test(NAME ${name} COMMAND sh -c "echo 'skipped: ${SLA_SQLITE_SKIP}'; exit 77")
    set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77)
    continue()
  endif()
  add_test(NAME ${name}
           COMMAND "${SLA_PYTHON}" -B "${CMAKE_CURRENT_SOURCE_DIR}/sqlite/${script}_test.py"
                   --extension "$<TARGET_FILE:sla_sqlite>" --sla "$<TARGET_FILE:sla>"
                   --sqlite3 "${SLA_SQLITE3_SHELL}")
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${SLA_SQLITE_TEST_ENV}" TIMEOUT 900)
endforeach()
