// The report templates (templates/*.mustache, *.css), compiled into the
// binary so that `tender` needs no data folder at run time.
#pragma once

#include <map>
#include <string_view>

namespace tender::templates {

// Every template file by its name relative to templates/ (for example
// "award.html.mustache"), with its bytes. The map is built once; the views
// stay valid for the life of the program.
const std::map<std::string_view, std::string_view>& all();

}  // namespace tender::templates
