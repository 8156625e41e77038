// libFuzzer target: the xlsx reader and the bid workbook importer.
//
// The input is the bytes of a would-be .xlsx file. It is opened as a workbook
// and every sheet it lists is read, then the same bytes go through parse_bid
// as "fuzz.xlsx" (the Bidder, Gates, Price and Social value sheets, through
// Table). Nothing is written; every result is dropped.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tender/importers/parse.hpp"
#include "tender/importers/xlsx.hpp"

// The name is libFuzzer's.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  auto book = tender::importers::xlsx::Workbook::open(bytes, "fuzz.xlsx");
  if (book) {
    const std::vector<std::string> names = book->sheet_names();
    for (const std::string& name : names) {
      (void)book->has_sheet(name);
      (void)book->sheet(name);
    }
  }

  const tender::importers::SourceFile file{"fuzz.xlsx", bytes, {}};
  (void)tender::importers::parse_bid(file);
  return 0;
}
