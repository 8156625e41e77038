// Renders the templates of templates/ with mstch.
#pragma once

#include <mstch/mstch.hpp>
#include <string>
#include <string_view>

namespace tender::reports {

// Renders the embedded template `name` (for example "award.html.mustache")
// with `context`; every other embedded template is available as a partial
// under its file name without the ".mustache" suffix ({{> name}}).
// `{{value}}` escapes &, <, >, " and ' (see escape_html); templates must never
// use triple braces for text that came from an input. Throws
// std::out_of_range when no template has that name (a build error, not an
// input error).
std::string render(std::string_view name, const mstch::map& context);

// Renders the template text `text` itself, with the same partials and escaping.
std::string render_text(std::string_view text, const mstch::map& context);

// `text` with &, <, >, " and ' replaced by character references, safe in
// element content and in quoted attribute values.
std::string escape_html(std::string_view text);

}  // namespace tender::reports
