# The Debian package: `cpack -G DEB` in the build directory makes sla_VERSION_ARCH.deb from the
# install rules, everything under /usr, dependencies computed with dpkg-shlibdeps.

# Debian wants the manual page and the changelog compressed, reproducibly (gzip -n: no name
# and no time stamp in the file).
set(SLA_MAN_GZ "${CMAKE_CURRENT_BINARY_DIR}/sla.1.gz")
set(SLA_CHANGELOG_GZ "${CMAKE_CURRENT_BINARY_DIR}/changelog.gz")
foreach(pair "man/sla.1=${SLA_MAN_GZ}" "packaging/changelog=${SLA_CHANGELOG_GZ}")
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  add_custom_command(OUTPUT "${to}"
                     COMMAND sh -c "gzip -9nc \"$0\" > \"$1\"" "${CMAKE_CURRENT_SOURCE_DIR}/${from}"
                             "${to}"
                     DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${from}" VERBATIM)
endforeach()
add_custom_target(sla_docs ALL DEPENDS "${SLA_MAN_GZ}" "${SLA_CHANGELOG_GZ}")

install(FILES "${SLA_MAN_GZ}" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES packaging/copyright "${SLA_CHANGELOG_GZ}" DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME sla)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sla)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "sla maintainers <sla@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "support SLA deadline calculator")
# Lines of at most 79 characters: dpkg shows each after a space.
set(CPACK_PACKAGE_DESCRIPTION
    "sla tells a support team when the first response to a ticket is due under its
support policy, and what follow-up the customer is owed. It applies the
policy's business-hours clock (working hours in the policy's time zone,
weekends and holidays) to a ticket's submission time, priority and support
tier.

It answers agents at a terminal, scripts through JSON, CSV and templates, and
cron jobs through a streaming batch mode over CSV exports. The SQLite extension
libsla.so offers the same clock as SQL functions, for tickets kept in a
database. Policies are TOML files; the package ships the built-in one and the
US federal holiday sets.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS sqlite3)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# CPack adds maintainer scripts that run ldconfig for any shared object in a directory under
# /usr/lib, so lintian warns maintscript-calls-ldconfig; libsla.so is a private module that
# ldconfig skips, and the calls do no harm.
set(CPACK_STRIP_FILES ON)
include(CPack)
