// detect_role(): what kind of input a file is, from its content.
#include <pugixml.hpp>

#include "tender/importers/parse.hpp"
#include "tender/importers/xlsx.hpp"
#include "xml_util.hpp"

namespace tender::importers {
namespace {

std::string_view skip_bom_and_space(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                           text.front() == '\n')) {
    text.remove_prefix(1);
  }
  return text;
}

std::optional<std::string> workbook_role(const SourceFile& file) {
  auto book = xlsx::Workbook::open_view(file.bytes, file.path);
  if (!book) return std::nullopt;
  for (const char* table : {"scores", "moderation", "decisions"}) {
    if (book->has_sheet(table)) return std::string(table);
  }
  return "bid";
}

std::optional<std::string> xml_role(const SourceFile& file) {
  pugi::xml_document doc;
  // Only the root element's name is needed; the parser proper checks the rest.
  if (!doc.load_buffer(file.bytes.data(), file.bytes.size(), pugi::parse_minimal)) {
    return std::nullopt;
  }
  std::string_view name = doc.document_element().name();
  if (const auto colon = name.find(':'); colon != std::string_view::npos) {
    name.remove_prefix(colon + 1);
  }
  for (const char* role : {"round", "bid", "policy"}) {
    if (name == role) return std::string(role);
  }
  return std::nullopt;
}

std::optional<std::string> csv_role(std::string_view text) {
  const std::string header = lower(std::string(text.substr(0, text.find('\n'))));
  if (header.find("evaluator") != std::string::npos) return "scores";
  if (header.find("decision") != std::string::npos) return "decisions";
  if (header.find("rationale") != std::string::npos && header.find("score") != std::string::npos) {
    return "moderation";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> detect_role(const SourceFile& file) {
  const std::string_view text = skip_bom_and_space(file.bytes);
  if (text.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return workbook_role(file);
  if (!text.empty() && text.front() == '<') return xml_role(file);
  return csv_role(text);
}

}  // namespace tender::importers
