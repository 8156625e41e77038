# Every library comes from a Debian -dev package (see README, "Building").
find_package(PkgConfig REQUIRED)
find_package(pugixml REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
# libzip's CMake config needs its command-line tools installed; pkg-config does not.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# libxlsxwriter ships no CMake config (award workbook, reports/ only).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
if(TENDER_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
# mstch renders the HTML reports from templates/ (reports/ only).
find_package(mstch REQUIRED)
