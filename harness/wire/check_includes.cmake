# Fails when a file in the wire folder includes a header of a library the wire
# parser must not see (sockets, curl, OpenSSL, JSON): the parser takes bytes
# and returns data, which is what keeps it fuzzable and table-testable.
# Used at configure time (include()) and as a ctest test (cmake -P) with
# WIRE_DIR set to the folder to scan.
if(NOT DEFINED WIRE_DIR)
  set(WIRE_DIR "${CMAKE_CURRENT_LIST_DIR}")
endif()
file(GLOB _wire_files "${WIRE_DIR}/*")
foreach(_file IN LISTS _wire_files)
  if(IS_DIRECTORY "${_file}" OR NOT _file MATCHES "\\.(h|cc|cpp|hpp|inc)$")
    continue()
  endif()
  file(STRINGS "${_file}" _bad REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](curl/|sys/socket|netinet/|arpa/|openssl/|nlohmann/)")
  if(_bad)
    string(STRIP "${_bad}" _bad)
    message(FATAL_ERROR "${_file}: forbidden include in the wire parser: ${_bad}")
  endif()
endforeach()
