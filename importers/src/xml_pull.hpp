// XmlPull: a streaming (pull) XML tokenizer for the large parts of a
// workbook (worksheets, the shared string table), so a sheet of a million
// rows is read in a fixed amount of memory instead of as a DOM.
//
// It reads from a `Fill` callback into a buffer that holds at most one token
// (a tag, a text run, a comment) at a time, plus read-ahead. Events are start
// tags (with attributes), end tags and text; comments and processing
// instructions are skipped, CDATA is text, a DOCTYPE is refused (so no entity
// can ever be declared, let alone expanded). Text and attribute values are
// decoded like pugixml's defaults: the five predefined entities and numeric
// character references are replaced, an unknown reference is left as written,
// CR LF and lone CR become LF, and in attribute values tab, CR and LF become a
// space. Tags must nest; anything else that is not well-formed stops the
// stream with an error and the byte offset where it was found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tender::importers {

// a == b for short names, compared in line (string_view's operator==
// calls memcmp, a measurable cost a few million times per sheet).
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

class XmlPull {
 public:
  // Copies up to `max` bytes into `dest`; returns how many, 0 at the end.
  // A fill that fails returns 0 and reports its failure itself.
  using Fill = std::function<std::size_t(char* dest, std::size_t max)>;

  enum class Event { start, end, text, done, error };

  // `max_token` bounds the buffer: a single tag or text run longer than that
  // stops the stream with an error rather than growing memory without end.
  explicit XmlPull(Fill fill, std::size_t max_token = std::size_t{16} << 20);

  // Advances to the next event. After `done` or `error` it keeps returning
  // the same. A self-closing tag gives `start` then `end`.
  Event next();

  // The local name (after any prefix) of the element of a start or end event.
  std::string_view local_name() const { return local_; }

  // The decoded value of the attribute whose local name is `local`, on a
  // start event; empty when absent. Attributes whose qualified name starts
  // with "xmlns" are never matched. Valid until the next call to next().
  std::string_view attribute(std::string_view local) {
    const Attr* a = find_attribute(local);
    if (a == nullptr) return {};
    return a->needs_decoding ? decoded(a->raw, true, attr_scratch_) : a->raw;
  }

  // True when the start event's element has an attribute named `local`.
  bool has_attribute(std::string_view local) const { return find_attribute(local) != nullptr; }


  // A worksheet cell in its plainest form, as Excel and most writers emit
  // it: `<c r=".." t=".." s="..">` `<v>text</v></c>`, or `<c .../>`.
  struct PlainCell {
    bool has_r = false;
    std::string_view r;  // value of r, as written
    std::string_view t;  // value of t, "" when absent
    bool has_v = false;
    std::string_view v;  // text of <v>
  };

  // When the next markup is a plain cell (no prefixes, no references, CR or
  // tab in its values or text, no other children, all of it already in the
  // buffer), reads it whole into `cell` without giving events and returns
  // true: what the events would have said, at a fraction of the cost.
  // Otherwise reads nothing and returns false; next() then reads it. The
  // views are valid until the next call to either.
  bool try_plain_cell(PlainCell& cell);

  // The same for a shared string item in its plainest form, `<si><t>text</t></si>`
  // (or `<t xml:space="preserve">`): sets `text` and returns true, or reads
  // nothing and returns false.
  bool try_plain_string_item(std::string_view& text);

  // The decoded text of a text event. Valid until the next call to next().
  std::string_view text() const { return text_; }

  // Depth of the current element: on a start event, the element's own (1
  // for the root); on an end event, its parent's; on text, the depth of the
  // element holding it.
  int depth() const { return static_cast<int>(open_.size()); }

  // What went wrong, after an `error` event, and whether it was a refusal (a
  // DOCTYPE, a token over the limit) rather than broken XML.
  const std::string& error() const { return error_; }
  bool refused() const { return refused_; }
  // Offset in the stream of the byte where the problem was found.
  std::uint64_t error_offset() const { return error_offset_; }

 private:
  struct Attr {
    std::string_view qname;
    std::string_view local;
    std::string_view raw;
    bool needs_decoding;  // holds a reference, CR, LF or tab
  };
  enum class TagScan { complete, need_more, malformed };

  const Attr* find_attribute(std::string_view local) const {
    for (const Attr& a : attrs_) {
      if (same_name(a.local, local) &&
          !(a.qname.size() >= 5 && same_name(a.qname.substr(0, 5), "xmlns"))) {
        return &a;
      }
    }
    return nullptr;
  }

  bool fill_more();
  bool find(char c, std::size_t from, std::size_t& at);
  bool find(std::string_view s, std::size_t from, std::size_t& at);
  bool find_tag_end(std::size_t& at);
  Event fail(std::string message, std::size_t at, bool refused = false);
  // Each gives the event read, or kNone when it skipped markup that has none
  // (a plain value, not std::optional: returned millions of times a sheet).
  static constexpr Event kNone = static_cast<Event>(-1);
  Event read_markup();
  Event read_text();
  Event read_start();
  TagScan scan_start(std::size_t& i);
  Event read_end(std::size_t gt);
  Event read_end_fast();  // kNone: not the simple case, read it the long way
  Event skip_until(std::string_view terminator, std::size_t from, const char* what);
  Event read_cdata();
  std::string_view decoded(std::string_view raw, bool attribute, std::string& scratch) const;
  void push(std::string_view name);
  void pop();
  std::string_view top() const;

  Fill fill_;
  std::size_t max_token_;
  std::vector<char> buf_;
  std::size_t pos_ = 0;         // next unread byte in buf_
  std::size_t end_ = 0;         // end of the bytes in buf_
  std::uint64_t consumed_ = 0;  // stream offset of buf_[0]
  bool eof_ = false;
  bool saw_root_ = false;
  bool pending_end_ = false;  // a self-closing tag owes an end event
  Event last_ = Event::start;

  std::string_view local_;
  std::string_view element_qname_;  // of the start tag being read
  std::size_t tag_length_ = 0;
  std::string_view text_;
  std::string text_scratch_;
  std::string attr_scratch_;
  std::vector<Attr> attrs_;
  std::string open_names_;         // qualified names of open elements, joined
  std::vector<std::size_t> open_;  // where each open name starts in open_names_
  std::string end_name_;           // the name a self-closing tag's end event gives

  std::string error_;
  bool refused_ = false;
  std::uint64_t error_offset_ = 0;
};

}  // namespace tender::importers
