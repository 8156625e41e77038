#include "xml_util.hpp"

#include <cstdint>

#include "tender/importers/parse.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tender::importers {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

// The value of a plain decimal ("-331.36", "337") of at most 15 digits, or
// nullopt for anything else. Exact: the digits make an integer below 2^53
// and 10^k (k <= 15) is exact too, so one IEEE division rounds correctly,
// giving the same double as from_chars (Clinger's fast path). Most numbers
// in a bill of quantities are like this.
std::optional<double> plain_decimal(std::string_view s) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  std::uint64_t mantissa = 0;
  int digits = 0;
  int fraction = -1;  // digits after the point, once there is one
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (++digits > 15) return std::nullopt;
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      if (fraction >= 0) ++fraction;
    } else if (c == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  double v = static_cast<double>(mantissa);
  if (fraction > 0) v /= kPow10[fraction];
  return negative ? -v : v;
}

}  // namespace

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  if (const std::optional<double> v = plain_decimal(s)) return v;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<bool> parse_yes_no(std::string_view s) {
  const std::string v = lower(trim(s));
  if (v == "yes" || v == "true" || v == "y" || v == "1") return true;
  if (v == "no" || v == "false" || v == "n" || v == "0") return false;
  return std::nullopt;
}

bool is_valid_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::string_view local_name(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

XmlFile::XmlFile(const std::string& bytes, std::string label, Diagnostics& diags)
    : label_(std::move(label)), diags_(diags), text_(bytes) {
  newlines_before_block_.reserve(text_.size() / kLineBlock + 1);
  int newlines = 0;
  for (std::size_t start = 0; start < text_.size(); start += kLineBlock) {
    newlines_before_block_.push_back(newlines);
    const std::string_view block = text_.substr(start, kLineBlock);
    newlines += static_cast<int>(std::count(block.begin(), block.end(), '\n'));
  }
  const auto options = pugi::parse_default | pugi::parse_doctype;
  const pugi::xml_parse_result res = doc_.load_buffer(bytes.data(), bytes.size(), options);
  if (!res) {
    diags_.push_back({DiagCode::malformed,
                      {label_, line_of(res.offset), {}, {}},
                      std::string("not well-formed XML: ") + res.description()});
    return;
  }
  for (const auto& n : doc_.children()) {
    if (n.type() == pugi::node_doctype) {
      diags_.push_back(
          {DiagCode::refused, place(n), "a DOCTYPE is not allowed (entities are never expanded)"});
      return;
    }
  }
  ok_ = true;
}

int XmlFile::line_of(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  if (newlines_before_block_.empty()) return 1;  // empty text
  const std::size_t end = std::min(static_cast<std::size_t>(offset), text_.size());
  const std::size_t block = std::min(end / kLineBlock, newlines_before_block_.size() - 1);
  const std::size_t start = block * kLineBlock;
  const std::string_view rest = text_.substr(start, end - start);
  const auto in_rest = static_cast<int>(std::count(rest.begin(), rest.end(), '\n'));
  return newlines_before_block_[block] + in_rest + 1;
}

Place XmlFile::place(const pugi::xml_node& node) const {
  return {label_, line_of(node.offset_debug()), {}, {}};
}

void XmlFile::error(const pugi::xml_node& node, DiagCode code, std::string message) {
  if (too_many_problems(diags_, label_)) return;
  diags_.push_back({code, place(node), std::move(message)});
}

pugi::xml_node XmlFile::root(std::string_view name, std::string_view ns) {
  const pugi::xml_node r = doc_.document_element();
  if (!r || local_name(r.name()) != name) {
    error(r, DiagCode::malformed,
          "expected a <" + std::string(name) + "> document, found <" +
              std::string(r ? r.name() : "") + ">");
    return {};
  }
  std::string attr = "xmlns";
  const std::string_view full(r.name());
  if (full.find(':') != std::string_view::npos) {
    attr += ":" + std::string(full.substr(0, full.find(':')));
  }
  if (std::string_view(r.attribute(attr.c_str()).value()) != ns) {
    error(r, DiagCode::malformed,
          "<" + std::string(name) + "> must be in namespace " + std::string(ns));
    return {};
  }
  return r;
}

std::optional<std::string> XmlFile::text(const pugi::xml_node& node, const char* name,
                                         bool required) {
  const pugi::xml_attribute a = node.attribute(name);
  if (!a) {
    if (required) {
      error(node, DiagCode::missing, std::string("<") + node.name() + "> needs attribute " + name);
    }
    return std::nullopt;
  }
  return std::string(a.value());
}

std::optional<double> XmlFile::number(const pugi::xml_node& node, const char* name, bool required) {
  const auto t = text(node, name, required);
  if (!t) return std::nullopt;
  const auto v = parse_number(*t);
  if (!v) {
    error(node, DiagCode::invalid,
          std::string("attribute ") + name + "=\"" + *t + "\" is not a finite number");
  }
  return v;
}

std::optional<int> XmlFile::integer(const pugi::xml_node& node, const char* name, bool required,
                                    int lo, int hi) {
  const auto v = number(node, name, required);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v) || *v < lo || *v > hi) {
    error(node, DiagCode::invalid,
          std::string("attribute ") + name + " must be a whole number in " + std::to_string(lo) +
              ".." + std::to_string(hi));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<bool> XmlFile::boolean(const pugi::xml_node& node, const char* name, bool required) {
  const auto t = text(node, name, required);
  if (!t) return std::nullopt;
  const auto v = parse_yes_no(*t);
  if (!v) {
    error(node, DiagCode::invalid,
          std::string("attribute ") + name + "=\"" + *t + "\" is not true or false");
  }
  return v;
}

std::optional<std::string> XmlFile::id(const pugi::xml_node& node, const char* name,
                                       bool required) {
  auto t = text(node, name, required);
  if (t && !is_valid_id(*t)) {
    error(node, DiagCode::invalid,
          std::string("attribute ") + name + "=\"" + *t +
              "\" is not a valid id ([A-Za-z0-9._-]{1,64})");
    return std::nullopt;
  }
  return t;
}

std::vector<pugi::xml_node> XmlFile::children(const pugi::xml_node& node, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (const auto& c : node.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) out.push_back(c);
  }
  return out;
}

pugi::xml_node XmlFile::child(const pugi::xml_node& node, std::string_view name) {
  for (const auto& c : node.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

}  // namespace tender::importers
