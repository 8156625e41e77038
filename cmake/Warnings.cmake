# tender_options: compile options every target of ours uses (never third-party code).
add_library(tender_options INTERFACE)
target_compile_options(tender_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  # Same numbers on every machine: never fuse multiply-adds behind our back.
  -ffp-contract=off)
if(TENDER_WERROR)
  target_compile_options(tender_options INTERFACE -Werror)
endif()
if(TENDER_SANITIZE)
  # float-cast-overflow is not part of "undefined" in GCC; a double too large
  # for an int is exactly what hostile spreadsheets hold (tests/fuzz found one).
  target_compile_options(tender_options INTERFACE
    -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  target_link_options(tender_options INTERFACE -fsanitize=address,undefined,float-cast-overflow)
endif()
if(TENDER_FUZZ)
  # Coverage for libFuzzer plus ASan and UBSan on every target of ours; the fuzz
  # executables themselves add -fsanitize=fuzzer at link (tests/fuzz). UBSan
  # findings abort, so libFuzzer sees them as crashes.
  target_compile_options(tender_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  target_link_options(tender_options INTERFACE -fsanitize=address,undefined,float-cast-overflow)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 reports false -Wrestrict errors inside std::string's operator+ at -O2
  # (GCC bug 105651, fixed in GCC 13). Debian 12 ships GCC 12.
  target_compile_options(tender_options INTERFACE -Wno-restrict)
endif()
