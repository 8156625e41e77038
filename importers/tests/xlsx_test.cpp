// Tests for the xlsx reader. Every workbook is built in memory here, so the
// tests show exactly which XML each writer quirk looks like.
#include "tender/importers/xlsx.hpp"

#include "workbook_builder.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

using tender::DiagCode;
using tender::importers::ZipLimits;
using tender::importers::xlsx::cell_ref;
using tender::importers::xlsx::Row;
using tender::importers::xlsx::Sheet;
using tender::importers::xlsx::Workbook;
using namespace tender::importers::testing;

namespace {

// A workbook with one sheet "Prices" at xl/worksheets/sheet1.xml holding
// `sheet_data`, and the shared strings `sst_items` when not empty.
std::string one_sheet_workbook(const std::string& sheet_data, const std::string& sst_items = {}) {
  std::vector<Member> members = {
      {"xl/workbook.xml", workbook_xml({"Prices"})},
      {"xl/_rels/workbook.xml.rels", rels_xml({"worksheets/sheet1.xml"}, !sst_items.empty())},
      {"xl/worksheets/sheet1.xml", worksheet(sheet_data)}};
  if (!sst_items.empty()) members.push_back({"xl/sharedStrings.xml", shared_strings(sst_items)});
  return make_zip(members);
}

Workbook open_ok(std::string bytes, ZipLimits limits = {}) {
  auto wb = Workbook::open(std::move(bytes), "bid.xlsx", limits);
  if (!wb.ok()) FAIL(wb.errors()[0].message);
  return std::move(wb.value());
}

Sheet read_ok(Workbook& wb, std::string_view name) {
  auto sheet = wb.sheet(name);
  if (!sheet.ok()) FAIL(sheet.errors()[0].message);
  return std::move(sheet.value());
}

// The only sheet of a one-sheet workbook built from `sheet_data`.
Sheet read_sheet(const std::string& sheet_data, const std::string& sst_items = {}) {
  Workbook wb = open_ok(one_sheet_workbook(sheet_data, sst_items));
  return read_ok(wb, "Prices");
}

// The text of cell (col, row), or "<none>".
std::string text_at(const Sheet& sheet, int col, int row) {
  for (const Row& r : sheet.rows) {
    if (r.number != row) continue;
    for (const auto& cell : r.cells) {
      if (cell.col == col) return cell.text;
    }
  }
  return "<none>";
}

// The sheet as "A1=x B1=y | A2=z" for compact comparisons.
std::string layout(const Sheet& sheet) {
  std::string out;
  for (const Row& r : sheet.rows) {
    if (!out.empty()) out += " | ";
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      if (i > 0) out += ' ';
      out += cell_ref(r.cells[i].col, r.number);
      out += '=';
      out += r.cells[i].text;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("xlsx: cell_ref spells columns in letters and rows in digits", "[importers][xlsx]") {
  CHECK(cell_ref(1, 1) == "A1");
  CHECK(cell_ref(3, 7) == "C7");
  CHECK(cell_ref(26, 10) == "Z10");
  CHECK(cell_ref(27, 2) == "AA2");
  CHECK(cell_ref(52, 2) == "AZ2");
  CHECK(cell_ref(53, 2) == "BA2");
  CHECK(cell_ref(702, 3) == "ZZ3");
  CHECK(cell_ref(703, 3) == "AAA3");
  CHECK(cell_ref(16384, 1048576) == "XFD1048576");
}

TEST_CASE("xlsx: shared strings are resolved by index", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>0</v></c></row>",
      "<si><t>Item</t></si><si><t>Price</t></si>");
  CHECK(sheet.name == "Prices");
  CHECK(layout(sheet) == "A1=Price B1=Item");
}

TEST_CASE("xlsx: rich text runs are joined and phonetic runs ignored", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>",
      "<si><r><rPr><b/></rPr><t>Unit</t></r><r><t xml:space=\"preserve\"> </t></r>"
      "<r><rPr><i/></rPr><t>rate</t></r></si>"
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>"
      "<phoneticPr fontId=\"1\"/></si>");
  CHECK(text_at(sheet, 1, 1) == "Unit rate");
  CHECK(text_at(sheet, 2, 1) == "東京");
}

TEST_CASE("xlsx: inline strings are read, rich or plain", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Cleaning</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><r><t>Site </t></r><r><t>B</t></r></is></c></row>");
  CHECK(layout(sheet) == "A1=Cleaning B1=Site B");
}

TEST_CASE("xlsx: numbers are returned as stored, and numbers stored as text unchanged",
          "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\"><v>1.5E3</v></c><c r=\"B1\" t=\"n\"><v>0.1</v></c>"
      "<c r=\"C1\" t=\"s\"><v>0</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>1,234.50</t></is></c>"
      "<c r=\"E1\" t=\"d\"><v>2024-03-01T00:00:00</v></c></row>",
      "<si><t>00120</t></si>");
  CHECK(layout(sheet) == "A1=1.5E3 B1=0.1 C1=00120 D1=1,234.50 E1=2024-03-01T00:00:00");
}

TEST_CASE("xlsx: cells without r references follow document order", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"2\"><c><v>1</v></c><c/><c><v>3</v></c></row>"
      "<row r=\"3\"><c r=\"C3\"><v>c</v></c><c><v>d</v></c></row>");
  CHECK(layout(sheet) == "A2=1 C2=3 | C3=c D3=d");
}

TEST_CASE("xlsx: rows without r references follow the previous row", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row><c><v>1</v></c></row><row><c><v>2</v></c></row>"
      "<row r=\"7\"><c><v>7</v></c></row><row/><row><c><v>9</v></c></row>");
  CHECK(layout(sheet) == "A1=1 | A2=2 | A7=7 | A9=9");
}

TEST_CASE("xlsx: a row without r takes its number from its cells' references",
          "[importers][xlsx]") {
  const Sheet sheet = read_sheet("<row><c r=\"B4\"><v>x</v></c></row><row><c><v>y</v></c></row>");
  CHECK(layout(sheet) == "B4=x | A5=y");
}

TEST_CASE("xlsx: formulas give their cached value, and none without one", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\"><f>SUM(B1:B9)</f><v>42</v></c>"
      "<c r=\"B1\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>"
      "<c r=\"C1\"><f>1+1</f></c><c r=\"D1\" t=\"str\"><f>X()</f></c>"
      "<c r=\"E1\" t=\"b\"><f>TRUE()</f><v>1</v></c></row>");
  CHECK(layout(sheet) == "A1=42 B1=ab E1=TRUE");
}

TEST_CASE("xlsx: an inline string without its t attribute is still read", "[importers][xlsx]") {
  const Sheet sheet = read_sheet("<row r=\"1\"><c r=\"A1\"><is><t>loose</t></is></c></row>");
  CHECK(layout(sheet) == "A1=loose");
}

TEST_CASE("xlsx: booleans read as TRUE and FALSE", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c></row>");
  CHECK(layout(sheet) == "A1=TRUE B1=FALSE");
}

TEST_CASE("xlsx: error cells return their error text", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"B1\" t=\"e\"><v>#N/A</v></c></row>");
  CHECK(layout(sheet) == "A1=#DIV/0! B1=#N/A");
}

TEST_CASE("xlsx: empty cells and empty rows are dropped, gaps keep positions",
          "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\" spans=\"1:3\"><c r=\"A1\" s=\"1\"/><c r=\"B1\" "
      "t=\"inlineStr\"><is><t/></is></c></row>"
      "<row r=\"3\"><c r=\"B3\"><v>b</v></c><c r=\"E3\" s=\"2\"><v></v></c><c "
      "r=\"F3\"><v>f</v></c></row>"
      "<row r=\"4\"/><row r=\"1000\"><c r=\"AA1000\"><v>z</v></c></row>");
  REQUIRE(sheet.rows.size() == 2);
  CHECK(layout(sheet) == "B3=b F3=f | AA1000=z");
}

TEST_CASE("xlsx: elements with an x: namespace prefix are read", "[importers][xlsx]") {
  const std::string ns = "xmlns:x=\"" + main_ns() + "\"";
  const std::string workbook = "<x:workbook " + ns + " xmlns:r=\"" + rel_ns() +
                               "\"><x:sheets><x:sheet name=\"Prices\" sheetId=\"1\" "
                               "r:id=\"rId1\"/></x:sheets></x:workbook>";
  const std::string sheet_xml = "<x:worksheet " + ns +
                                "><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v>"
                                "</x:c><x:c r=\"B1\"><x:v>12.5</x:v></x:c></x:row></x:sheetData>"
                                "</x:worksheet>";
  const std::string sst = "<x:sst " + ns +
                          "><x:si><x:r><x:t>Pri</x:t></x:r><x:r><x:t>ce</x:t>"
                          "</x:r></x:si></x:sst>";
  Workbook wb =
      open_ok(make_zip({{"xl/workbook.xml", workbook},
                        {"xl/_rels/workbook.xml.rels", rels_xml({"worksheets/s.xml"}, true)},
                        {"xl/worksheets/s.xml", sheet_xml},
                        {"xl/sharedStrings.xml", sst}}));
  CHECK(layout(read_ok(wb, "Prices")) == "A1=Price B1=12.5");
}

TEST_CASE("xlsx: sheets are found through the relationships, absolute or relative",
          "[importers][xlsx]") {
  Workbook wb = open_ok(make_zip(
      {{"xl/workbook.xml", workbook_xml({"Summary", "Prices", "Notes"})},
       {"xl/_rels/workbook.xml.rels",
        rels_xml({"/xl/worksheets/sheet1.xml", "./worksheets/../data/p.xml", "/xl/notes.xml"},
                 false)},
       {"xl/data/p.xml", worksheet("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>")},
       {"xl/worksheets/sheet1.xml", worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
       {"xl/notes.xml", worksheet("<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>")}}));
  CHECK(wb.sheet_names() == std::vector<std::string>{"Summary", "Prices", "Notes"});
  CHECK(layout(read_ok(wb, "Summary")) == "A1=1");
  CHECK(layout(read_ok(wb, "Prices")) == "A1=2");
  CHECK(layout(read_ok(wb, "Notes")) == "A1=3");
  CHECK(wb.label() == "bid.xlsx");
}

TEST_CASE("xlsx: the shared strings part is found through the relationships", "[importers][xlsx]") {
  const std::string rels =
      "<Relationships xmlns=\"" + pkg_rel_ns() + "\"><Relationship Id=\"rId1\" Type=\"" +
      worksheet_type() + "\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId9\" Type=\"" +
      shared_strings_type() + "\" Target=\"strings/table.xml\"/></Relationships>";
  Workbook wb =
      open_ok(make_zip({{"xl/workbook.xml", workbook_xml({"Prices"})},
                        {"xl/_rels/workbook.xml.rels", rels},
                        {"xl/worksheets/sheet1.xml",
                         worksheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")},
                        {"xl/strings/table.xml", shared_strings("<si><t>found</t></si>")}}));
  CHECK(layout(read_ok(wb, "Prices")) == "A1=found");
}

TEST_CASE("xlsx: sheet names match ignoring ASCII case and surrounding spaces",
          "[importers][xlsx]") {
  Workbook wb =
      open_ok(make_zip({{"xl/workbook.xml", workbook_xml({" Price Schedule "})},
                        {"xl/_rels/workbook.xml.rels", rels_xml({"worksheets/a.xml"}, false)},
                        {"xl/worksheets/a.xml", worksheet("<row><c><v>1</v></c></row>")}}));
  CHECK(wb.has_sheet("price schedule"));
  CHECK(wb.has_sheet("PRICE SCHEDULE  "));
  CHECK_FALSE(wb.has_sheet("Price"));
  CHECK_FALSE(wb.has_sheet("PriceSchedule"));
  const Sheet sheet = read_ok(wb, "price SCHEDULE");
  CHECK(sheet.name == " Price Schedule ");
}

TEST_CASE("xlsx: asking for a sheet that does not exist is missing", "[importers][xlsx]") {
  Workbook wb = open_ok(one_sheet_workbook("<row><c><v>1</v></c></row>"));
  auto sheet = wb.sheet("Quality");
  REQUIRE_FALSE(sheet.ok());
  CHECK(sheet.errors()[0].code == DiagCode::missing);
  CHECK(sheet.errors()[0].place.file == "bid.xlsx");
  CHECK_THAT(sheet.errors()[0].message, Catch::Contains("Quality"));
}

TEST_CASE("xlsx: a part with a DOCTYPE is refused", "[importers][xlsx]") {
  const std::string doctype_sheet =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet xmlns=\"" +
      main_ns() +
      "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
      "</sheetData></worksheet>";
  Workbook wb =
      open_ok(make_zip({{"xl/workbook.xml", workbook_xml({"Prices"})},
                        {"xl/_rels/workbook.xml.rels", rels_xml({"worksheets/s.xml"}, false)},
                        {"xl/worksheets/s.xml", doctype_sheet}}));
  auto sheet = wb.sheet("Prices");
  REQUIRE_FALSE(sheet.ok());
  CHECK(sheet.errors()[0].code == DiagCode::refused);
  CHECK(sheet.errors()[0].place.file == "bid.xlsx");
  CHECK(sheet.errors()[0].place.sheet == "Prices");
  CHECK_THAT(sheet.errors()[0].message, Catch::Contains("DOCTYPE is not allowed"));
}

TEST_CASE("xlsx: a DOCTYPE in the workbook or shared strings part refuses the workbook",
          "[importers][xlsx]") {
  const std::string doctype = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\">";
  const std::string wb_xml = workbook_xml({"Prices"});
  const std::string body = wb_xml.substr(wb_xml.find("<workbook"));
  auto wb = Workbook::open(make_zip({{"xl/workbook.xml", doctype + body}}), "bid.xlsx");
  REQUIRE_FALSE(wb.ok());
  CHECK(wb.errors()[0].code == DiagCode::refused);
  CHECK_THAT(wb.errors()[0].message, Catch::Contains("DOCTYPE is not allowed"));

  auto sst =
      Workbook::open(make_zip({{"xl/workbook.xml", wb_xml},
                               {"xl/sharedStrings.xml", doctype + "<sst><si><t>a</t></si></sst>"}}),
                     "bid.xlsx");
  REQUIRE_FALSE(sst.ok());
  CHECK(sst.errors()[0].code == DiagCode::refused);
}

TEST_CASE("xlsx: bytes that are not a zip are not an xlsx workbook", "[importers][xlsx]") {
  auto wb = Workbook::open("Item,Price\nCleaning,100\n", "bid.xlsx");
  REQUIRE_FALSE(wb.ok());
  REQUIRE(wb.errors().size() == 1);
  CHECK(wb.errors()[0].code == DiagCode::malformed);
  CHECK(wb.errors()[0].place.file == "bid.xlsx");
  CHECK(wb.errors()[0].message == "not an xlsx workbook (not a zip archive)");
}

TEST_CASE("xlsx: a zip without xl/workbook.xml is not an xlsx workbook", "[importers][xlsx]") {
  auto wb = Workbook::open(make_zip({{"word/document.xml", "<document/>"}}), "bid.xlsx");
  REQUIRE_FALSE(wb.ok());
  CHECK(wb.errors()[0].code == DiagCode::malformed);
  CHECK_THAT(wb.errors()[0].message, Catch::Contains("xl/workbook.xml"));
}

TEST_CASE("xlsx: a workbook part that is not well-formed is malformed", "[importers][xlsx]") {
  auto wb =
      Workbook::open(make_zip({{"xl/workbook.xml", "<workbook><sheets></workbook>"}}), "bid.xlsx");
  REQUIRE_FALSE(wb.ok());
  CHECK(wb.errors()[0].code == DiagCode::malformed);
  CHECK_THAT(wb.errors()[0].message, Catch::Contains("xl/workbook.xml"));
}

TEST_CASE("xlsx: a sheet that is not well-formed is malformed and named", "[importers][xlsx]") {
  Workbook wb =
      open_ok(make_zip({{"xl/workbook.xml", workbook_xml({"Prices"})},
                        {"xl/_rels/workbook.xml.rels", rels_xml({"worksheets/s.xml"}, false)},
                        {"xl/worksheets/s.xml", "<worksheet><sheetData><row>"}}));
  auto sheet = wb.sheet("Prices");
  REQUIRE_FALSE(sheet.ok());
  CHECK(sheet.errors()[0].code == DiagCode::malformed);
  CHECK(sheet.errors()[0].place.sheet == "Prices");
}

TEST_CASE("xlsx: a sheet whose part is missing is malformed", "[importers][xlsx]") {
  Workbook wb =
      open_ok(make_zip({{"xl/workbook.xml", workbook_xml({"Prices", "Other"})},
                        {"xl/_rels/workbook.xml.rels", rels_xml({"worksheets/gone.xml"}, false)}}));
  auto prices = wb.sheet("Prices");
  REQUIRE_FALSE(prices.ok());
  CHECK(prices.errors()[0].code == DiagCode::malformed);
  CHECK(prices.errors()[0].place.sheet == "Prices");
  auto other = wb.sheet("Other");  // rId2 is not in the relationships at all
  REQUIRE_FALSE(other.ok());
  CHECK(other.errors()[0].code == DiagCode::malformed);
}

TEST_CASE("xlsx: a shared string index past the table is malformed at its cell",
          "[importers][xlsx]") {
  Workbook wb = open_ok(one_sheet_workbook(
      "<row r=\"2\"><c r=\"C2\" t=\"s\"><v>5</v></c><c r=\"D2\" t=\"s\"><v>-1</v></c></row>",
      "<si><t>only</t></si>"));
  auto sheet = wb.sheet("Prices");
  REQUIRE_FALSE(sheet.ok());
  REQUIRE(sheet.errors().size() == 2);
  CHECK(sheet.errors()[0].code == DiagCode::malformed);
  CHECK(sheet.errors()[0].place.sheet == "Prices");
  CHECK(sheet.errors()[0].place.cell == "C2");
  CHECK(sheet.errors()[1].place.cell == "D2");
}

TEST_CASE("xlsx: a cell given twice in a row is malformed", "[importers][xlsx]") {
  Workbook wb = open_ok(
      one_sheet_workbook("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"));
  auto sheet = wb.sheet("Prices");
  REQUIRE_FALSE(sheet.ok());
  CHECK(sheet.errors()[0].place.cell == "B1");
}

TEST_CASE("xlsx: cells and rows out of document order are put in order", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"5\"><c r=\"C5\"><v>c</v></c><c r=\"A5\"><v>a</v></c></row>"
      "<row r=\"2\"><c r=\"B2\"><v>b</v></c></row>");
  CHECK(layout(sheet) == "B2=b | A5=a C5=c");
}

TEST_CASE("xlsx: invalid cell and row references are malformed", "[importers][xlsx]") {
  Workbook wb = open_ok(one_sheet_workbook(
      "<row r=\"x\"><c><v>1</v></c></row><row r=\"3\"><c r=\"3A\"><v>1</v></c></row>"));
  auto sheet = wb.sheet("Prices");
  REQUIRE_FALSE(sheet.ok());
  CHECK(sheet.errors().size() == 2);
}

TEST_CASE("xlsx: Excel's _xHHHH_ escapes in strings are decoded", "[importers][xlsx]") {
  const Sheet sheet = read_sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>",
      "<si><t>line one_x000D_</t></si><si><t>a_x005F_x0041_b</t></si>");
  CHECK(text_at(sheet, 1, 1) == "line one\r");
  CHECK(text_at(sheet, 2, 1) == "a_x0041_b");
}

TEST_CASE("xlsx: a sheet without sheetData has no rows", "[importers][xlsx]") {
  Workbook wb =
      open_ok(make_zip({{"xl/workbook.xml", workbook_xml({"Chart"})},
                        {"xl/_rels/workbook.xml.rels", rels_xml({"chartsheets/c.xml"}, false)},
                        {"xl/chartsheets/c.xml", "<chartsheet xmlns=\"" + main_ns() + "\"/>"}}));
  CHECK(read_ok(wb, "Chart").rows.empty());
}

TEST_CASE("xlsx: a sheet part over the zip limit is refused and names the sheet",
          "[importers][xlsx]") {
  std::string rows;
  for (int i = 1; i <= 200; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c><v>1</v></c></row>";
  ZipLimits limits;
  limits.max_part_bytes = 2000;
  Workbook wb = open_ok(one_sheet_workbook(rows), limits);
  auto sheet = wb.sheet("Prices");
  REQUIRE_FALSE(sheet.ok());
  CHECK(sheet.errors()[0].code == DiagCode::refused);
  CHECK(sheet.errors()[0].place.file == "bid.xlsx");
  CHECK(sheet.errors()[0].place.sheet == "Prices");
}

TEST_CASE("xlsx: a large sheet is read in full", "[importers][xlsx]") {
  std::string rows;
  for (int i = 1; i <= 25000; ++i) {
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) + "\" t=\"s\"><v>" +
            std::to_string(i % 2) + "</v></c><c r=\"B" + std::to_string(i) + "\"><v>" +
            std::to_string(i) + ".25</v></c></row>";
  }
  const Sheet sheet = read_sheet(rows, "<si><t>even</t></si><si><t>odd</t></si>");
  REQUIRE(sheet.rows.size() == 25000);
  CHECK(text_at(sheet, 1, 24999) == "odd");
  CHECK(text_at(sheet, 2, 25000) == "25000.25");
}

TEST_CASE("xlsx: streaming rows gives document order and can stop early", "[importers][xlsx]") {
  Workbook wb = open_ok(one_sheet_workbook(
      "<row r=\"5\"><c r=\"A5\"><v>5</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"
      "<row r=\"9\"><c r=\"A9\"><v>9</v></c></row>"));
  std::vector<int> seen;
  const auto all = wb.for_each_row("Prices", [&](const Row& row) {
    seen.push_back(row.number);
    return true;
  });
  CHECK(all.empty());
  CHECK(seen == std::vector<int>{5, 2, 9});
  seen.clear();
  const auto first = wb.for_each_row("Prices", [&](const Row& row) {
    seen.push_back(row.number);
    return false;
  });
  CHECK(first.empty());
  CHECK(seen == std::vector<int>{5});
}

TEST_CASE("xlsx: a shared string table of many strings is read whole", "[importers][xlsx]") {
  std::string strings;
  std::string rows;
  for (int i = 0; i < 3000; ++i) {
    strings += "<si><t>item " + std::to_string(i) + "</t></si>";
    rows += "<row r=\"" + std::to_string(i + 1) + "\"><c t=\"s\"><v>" + std::to_string(2999 - i) +
            "</v></c></row>";
  }
  const Sheet sheet = read_sheet(rows, strings);
  REQUIRE(sheet.rows.size() == 3000);
  CHECK(text_at(sheet, 1, 1) == "item 2999");
  CHECK(text_at(sheet, 1, 3000) == "item 0");
}

TEST_CASE("xlsx: plain cells read on the fast path equal the general path", "[importers][xlsx]") {
  // The same cells twice: as Excel writes them (read whole by try_plain_cell)
  // and with a space before </c>, which sends every cell down the event path.
  const std::vector<std::string> cells = {
      R"(<c r="A1" t="s"><v>1</v></c>)",          R"(<c r="B1"><v>12.5</v></c>)",
      R"(<c r="C1" t="b"><v>1</v></c>)",          R"(<c r="D1" t="e"><v>#N/A</v></c>)",
      R"(<c r="E1" t="str"><v>a_x0041_</v></c>)", R"(<c r="F1" s="3"/>)",
      R"(<c t="inlineStr"><v>x_x0042_</v></c>)",  R"(<c r="H1"><v></v></c>)",
      R"(<c r="I1" t="s" r="Z9"><v>0</v></c>)",   R"(<c r="J1"><v> 7 </v></c>)"};
  std::string plain = "<row r=\"1\">", slow = "<row r=\"1\">";
  for (const std::string& c : cells) {
    plain += c;
    std::string s = c;
    if (s.size() > 6 && s.compare(s.size() - 4, 4, "</c>") == 0) {
      s.insert(s.size() - 4, " ");
    } else {
      s.insert(s.size() - 2, " ");  // <c .../> as <c ... />
    }
    slow += s;
  }
  plain += "</row>";
  slow += "</row>";
  const std::string sst = "<si><t>zero</t></si><si><t>one</t></si>";
  const Sheet a = read_sheet(plain, sst);
  const Sheet b = read_sheet(slow, sst);
  CHECK(layout(a) == layout(b));
  CHECK(layout(a) == "A1=one B1=12.5 C1=TRUE D1=#N/A E1=aA G1=xB I1=zero J1= 7 ");
}
