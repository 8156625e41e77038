// Reading our XML files safely: no DOCTYPE (so no entity expansion, ever),
// namespace checked, every value converted with a diagnostic naming the file
// and line on failure.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tender/engine/diagnostic.hpp"

namespace tender::importers {

// A parsed XML file plus what is needed to name lines in diagnostics.
class XmlFile {
 public:
  // Parses `bytes`; on failure adds a diagnostic to `diags` and ok() is false.
  // A DOCTYPE anywhere is refused. `bytes` must outlive this XmlFile (line
  // numbers are counted in it when a diagnostic needs one).
  XmlFile(const std::string& bytes, std::string label, Diagnostics& diags);
  XmlFile(std::string&& bytes, std::string label, Diagnostics& diags) = delete;

  bool ok() const { return ok_; }
  const pugi::xml_document& doc() const { return doc_; }

  // The root element when its local name is `name` and its namespace is
  // `ns`; otherwise adds a diagnostic and returns an empty node.
  pugi::xml_node root(std::string_view name, std::string_view ns);

  // The place (file and line) of `node`.
  Place place(const pugi::xml_node& node) const;

  // Adds a diagnostic at `node`.
  void error(const pugi::xml_node& node, DiagCode code, std::string message);

  // Attribute `name` of `node` as text; when absent and `required`, adds a
  // "missing" diagnostic. Returns nullopt when absent.
  std::optional<std::string> text(const pugi::xml_node& node, const char* name, bool required);

  // Attribute `name` as a finite number (nullopt when absent or bad; a bad
  // value, or an absent required one, adds a diagnostic).
  std::optional<double> number(const pugi::xml_node& node, const char* name, bool required);

  // Attribute `name` as a whole number within [lo, hi].
  std::optional<int> integer(const pugi::xml_node& node, const char* name, bool required, int lo,
                             int hi);

  // Attribute `name` as true/false (also yes/no, 1/0).
  std::optional<bool> boolean(const pugi::xml_node& node, const char* name, bool required);

  // Attribute `name` as an id ([A-Za-z0-9._-]{1,64}).
  std::optional<std::string> id(const pugi::xml_node& node, const char* name, bool required);

  // Child elements of `node` with local name `name`.
  static std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name);
  // First child element with local name `name` (empty node if none).
  static pugi::xml_node child(const pugi::xml_node& node, std::string_view name);

  const std::string& label() const { return label_; }

 private:
  int line_of(std::ptrdiff_t offset) const;

  // Lines are found by counting '\n' in `text_`, from the nearest checkpoint:
  // one every kLineBlock bytes, holding the number of '\n' before it. (An
  // index of every newline would cost 8 bytes per input byte on a file of
  // blank lines, up to 8 GiB for the largest file we accept.)
  static constexpr std::size_t kLineBlock = 4096;

  std::string label_;
  Diagnostics& diags_;
  std::string_view text_;
  std::vector<int> newlines_before_block_;  // [i]: '\n' in text_[0, i * kLineBlock)
  pugi::xml_document doc_;
  bool ok_ = false;
};

// The local part of an element name ("x:row" -> "row").
std::string_view local_name(const char* name);

// True when `s` is a valid id: [A-Za-z0-9._-]{1,64}.
bool is_valid_id(std::string_view s);

// Parses a whole finite number in `s` (surrounding spaces allowed).
std::optional<double> parse_number(std::string_view s);

// Trims ASCII spaces (and tabs, line breaks) from both ends.
std::string_view trim(std::string_view s);

// ASCII lower case.
std::string lower(std::string_view s);

// Parses yes/no, true/false, y/n, 1/0 (any case).
std::optional<bool> parse_yes_no(std::string_view s);

}  // namespace tender::importers
