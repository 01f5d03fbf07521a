# The SQLite extension: the same core behind SQL functions. It reaches SQLite only through the
# API table the loader hands it, so it links no SQLite library, and exports its entry point
# alone (the core and the C++ runtime inside stay private to it).
find_path(SLA_SQLITE3EXT_INCLUDE sqlite3ext.h)
if(NOT SLA_SQLITE3EXT_INCLUDE)
  message(FATAL_ERROR "sqlite3ext.h not found: install libsqlite3-dev (bash scripts/deps), "
                      "or configure with -DSLA_SQLITE=OFF")
endif()

# The shared object is made of the core the binary uses, built position-independent for it
# (see CMakeLists.txt).
add_library(sla_sqlite MODULE src/sqlite/arguments.cpp src/sqlite/connection.cpp
                              src/sqlite/extension.cpp src/sqlite/functions.cpp
                              src/sqlite/holidays_table.cpp)
set_target_properties(sla_sqlite PROPERTIES OUTPUT_NAME sla PREFIX lib
                                            CXX_VISIBILITY_PRESET hidden
                                            VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(sla_sqlite SYSTEM PRIVATE "${SLA_SQLITE3EXT_INCLUDE}")
target_link_libraries(sla_sqlite PRIVATE sla_system sla_core sla_warnings)
set(SLA_SQLITE_MAP "${PROJECT_SOURCE_DIR}/src/sqlite/libsla.map")
# --no-undefined proves that no SQLite symbol is linked; sanitizer runtimes come from the
# process that loads a sanitized build.
target_link_options(sla_sqlite PRIVATE "-Wl,--version-script=${SLA_SQLITE_MAP}"
                                       -Wl,-z,relro -Wl,-z,now)
if(NOT SLA_SANITIZE)
  target_link_options(sla_sqlite PRIVATE -Wl,--no-undefined)
endif()
set_property(TARGET sla_sqlite APPEND PROPERTY LINK_DEPENDS "${SLA_SQLITE_MAP}")
install(TARGETS sla_sqlite LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/sla)
