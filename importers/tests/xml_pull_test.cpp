// Tests for XmlPull, the streaming tokenizer under the xlsx reader. Each
// document is also fed one byte per read, so every token boundary is crossed
// by a refill somewhere.
#include "xml_pull.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>

using tender::importers::XmlPull;

namespace {

// A fill over `doc` handing out at most `step` bytes per call.
XmlPull::Fill fill_from(const std::string& doc, std::size_t step) {
  return [&doc, step, at = std::size_t{0}](char* dest, std::size_t max) mutable {
    const std::size_t n = std::min({step, max, doc.size() - at});
    std::copy_n(doc.data() + at, n, dest);
    at += n;
    return n;
  };
}

// The events of `doc` as text: "<a>" start, "</a>" end, "'x'" text, then
// "done" or "error: ...". Adjacent text events are joined.
std::string trace(const std::string& doc, std::size_t step, std::size_t max_token = 1 << 20) {
  XmlPull xml(fill_from(doc, step), max_token);
  std::string out;
  for (;;) {
    switch (xml.next()) {
      case XmlPull::Event::start:
        out += "<" + std::string(xml.local_name()) + "@" + std::to_string(xml.depth());
        if (xml.has_attribute("r")) out += " r=" + std::string(xml.attribute("r"));
        out += ">";
        break;
      case XmlPull::Event::end:
        out += "</" + std::string(xml.local_name()) + "@" + std::to_string(xml.depth()) + ">";
        break;
      case XmlPull::Event::text:
        out += "'" + std::string(xml.text()) + "'";
        break;
      case XmlPull::Event::done:
        return out + "done";
      case XmlPull::Event::error:
        return out + (xml.refused() ? "refused: " : "error: ") + xml.error();
    }
  }
}

// Checks that `doc` gives the same trace whole and a byte at a time.
std::string both_ways(const std::string& doc) {
  std::string whole = trace(doc, doc.size() + 1);
  CHECK(trace(doc, 1) == whole);
  CHECK(trace(doc, 7) == whole);
  return whole;
}

}  // namespace

TEST_CASE("xml pull: elements, prefixes, attributes and depth", "[importers][xml_pull]") {
  CHECK(both_ways("<?xml version=\"1.0\"?>\n<x:a xmlns:x=\"u\"><b r=\"1\"/><c r='2'>t</c></x:a>") ==
        "<a@1><b@2 r=1></b@1><c@2 r=2>'t'</c@1></a@0>done");
}

TEST_CASE("xml pull: references, CDATA and line ends are decoded", "[importers][xml_pull]") {
  CHECK(both_ways("<a>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#x20AC;&#x1F600;</a>") ==
        "<a@1>'<&>\"'AB\xE2\x82\xAC\xF0\x9F\x98\x80'</a@0>done");
  CHECK(both_ways("<a>x&nope;&#0;&;y</a>") == "<a@1>'x&nope;&#0;&;y'</a@0>done");
  CHECK(both_ways("<a>l1\r\nl2\rl3<![CDATA[<b>&amp;\r\n]]></a>") ==
        "<a@1>'l1\nl2\nl3''<b>&amp;\n'</a@0>done");
  CHECK(both_ways("<a r=\"x&amp;\ty\r\nz\"/>") == "<a@1 r=x& y z></a@0>done");
}

TEST_CASE("xml pull: comments and processing instructions give no event", "[importers][xml_pull]") {
  CHECK(both_ways("<!-- c --><a><!-- <b> --><?pi x?>t</a><!-- end -->") == "<a@1>'t'</a@0>done");
  // Many in a row are skipped in a loop, not by recursion.
  std::string many;
  for (int i = 0; i < 200000; ++i) many += "<!---->";
  CHECK(trace(many + "<a/>", 4096) == "<a@1></a@0>done");
}

TEST_CASE("xml pull: a DOCTYPE is refused", "[importers][xml_pull]") {
  CHECK(both_ways("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>") ==
        "refused: DOCTYPE is not allowed in workbook XML");
}

TEST_CASE("xml pull: broken XML is an error", "[importers][xml_pull]") {
  CHECK(both_ways("<a><b></a>") == "<a@1><b@2>error: end tag </a> does not match <b>");
  CHECK(both_ways("<a><b>") == "<a@1><b@2>error: the document ends inside <b>");
  CHECK(both_ways("<a") == "error: the document ends inside a tag");
  CHECK(both_ways("<a b=\"1></a>") == "error: malformed attributes in <a>");  // < in a value
  CHECK(both_ways("<a b=\"1>") == "error: the document ends inside a tag");
  CHECK(both_ways("<a b=1/>") == "error: malformed attributes in <a>");
  CHECK(both_ways("<a b=\"1\"c=\"2\"/>") == "error: malformed attributes in <a>");
  CHECK(both_ways("text<a/>") == "error: text outside the root element");
  CHECK(both_ways("<a/><b/>") == "<a@1></a@0>error: a second root element <b>");
  CHECK(both_ways("") == "error: no root element");
  CHECK(both_ways("<a><!-- x") == "<a@1>error: the document ends inside a comment");
}

TEST_CASE("xml pull: a token over the limit is refused, not buffered", "[importers][xml_pull]") {
  const std::string long_text = "<a>" + std::string(5000, 'x') + "</a>";
  CHECK(trace(long_text, 100, 1024) == "<a@1>refused: a text run is longer than the reader allows");
  CHECK(trace(long_text, 100, 8192) == "<a@1>'" + std::string(5000, 'x') + "'</a@0>done");
}

TEST_CASE("xml pull: the error offset points at the problem", "[importers][xml_pull]") {
  const std::string doc = "<a>  </b>";
  XmlPull xml(fill_from(doc, 2));
  while (xml.next() != XmlPull::Event::error) {
  }
  CHECK(xml.error_offset() == 5);
}
