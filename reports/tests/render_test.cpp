#include "render.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using tender::reports::escape_html;
using tender::reports::render;
using tender::reports::render_text;

TEST_CASE("Values are escaped in content and in attributes", "[render]") {
  const mstch::map context{{"name", std::string("<script>alert('x')</script> & \"q\"")}};
  const std::string html = render_text("<p title=\"{{name}}\">{{name}}</p>", context);
  CHECK(html ==
        "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\">"
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST_CASE("Escaping leaves other text alone", "[render]") {
  CHECK(escape_html("=HYPERLINK(\"a\") £ 10") == "=HYPERLINK(&quot;a&quot;) £ 10");
  CHECK(escape_html("") == "");
}

TEST_CASE("An unknown template name is a programming error", "[render]") {
  CHECK_THROWS_AS(render("no-such.mustache", mstch::map{}), std::out_of_range);
}
