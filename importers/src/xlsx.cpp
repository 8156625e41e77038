// SpreadsheetML reading with pugixml. Element names are matched by local name
// (writers differ in namespace prefixes), every part is parsed with DOCTYPE
// nodes kept so that one can be refused, and nothing is expanded.
#include "tender/importers/xlsx.hpp"

#include <pugixml.hpp>

#include "tender/engine/utf8.hpp"
#include "xml_pull.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
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

// Streams `member` through `consume` (a callback per XmlPull event that
// returns false to stop early), first telling `on_size` the inflated size
// the member declares (checked against the limits already). Before each
// event, `fast` may read markup its own way (returning true when it did). Errors
// of the zip (corrupt, over a limit) come first, then those of the XML.
template <typename Consume, typename OnSize, typename Fast>
Diagnostics stream_part(ZipArchive& zip, const std::string& member, const Place& place,
                        Consume consume, OnSize on_size, Fast fast) {
  Result<ZipMember> part = zip.open_member(member);
  if (!part) {
    Diagnostics errors = part.errors();
    for (Diagnostic& d : errors) d.place.sheet = place.sheet;
    return errors;
  }
  on_size(part->declared_size());
  XmlPull xml([&](char* dest, std::size_t max) { return part->read(dest, max); });
  XmlPull::Event event = XmlPull::Event::start;
  for (;;) {
    if (fast(xml)) continue;  // read without events
    event = xml.next();
    if (event == XmlPull::Event::done || event == XmlPull::Event::error) break;
    if (!consume(xml, event)) break;  // the reader has what it wanted
  }
  if (!part->errors().empty()) {
    Diagnostics errors = part->errors();
    for (Diagnostic& d : errors) d.place.sheet = place.sheet;
    return errors;
  }
  if (event == XmlPull::Event::error) {
    if (xml.refused()) return {make_error(DiagCode::refused, place, member + ": " + xml.error())};
    return {make_error(DiagCode::malformed, place,
                       member + " is not well-formed XML: " + xml.error() + " at offset " +
                           std::to_string(xml.error_offset()))};
  }
  return {};
}

// Collects the text of string items (<si> of the shared string table, <is>
// of an inline string): the item's <t>, or the first <t> of each rich text
// run <r>, joined; phonetic runs (<rPh>) are not part of the text.
class StringItem {
 public:
  // Starts an item whose element is at `depth`.
  void begin(int depth) {
    depth_ = depth;
    text_.clear();
    in_t_ = false;
    t_depth_ = 0;
    run_has_t_ = false;
    run_depth_ = 0;
  }

  // Feeds an event met inside the item (at a depth greater than its own).
  void feed(XmlPull& xml, XmlPull::Event event) {
    const int d = xml.depth();
    if (event == XmlPull::Event::start) {
      const std::string_view name = xml.local_name();
      if (d == depth_ + 1 && same_name(name, "t")) {
        in_t_ = true;
      } else if (d == depth_ + 1 && same_name(name, "r")) {
        run_depth_ = d;
        run_has_t_ = false;
      } else if (run_depth_ != 0 && d == run_depth_ + 1 && same_name(name, "t") && !run_has_t_) {
        in_t_ = true;
        run_has_t_ = true;
      }
      if (in_t_ && t_depth_ == 0) t_depth_ = d;
    } else if (event == XmlPull::Event::end) {
      if (in_t_ && d == t_depth_ - 1) {
        in_t_ = false;
        t_depth_ = 0;
      }
      if (run_depth_ != 0 && d == run_depth_ - 1) run_depth_ = 0;
    } else if (event == XmlPull::Event::text && in_t_ && d == t_depth_) {
      text_ += xml.text();
    }
  }

  // The item's text with Excel's _xHHHH_ escapes decoded.
  std::string& finish() {
    decode_escapes(text_);
    return text_;
  }

 private:
  int depth_ = 0;
  int t_depth_ = 0;
  int run_depth_ = 0;
  bool in_t_ = false;
  bool run_has_t_ = false;
  std::string text_;
};

// Reads the shared string table: the part named by the relationships, else
// xl/sharedStrings.xml; an absent table is empty.
Result<SharedStrings> read_shared_strings(ZipArchive& zip, const Relationships& rels) {
  std::string member =
      rels.shared_strings.empty() ? std::string{} : find_member(zip, rels.shared_strings);
  if (member.empty()) member = find_member(zip, kDefaultSharedStringsPart);
  SharedStrings strings;
  if (member.empty()) return strings;
  StringItem item;
  bool in_item = false;
  std::string escaped;
  Diagnostics errors = stream_part(
      zip, member, file_place(zip.label()),
      [&](XmlPull& xml, XmlPull::Event event) {
        if (event == XmlPull::Event::start && xml.depth() == 2 && xml.local_name() == "si") {
          item.begin(2);
          in_item = true;
        } else if (event == XmlPull::Event::end && in_item && xml.depth() == 1) {
          strings.add(item.finish());
          in_item = false;
        } else if (in_item) {
          item.feed(xml, event);
        }
        return true;
      },
      [&](std::uint64_t size) { strings.reserve(static_cast<std::size_t>(size)); },
      [&](XmlPull& xml) {  // <si><t>text</t></si>, read whole
        std::string_view text;
        if (in_item || xml.depth() != 1 || !xml.try_plain_string_item(text)) return false;
        if (text.find("_x") == std::string_view::npos) {
          strings.add(text);
        } else {
          escaped.assign(text);
          decode_escapes(escaped);
          strings.add(escaped);
        }
        return true;
      });
  if (!errors.empty()) return errors;
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

// Turns the events of one worksheet into rows of non-empty cells, handing
// each row to a callback as soon as it ends (document order; cells within a
// row in column order).
class SheetReader {
 public:
  using OnRow = std::function<bool(const Row&)>;
  using OnDimension = std::function<void(int rows)>;

  SheetReader(const SharedStrings& shared, Place place, OnRow on_row, OnDimension on_dimension)
      : shared_(shared),
        place_(std::move(place)),
        on_row_(std::move(on_row)),
        on_dimension_(std::move(on_dimension)) {}

  // Feeds one event; false once the callback has asked to stop.
  void feed(XmlPull& xml, XmlPull::Event event) {
    if (stopped_) return;
    const int d = xml.depth();
    switch (event) {
      case XmlPull::Event::start:
        start(xml, d);
        break;
      case XmlPull::Event::end:
        end(d);
        break;
      case XmlPull::Event::text:
        text(xml, d);
        break;
      default:
        break;
    }
  }

  bool stopped() const { return stopped_; }
  Diagnostics& errors() { return errors_; }

  // Inside a row, reads a plain cell straight from the tokenizer (no events):
  // the same steps as its start tag, its <v> and its end tag would take.
  bool try_plain_cell(XmlPull& xml) {
    if (stopped_ || row_depth_ == 0 || cell_depth_ != 0 || xml.depth() != row_depth_) return false;
    if (!xml.try_plain_cell(plain_)) return false;
    begin_cell(row_depth_ + 1, plain_.has_r, plain_.r, plain_.t);
    if (plain_.has_v) {
      value_.assign(plain_.v);
      v_seen_ = has_v_ = true;
    }
    end_cell();
    return true;
  }

 private:
  enum class Type { number, shared, inline_string, boolean, formula_string, other };

  void start(XmlPull& xml, int d) {
    const std::string_view name = xml.local_name();
    if (sheet_data_ == 0) {
      if (d == 2 && same_name(name, "sheetData")) sheet_data_ = d;
      if (d == 2 && same_name(name, "dimension") && on_dimension_) dimension(xml.attribute("ref"));
      return;
    }
    if (row_depth_ == 0) {
      if (d == sheet_data_ + 1 && same_name(name, "row")) begin_row(xml, d);
      return;
    }
    if (cell_depth_ == 0) {
      if (d == row_depth_ + 1 && same_name(name, "c")) begin_cell(xml, d);
      return;
    }
    if (d == cell_depth_ + 1 && same_name(name, "v") && !v_seen_) {
      v_seen_ = in_v_ = true;
      has_v_ = true;
    } else if (d == cell_depth_ + 1 && same_name(name, "is") && !is_seen_) {
      is_seen_ = in_is_ = true;
      item_.begin(d);
    } else if (in_is_) {
      item_.feed(xml, XmlPull::Event::start);
    }
  }

  void end(int d) {
    if (sheet_data_ == 0) return;
    if (d == sheet_data_ - 1) {
      sheet_data_ = 0;
    } else if (cell_depth_ != 0 && d == cell_depth_ - 1) {
      end_cell();
    } else if (row_depth_ != 0 && d == row_depth_ - 1) {
      end_row();
    } else if (in_v_ && d == cell_depth_) {
      in_v_ = false;
    } else if (in_is_ && d == cell_depth_) {
      in_is_ = false;
      inline_text_ = std::move(item_.finish());
    }
  }

  void text(XmlPull& xml, int d) {
    if (in_v_ && d == cell_depth_ + 1) {
      value_ += xml.text();
    } else if (in_is_) {
      item_.feed(xml, XmlPull::Event::text);
    }
  }

  // The writer's claim of the used range ("A1:F25001"), passed on as a
  // number of rows (a hint only: nothing relies on it being true).
  void dimension(std::string_view ref) {
    const std::size_t colon = ref.find(':');
    if (colon == std::string_view::npos) return;
    const std::optional<CellPos> first = parse_ref(ref.substr(0, colon));
    const std::optional<CellPos> last = parse_ref(ref.substr(colon + 1));
    if (first && last && last->row >= first->row) on_dimension_(last->row - first->row + 1);
  }

  void error(std::string cell, std::string message) {
    Place p = place_;
    p.cell = std::move(cell);
    errors_.push_back(make_error(DiagCode::malformed, std::move(p), std::move(message)));
  }

  // The row's number: its `r`, else (decided at its first cell) the row of
  // that cell's `r`, else the previous row's number + 1.
  void begin_row(XmlPull& xml, int d) {
    row_depth_ = d;
    for (Cell& cell : row_.cells) spare_.push_back(std::move(cell.text));
    row_.cells.clear();
    row_.number = 0;
    col_ = 0;
    if (xml.has_attribute("r")) {
      const std::string_view r = xml.attribute("r");
      if (const std::optional<int> n = parse_positive(r, kMaxRow)) {
        row_.number = *n;
      } else {
        error({}, "a row has an invalid r attribute '" + std::string(r) + "'");
        row_.number = std::min(previous_row_ + 1, kMaxRow);
      }
    }
  }

  void begin_cell(XmlPull& xml, int d) {
    const bool has_r = xml.has_attribute("r");
    const std::string r(has_r ? xml.attribute("r") : std::string_view{});
    begin_cell(d, has_r, r, xml.attribute("t"));
  }

  // A cell at depth `d` with its r (when `has_r`) and t attributes.
  void begin_cell(int d, bool has_r, std::string_view r, std::string_view t) {
    cell_depth_ = d;
    const std::optional<CellPos> pos = has_r ? parse_ref(r) : std::nullopt;
    if (row_.number == 0) {
      row_.number = pos ? pos->row : std::min(previous_row_ + 1, kMaxRow);
    }
    const int next_col = std::min(col_ + 1, kMaxCol);
    col_ = pos ? pos->col : next_col;
    if (has_r && !pos) {
      error(cell_ref(next_col, row_.number),
            "a cell has an invalid r attribute '" + std::string(r) + "'");
    }
    type_ = t.empty()          ? Type::number
            : t == "s"         ? Type::shared
            : t == "inlineStr" ? Type::inline_string
            : t == "b"         ? Type::boolean
            : t == "str"       ? Type::formula_string
                               : Type::other;
    value_.clear();
    inline_text_.clear();
    v_seen_ = in_v_ = has_v_ = is_seen_ = in_is_ = false;
  }

  // Cell texts live in strings reused from row to row (`spare_`), so a sheet
  // of a million rows does not allocate and free a string per long cell.
  void end_cell() {
    cell_depth_ = 0;
    in_v_ = in_is_ = false;
    std::string text;
    if (!spare_.empty()) {
      text = std::move(spare_.back());
      spare_.pop_back();
    }
    cell_text(text);
    if (text.empty()) {
      spare_.push_back(std::move(text));
    } else {
      row_.cells.push_back(Cell{col_, std::move(text)});
    }
  }

  // Sets `out` to the cell's text.
  void cell_text(std::string& out) {
    switch (type_) {
      case Type::shared:
        if (has_v_) {
          shared_string(out);
        } else {
          out.clear();
        }
        return;
      case Type::inline_string:
        if (!is_seen_) decode_escapes(value_);
        out.assign(is_seen_ ? inline_text_ : value_);
        return;
      case Type::boolean:
        out.assign(has_v_ ? boolean() : std::string_view{});
        return;
      case Type::number:  // without a <v>: an <is> without t="inlineStr"
        out.assign(has_v_ ? value_ : inline_text_);
        return;
      case Type::formula_string:
        decode_escapes(value_);
        out.assign(value_);
        return;
      case Type::other:  // dates, errors: as stored
        out.assign(value_);
        return;
    }
  }

  void shared_string(std::string& out) {
    const std::optional<int> n = parse_decimal(value_, 0, kMaxIntIndex);
    if (n && static_cast<std::size_t>(*n) < shared_.size()) {
      out.assign(shared_.at(static_cast<std::size_t>(*n)));
      return;
    }
    out.clear();
    error(cell_ref(col_, row_.number), "shared string index '" + value_ +
                                           "' does not exist (the workbook has " +
                                           std::to_string(shared_.size()) + " shared strings)");
  }

  std::string_view boolean() {
    if (value_ == "1") return "TRUE";
    if (value_ == "0") return "FALSE";
    error(cell_ref(col_, row_.number), "boolean cell holds '" + value_ + "', not 0 or 1");
    return {};
  }

  void end_row() {
    row_depth_ = 0;
    if (row_.number == 0) row_.number = std::min(previous_row_ + 1, kMaxRow);
    previous_row_ = row_.number;
    if (row_.cells.empty()) return;
    put_cells_in_order();
    if (!on_row_(row_)) stopped_ = true;
  }

  // Sorts the cells of a row by column if a writer put them out of order, and
  // reports a column given twice.
  void put_cells_in_order() {
    const auto by_col = [](const Cell& a, const Cell& b) { return a.col < b.col; };
    if (!std::is_sorted(row_.cells.begin(), row_.cells.end(), by_col)) {
      std::stable_sort(row_.cells.begin(), row_.cells.end(), by_col);
    }
    const auto same = [](const Cell& a, const Cell& b) { return a.col == b.col; };
    auto dup = std::adjacent_find(row_.cells.begin(), row_.cells.end(), same);
    if (dup != row_.cells.end()) error(cell_ref(dup->col, row_.number), "cell is given twice");
  }

  static constexpr int kMaxIntIndex = 999999999;

  const SharedStrings& shared_;
  Place place_;
  OnRow on_row_;
  OnDimension on_dimension_;
  Diagnostics errors_;
  bool stopped_ = false;

  int sheet_data_ = 0;  // depth of <sheetData> while inside it
  int row_depth_ = 0;   // depth of the open <row>
  int cell_depth_ = 0;  // depth of the open <c>
  int previous_row_ = 0;
  Row row_;
  int col_ = 0;
  Type type_ = Type::number;
  std::string value_;               // text of the cell's first <v>
  std::string inline_text_;         // text of the cell's first <is>
  std::vector<std::string> spare_;  // cell strings to reuse
  StringItem item_;
  XmlPull::PlainCell plain_;
  bool v_seen_ = false, in_v_ = false, has_v_ = false, is_seen_ = false, in_is_ = false;
};

// Sorts rows read in document order by number and reports a number given twice.
void put_rows_in_order(std::vector<Row>& rows, const Place& place, Diagnostics& errors) {
  const auto by_number = [](const Row& a, const Row& b) { return a.number < b.number; };
  if (!std::is_sorted(rows.begin(), rows.end(), by_number)) {
    std::stable_sort(rows.begin(), rows.end(), by_number);
  }
  const auto same = [](const Row& a, const Row& b) { return a.number == b.number; };
  auto dup = std::adjacent_find(rows.begin(), rows.end(), same);
  if (dup != rows.end()) {
    errors.push_back(make_error(DiagCode::malformed, place,
                                "row " + std::to_string(dup->number) + " is given twice"));
  }
}

}  // namespace

void SharedStrings::reserve(std::size_t xml_bytes) {
  // The text is shorter than the XML holding it; untouched reserved memory
  // costs address space, not RAM. A string item takes at least 12 bytes.
  blob_.reserve(xml_bytes);
  ends_.reserve(xml_bytes / 12);
}

void SharedStrings::add(std::string_view text) {
  blob_ += text;
  ends_.push_back(blob_.size());
}

std::string_view SharedStrings::at(std::size_t index) const {
  const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
  return std::string_view(blob_).substr(begin, ends_[index] - begin);
}

Workbook::Workbook(ZipArchive zip, std::vector<std::string> names, std::vector<std::string> parts,
                   SharedStrings shared_strings)
    : zip_(std::move(zip)),
      names_(std::move(names)),
      parts_(std::move(parts)),
      shared_strings_(std::move(shared_strings)) {}

Result<Workbook> Workbook::open(std::string bytes, std::string label, ZipLimits limits) {
  const std::string label_copy = label;
  return from_zip(ZipArchive::open(std::move(bytes), std::move(label), limits), label_copy);
}

Result<Workbook> Workbook::open_view(std::string_view bytes, std::string label, ZipLimits limits) {
  const std::string label_copy = label;
  return from_zip(ZipArchive::open_view(bytes, std::move(label), limits), label_copy);
}

Result<Workbook> Workbook::from_zip(Result<ZipArchive> zip, const std::string& label) {
  try {
    if (!zip) return not_a_workbook(zip.errors());
    Result<std::vector<SheetEntry>> entries = read_sheet_entries(zip.value());
    if (!entries) return entries.errors();
    Result<Relationships> rels = read_relationships(zip.value());
    if (!rels) return rels.errors();
    Result<SharedStrings> shared = read_shared_strings(zip.value(), rels.value());
    if (!shared) return shared.errors();
    std::vector<std::string> names;
    for (SheetEntry& entry : entries.value()) names.push_back(std::move(entry.name));
    std::vector<std::string> parts = sheet_parts(entries.value(), rels.value());
    return Workbook(std::move(zip.value()), std::move(names), std::move(parts),
                    std::move(shared.value()));
  } catch (const std::bad_alloc&) {
    return Diagnostics{
        make_error(DiagCode::refused, file_place(label), "not enough memory to open the workbook")};
  }
}

const std::vector<std::string>& Workbook::sheet_names() const {
  return names_;
}

std::optional<std::size_t> Workbook::find_sheet(std::string_view name) const {
  const std::string_view wanted = trim_spaces(name);
  const auto it = std::find_if(names_.begin(), names_.end(), [&](const std::string& n) {
    return equals_ignoring_case(trim_spaces(n), wanted);
  });
  if (it == names_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names_.begin());
}

bool Workbook::has_sheet(std::string_view name) const {
  return find_sheet(name).has_value();
}

Diagnostics Workbook::for_each_row(std::string_view name,
                                   const std::function<bool(const Row&)>& on_row,
                                   const std::function<void(int rows)>& on_dimension) {
  try {
    const std::optional<std::size_t> index = find_sheet(name);
    if (!index) {
      return Diagnostics{make_error(DiagCode::missing, file_place(label(), std::string(name)),
                                    "the workbook has no sheet named '" + std::string(name) + "'")};
    }
    return stream_sheet(*index, on_row, on_dimension);
  } catch (const std::bad_alloc&) {
    return Diagnostics{make_error(DiagCode::refused, file_place(label(), std::string(name)),
                                  "not enough memory to read the sheet")};
  }
}

Result<Sheet> Workbook::sheet(std::string_view name) {
  Sheet sheet;
  Diagnostics errors = for_each_row(name, [&](const Row& row) {
    sheet.rows.push_back(row);
    return true;
  });
  if (const std::optional<std::size_t> index = find_sheet(name)) {
    sheet.name = names_[*index];
    put_rows_in_order(sheet.rows, file_place(label(), sheet.name), errors);
  }
  if (!errors.empty()) return errors;
  return sheet;
}

Diagnostics Workbook::stream_sheet(std::size_t index, const std::function<bool(const Row&)>& on_row,
                                   const std::function<void(int rows)>& on_dimension) {
  const Place place = file_place(label(), names_[index]);
  const std::string member =
      parts_[index].empty() ? std::string{} : find_member(zip_, parts_[index]);
  if (member.empty()) {
    const std::string why = parts_[index].empty() ? "has no part in xl/_rels/workbook.xml.rels"
                                                  : "names a missing part " + parts_[index];
    return Diagnostics{make_error(DiagCode::malformed, place, "the sheet " + why)};
  }
  SheetReader reader(shared_strings_, place, on_row, on_dimension);
  Diagnostics errors = stream_part(
      zip_, member, place,
      [&](XmlPull& xml, XmlPull::Event event) {
        reader.feed(xml, event);
        return !reader.stopped();
      },
      [](std::uint64_t) {}, [&](XmlPull& xml) { return reader.try_plain_cell(xml); });
  // The XML's own problems first; a sheet that is not well-formed may have
  // made its cells look wrong too.
  if (!errors.empty()) return errors;
  return std::move(reader.errors());
}

const std::string& Workbook::label() const {
  return zip_.label();
}

}  // namespace tender::importers::xlsx
