// SpreadsheetML reading with pugixml. Element names are matched by local name
// (writers differ in namespace prefixes), every part is parsed with DOCTYPE
// nodes kept so that one can be refused, and nothing is expanded.
#include "tender/importers/xlsx.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <new>
#include <optional>
#include <utility>

namespace tender::importers::xlsx {
namespace {

constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";
constexpr std::string_view kDefaultSharedStringsPart = "xl/sharedStrings.xml";
constexpr int kMaxCol = 16384;    // XFD, Excel's last column
constexpr int kMaxRow = 1048576;  // Excel's last row

// pcdata_single keeps a whitespace-only <t> (" " between two rich-text runs).
constexpr unsigned kParseOptions =
    pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata_single;

Diagnostic make_error(DiagCode code, Place place, std::string message) {
  Diagnostic d;
  d.code = code;
  d.place = std::move(place);
  d.message = std::move(message);
  return d;
}

Place file_place(const std::string& label, const std::string& sheet = {}) {
  Place p;
  p.file = label;
  p.sheet = sheet;
  return p;
}

// ---- XML helpers ------------------------------------------------------------

// The part of an element or attribute name after its namespace prefix.
std::string_view local_name(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon == nullptr ? std::string_view(name) : std::string_view(colon + 1);
}

bool is_named(pugi::xml_node node, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node.name()) == local;
}

// The first child element whose local name is `local`.
pugi::xml_node child_named(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node child : parent.children()) {
    if (is_named(child, local)) return child;
  }
  return {};
}

// The relationship id attribute ("r:id" whatever the prefix).
pugi::xml_attribute relationship_id(pugi::xml_node node) {
  for (pugi::xml_attribute attr : node.attributes()) {
    const std::string_view name = attr.name();
    if (name.find(':') != std::string_view::npos && local_name(attr.name()) == "id" &&
        name.substr(0, 6) != "xmlns:") {
      return attr;
    }
  }
  return {};
}

// All the character data directly inside `node` (text and CDATA).
void append_text(pugi::xml_node node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    }
  }
}

std::string text_of(pugi::xml_node node) {
  std::string out;
  append_text(node, out);
  return out;
}

// A parsed XML part; the document points into `bytes`.
struct XmlPart {
  std::string bytes;
  pugi::xml_document doc;
};

// Parses `part.bytes` in place. A DOCTYPE is refused, broken XML is malformed.
Diagnostics parse_xml(XmlPart& part, const std::string& name, const Place& place) {
  const pugi::xml_parse_result result =
      part.doc.load_buffer_inplace(part.bytes.data(), part.bytes.size(), kParseOptions);
  if (result.status == pugi::status_out_of_memory) {
    return {make_error(DiagCode::refused, place, "not enough memory to parse " + name)};
  }
  if (!result) {
    return {make_error(DiagCode::malformed, place,
                       name + " is not well-formed XML: " + result.description() + " at offset " +
                           std::to_string(result.offset))};
  }
  for (pugi::xml_node node : part.doc.children()) {
    if (node.type() == pugi::node_doctype) {
      return {
          make_error(DiagCode::refused, place, name + ": DOCTYPE is not allowed in workbook XML")};
    }
  }
  return {};
}

// ---- Text helpers -----------------------------------------------------------

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The code point of an "_xHHHH_" escape at `pos`, if there is one there.
std::optional<unsigned> escape_at(const std::string& s, std::size_t pos) {
  if (pos + 7 > s.size() || s[pos] != '_' || s[pos + 1] != 'x' || s[pos + 6] != '_') {
    return std::nullopt;
  }
  unsigned cp = 0;
  for (std::size_t i = pos + 2; i < pos + 6; ++i) {
    if (!is_hex(s[i])) return std::nullopt;
    cp = cp * 16 + hex_value(s[i]);
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return std::nullopt;  // lone surrogate halves
  return cp;
}

// Decodes the "_xHHHH_" escapes Excel writes for characters XML cannot hold
// (ST_Xstring); "_x005F_" is a literal underscore.
void decode_escapes(std::string& s) {
  if (s.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (const std::optional<unsigned> cp = escape_at(s, i)) {
      append_utf8(out, *cp);
      i += 7;
    } else {
      out += s[i++];
    }
  }
  s = std::move(out);
}

// The text of a string item (<si> or <is>): its <t>, or the <t> of each rich
// text run <r>, joined. Phonetic runs (<rPh>) are not part of the text.
std::string string_item_text(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node child : item.children()) {
    if (is_named(child, "t")) {
      append_text(child, out);
    } else if (is_named(child, "r")) {
      if (pugi::xml_node t = child_named(child, "t")) append_text(t, out);
    }
  }
  decode_escapes(out);
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  const std::size_t first = s.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

// Parses a decimal in [lo, hi] (hi < 1e9); nullopt when it is not one.
std::optional<int> parse_decimal(std::string_view s, int lo, int hi) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < lo || value > hi) return std::nullopt;
  return value;
}

std::optional<int> parse_positive(std::string_view s, int limit) {
  return parse_decimal(s, 1, limit);
}

struct CellPos {
  int col = 0;
  int row = 0;
};

// Parses an A1-style reference ("C7"); nullopt when it is not one.
std::optional<CellPos> parse_ref(std::string_view ref) {
  std::size_t i = 0;
  int col = 0;
  for (; i < ref.size() && i < 3; ++i) {
    const char c = ref[i];
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + (c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      col = col * 26 + (c - 'a' + 1);
    } else {
      break;
    }
  }
  if (col < 1 || col > kMaxCol) return std::nullopt;
  const std::optional<int> row = parse_positive(ref.substr(i), kMaxRow);
  if (!row) return std::nullopt;
  return CellPos{col, *row};
}

// ---- Package paths ----------------------------------------------------------

// Resolves a relationship target against the folder of its source part
// ("xl/"): absolute targets start at the package root; "." and ".." apply.
std::string resolve_target(std::string_view base_dir, std::string_view target) {
  std::string joined = target.substr(0, 1) == "/" ? std::string(target.substr(1))
                                                  : std::string(base_dir) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string out;
  for (std::string_view seg : segments) {
    if (!out.empty()) out += '/';
    out += seg;
  }
  return out;
}

// The zip member called `name`, or failing that one whose name differs only
// in ASCII case (OPC part names are case-insensitive). Empty when none.
std::string find_member(const ZipArchive& zip, std::string_view name) {
  if (zip.contains(name)) return std::string(name);
  for (const std::string& member : zip.names()) {
    if (equals_ignoring_case(member, name)) return member;
  }
  return {};
}

// Reads and parses one part of the package into `part`.
Diagnostics load_part(ZipArchive& zip, const std::string& member, XmlPart& part,
                      const Place& place) {
  Result<std::string> bytes = zip.read(member);
  if (!bytes) {
    Diagnostics errors = bytes.errors();
    for (Diagnostic& d : errors) d.place.sheet = place.sheet;
    return errors;
  }
  part.bytes = std::move(bytes.value());
  return parse_xml(part, member, place);
}

// ---- Workbook structure -----------------------------------------------------

struct SheetEntry {
  std::string name;
  std::string rel_id;
};

struct Relationships {
  std::vector<std::pair<std::string, std::string>> targets;  // id -> resolved part
  std::string shared_strings;                                // resolved part, if any
};

// Reads the <sheet> entries of xl/workbook.xml.
Result<std::vector<SheetEntry>> read_sheet_entries(ZipArchive& zip) {
  const Place place = file_place(zip.label());
  const std::string member = find_member(zip, kWorkbookPart);
  if (member.empty()) {
    return Diagnostics{
        make_error(DiagCode::malformed, place, "not an xlsx workbook (no xl/workbook.xml)")};
  }
  XmlPart part;
  if (Diagnostics errors = load_part(zip, member, part, place); !errors.empty()) return errors;
  std::vector<SheetEntry> entries;
  const pugi::xml_node sheets = child_named(part.doc.document_element(), "sheets");
  for (pugi::xml_node sheet : sheets.children()) {
    if (!is_named(sheet, "sheet")) continue;
    const pugi::xml_attribute name = sheet.attribute("name");
    if (!name || *name.value() == '\0') {
      return Diagnostics{
          make_error(DiagCode::malformed, place, "a sheet in xl/workbook.xml has no name")};
    }
    entries.push_back({name.value(), relationship_id(sheet).value()});
  }
  return entries;
}

// Reads xl/_rels/workbook.xml.rels; an absent file means no relationships.
Result<Relationships> read_relationships(ZipArchive& zip) {
  Relationships rels;
  const std::string member = find_member(zip, kWorkbookRelsPart);
  if (member.empty()) return rels;
  XmlPart part;
  if (Diagnostics errors = load_part(zip, member, part, file_place(zip.label())); !errors.empty()) {
    return errors;
  }
  for (pugi::xml_node rel : part.doc.document_element().children()) {
    if (!is_named(rel, "Relationship")) continue;
    if (std::string_view(rel.attribute("TargetMode").value()) == "External") continue;
    std::string target = resolve_target("xl/", rel.attribute("Target").value());
    const std::string_view type = rel.attribute("Type").value();
    if (type.size() >= 14 && type.substr(type.size() - 14) == "/sharedStrings") {
      rels.shared_strings = target;
    }
    rels.targets.emplace_back(rel.attribute("Id").value(), std::move(target));
  }
  return rels;
}

// Reads the shared string table: the part named by the relationships, else
// xl/sharedStrings.xml; an absent table is empty.
Result<std::vector<std::string>> read_shared_strings(ZipArchive& zip, const Relationships& rels) {
  std::string member =
      rels.shared_strings.empty() ? std::string{} : find_member(zip, rels.shared_strings);
  if (member.empty()) member = find_member(zip, kDefaultSharedStringsPart);
  std::vector<std::string> strings;
  if (member.empty()) return strings;
  XmlPart part;
  if (Diagnostics errors = load_part(zip, member, part, file_place(zip.label())); !errors.empty()) {
    return errors;
  }
  for (pugi::xml_node si : part.doc.document_element().children()) {
    if (is_named(si, "si")) strings.push_back(string_item_text(si));
  }
  return strings;
}

// The part of each sheet, in order; empty when its relationship is missing.
std::vector<std::string> sheet_parts(const std::vector<SheetEntry>& entries,
                                     const Relationships& rels) {
  std::vector<std::string> parts;
  parts.reserve(entries.size());
  for (const SheetEntry& entry : entries) {
    std::string part;
    for (const auto& [id, target] : rels.targets) {
      if (!entry.rel_id.empty() && id == entry.rel_id) {
        part = target;
        break;
      }
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

// Rewrites a failure to open the zip as "not an xlsx workbook (...)".
Diagnostics not_a_workbook(Diagnostics errors) {
  for (Diagnostic& d : errors) {
    if (d.code == DiagCode::malformed) d.message = "not an xlsx workbook (" + d.message + ")";
  }
  return errors;
}

// ---- Sheet data -------------------------------------------------------------

// Turns the <sheetData> of one worksheet into rows of non-empty cells.
class SheetReader {
 public:
  SheetReader(const std::vector<std::string>& shared, Place place)
      : shared_(shared), place_(std::move(place)) {}

  void read(pugi::xml_node sheet_data) {
    for (pugi::xml_node row : sheet_data.children()) {
      if (is_named(row, "row")) read_row(row);
    }
    put_rows_in_order();
  }

  std::vector<Row>& rows() { return rows_; }
  Diagnostics& errors() { return errors_; }

 private:
  void error(std::string cell, std::string message) {
    Place p = place_;
    p.cell = std::move(cell);
    errors_.push_back(make_error(DiagCode::malformed, std::move(p), std::move(message)));
  }

  // The row's number: its `r`, else the row of its first cell's `r`, else the
  // previous row's number + 1.
  int row_number(pugi::xml_node row) {
    if (const pugi::xml_attribute r = row.attribute("r")) {
      if (const std::optional<int> n = parse_positive(r.value(), kMaxRow)) return *n;
      error({}, "a row has an invalid r attribute '" + std::string(r.value()) + "'");
    } else if (const pugi::xml_node c = child_named(row, "c")) {
      if (const std::optional<CellPos> pos = parse_ref(c.attribute("r").value())) return pos->row;
    }
    return std::min(previous_row_ + 1, kMaxRow);
  }

  // The cell's column: its `r`, else the previous cell's column + 1.
  int column(pugi::xml_node c, int previous, int row) {
    const pugi::xml_attribute r = c.attribute("r");
    if (!r) return std::min(previous + 1, kMaxCol);
    if (const std::optional<CellPos> pos = parse_ref(r.value())) return pos->col;
    error(cell_ref(std::min(previous + 1, kMaxCol), row),
          "a cell has an invalid r attribute '" + std::string(r.value()) + "'");
    return std::min(previous + 1, kMaxCol);
  }

  void read_row(pugi::xml_node node) {
    Row row;
    row.number = row_number(node);
    previous_row_ = row.number;
    int col = 0;
    for (pugi::xml_node c : node.children()) {
      if (!is_named(c, "c")) continue;
      col = column(c, col, row.number);
      std::string text = cell_text(c, col, row.number);
      if (!text.empty()) row.cells.push_back(Cell{col, std::move(text)});
    }
    if (row.cells.empty()) return;
    put_cells_in_order(row);
    rows_.push_back(std::move(row));
  }

  std::string cell_text(pugi::xml_node c, int col, int row) {
    const std::string_view type = c.attribute("t").value();
    const pugi::xml_node v = child_named(c, "v");
    if (type == "s") return shared_string(v, col, row);
    if (type == "inlineStr") return inline_string(c, v);
    if (type == "b") return boolean(v, col, row);
    if (!v) return type.empty() ? inline_string(c, v) : std::string{};  // <is> without t
    std::string text = text_of(v);
    if (type == "str") decode_escapes(text);
    return text;  // numbers, dates, errors, formula strings: as stored
  }

  std::string shared_string(pugi::xml_node v, int col, int row) {
    if (!v) return {};
    const std::string index = text_of(v);
    const std::optional<int> n = parse_decimal(index, 0, kMaxIntIndex);
    if (n && static_cast<std::size_t>(*n) < shared_.size()) {
      return shared_[static_cast<std::size_t>(*n)];
    }
    error(cell_ref(col, row), "shared string index '" + index +
                                  "' does not exist (the workbook has " +
                                  std::to_string(shared_.size()) + " shared strings)");
    return {};
  }

  static std::string inline_string(pugi::xml_node c, pugi::xml_node v) {
    if (const pugi::xml_node is = child_named(c, "is")) return string_item_text(is);
    std::string text = text_of(v);
    decode_escapes(text);
    return text;
  }

  std::string boolean(pugi::xml_node v, int col, int row) {
    if (!v) return {};
    const std::string value = text_of(v);
    if (value == "1") return "TRUE";
    if (value == "0") return "FALSE";
    error(cell_ref(col, row), "boolean cell holds '" + value + "', not 0 or 1");
    return {};
  }

  // Sorts the cells of a row by column if a writer put them out of order, and
  // reports a column given twice.
  void put_cells_in_order(Row& row) {
    const auto by_col = [](const Cell& a, const Cell& b) { return a.col < b.col; };
    if (!std::is_sorted(row.cells.begin(), row.cells.end(), by_col)) {
      std::stable_sort(row.cells.begin(), row.cells.end(), by_col);
    }
    const auto same = [](const Cell& a, const Cell& b) { return a.col == b.col; };
    auto dup = std::adjacent_find(row.cells.begin(), row.cells.end(), same);
    if (dup != row.cells.end()) error(cell_ref(dup->col, row.number), "cell is given twice");
  }

  void put_rows_in_order() {
    const auto by_number = [](const Row& a, const Row& b) { return a.number < b.number; };
    if (!std::is_sorted(rows_.begin(), rows_.end(), by_number)) {
      std::stable_sort(rows_.begin(), rows_.end(), by_number);
    }
    const auto same = [](const Row& a, const Row& b) { return a.number == b.number; };
    auto dup = std::adjacent_find(rows_.begin(), rows_.end(), same);
    if (dup != rows_.end()) error({}, "row " + std::to_string(dup->number) + " is given twice");
  }

  static constexpr int kMaxIntIndex = 999999999;

  const std::vector<std::string>& shared_;
  Place place_;
  Diagnostics errors_;
  std::vector<Row> rows_;
  int previous_row_ = 0;
};

}  // namespace

std::string cell_ref(int col, int row) {
  std::string letters;
  for (int c = col; c > 0; c = (c - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return letters + std::to_string(row);
}

Workbook::Workbook(ZipArchive zip, std::vector<std::string> names, std::vector<std::string> parts,
                   std::vector<std::string> shared_strings)
    : zip_(std::move(zip)),
      names_(std::move(names)),
      parts_(std::move(parts)),
      shared_strings_(std::move(shared_strings)) {}

Result<Workbook> Workbook::open(std::string bytes, std::string label, ZipLimits limits) {
  const std::string label_copy = label;  // for the catch below; `label` is moved
  try {
    Result<ZipArchive> zip = ZipArchive::open(std::move(bytes), std::move(label), limits);
    if (!zip) return not_a_workbook(zip.errors());
    Result<std::vector<SheetEntry>> entries = read_sheet_entries(zip.value());
    if (!entries) return entries.errors();
    Result<Relationships> rels = read_relationships(zip.value());
    if (!rels) return rels.errors();
    Result<std::vector<std::string>> shared = read_shared_strings(zip.value(), rels.value());
    if (!shared) return shared.errors();
    std::vector<std::string> names;
    for (SheetEntry& entry : entries.value()) names.push_back(std::move(entry.name));
    std::vector<std::string> parts = sheet_parts(entries.value(), rels.value());
    return Workbook(std::move(zip.value()), std::move(names), std::move(parts),
                    std::move(shared.value()));
  } catch (const std::bad_alloc&) {
    return Diagnostics{make_error(DiagCode::refused, file_place(label_copy),
                                  "not enough memory to open the workbook")};
  }
}

const std::vector<std::string>& Workbook::sheet_names() const {
  return names_;
}

bool Workbook::has_sheet(std::string_view name) const {
  const std::string_view wanted = trim_spaces(name);
  return std::any_of(names_.begin(), names_.end(), [&](const std::string& n) {
    return equals_ignoring_case(trim_spaces(n), wanted);
  });
}

Result<Sheet> Workbook::sheet(std::string_view name) {
  try {
    const std::string_view wanted = trim_spaces(name);
    const auto it = std::find_if(names_.begin(), names_.end(), [&](const std::string& n) {
      return equals_ignoring_case(trim_spaces(n), wanted);
    });
    if (it == names_.end()) {
      return Diagnostics{make_error(DiagCode::missing, file_place(label(), std::string(name)),
                                    "the workbook has no sheet named '" + std::string(name) + "'")};
    }
    return read_sheet(static_cast<std::size_t>(it - names_.begin()));
  } catch (const std::bad_alloc&) {
    return Diagnostics{make_error(DiagCode::refused, file_place(label(), std::string(name)),
                                  "not enough memory to read the sheet")};
  }
}

Result<Sheet> Workbook::read_sheet(std::size_t index) {
  const Place place = file_place(label(), names_[index]);
  const std::string member =
      parts_[index].empty() ? std::string{} : find_member(zip_, parts_[index]);
  if (member.empty()) {
    const std::string why = parts_[index].empty() ? "has no part in xl/_rels/workbook.xml.rels"
                                                  : "names a missing part " + parts_[index];
    return Diagnostics{make_error(DiagCode::malformed, place, "the sheet " + why)};
  }
  XmlPart part;
  if (Diagnostics errors = load_part(zip_, member, part, place); !errors.empty()) return errors;
  SheetReader reader(shared_strings_, place);
  reader.read(child_named(part.doc.document_element(), "sheetData"));
  if (!reader.errors().empty()) return std::move(reader.errors());
  return Sheet{names_[index], std::move(reader.rows())};
}

const std::string& Workbook::label() const {
  return zip_.label();
}

}  // namespace tender::importers::xlsx
