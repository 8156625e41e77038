#include "render.hpp"

#include <map>
#include <stdexcept>

#include "tender/templates/templates.hpp"

namespace tender::reports {
namespace {

constexpr std::string_view kSuffix = ".mustache";

std::map<std::string, std::string> partials() {
  std::map<std::string, std::string> out;
  for (const auto& [file, text] : templates::all()) {
    if (file.size() > kSuffix.size() && file.ends_with(kSuffix)) {
      out.emplace(std::string(file.substr(0, file.size() - kSuffix.size())), std::string(text));
    } else {
      out.emplace(std::string(file), std::string(text));
    }
  }
  return out;
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_text(std::string_view text, const mstch::map& context) {
  // mstch's own escape leaves ' alone; ours covers single-quoted attributes too.
  static const bool escape_set = [] {
    mstch::config::escape = [](const std::string& value) { return escape_html(value); };
    return true;
  }();
  (void)escape_set;
  return mstch::render(std::string(text), context, partials());
}

std::string render(std::string_view name, const mstch::map& context) {
  const auto& files = templates::all();
  const auto it = files.find(name);
  if (it == files.end()) throw std::out_of_range("no template named " + std::string(name));
  return render_text(it->second, context);
}

}  // namespace tender::reports
