// XmlPull: see xml_pull.hpp. The buffer holds [pos_, end_) unread bytes;
// when a token runs past end_, the unread bytes move to the front and more
// are read behind them, growing the buffer up to max_token_.
#include "xml_pull.hpp"
#include "tender/engine/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <utility>

namespace tender::importers {
namespace {

// Below glibc's mmap threshold, so opening part after part reuses heap
// memory instead of mapping (and faulting in) fresh pages each time.
constexpr std::size_t kInitialBuffer = std::size_t{64} << 10;

// Character classes, looked up rather than compared one by one: the
// tokenizer looks at every byte of a million-row sheet.
enum : std::uint8_t {
  space_class = 1,         // XML white space
  name_end_class = 2,      // ends a name: space / > = (and the quotes, for attributes)
  tag_stop_class = 4,      // matters when finding a tag's end: " ' >
  decode_class = 8,        // makes text need decoding: & CR
  attr_decode_class = 16,  // makes an attribute value need decoding: & CR LF TAB
};

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> t{};
  for (const char c : {' ', '\t', '\n', '\r'})
    t[static_cast<unsigned char>(c)] |= space_class | name_end_class;
  for (const char c : {'/', '>', '=', '"', '\''})
    t[static_cast<unsigned char>(c)] |= name_end_class;
  for (const char c : {'"', '\'', '>'}) t[static_cast<unsigned char>(c)] |= tag_stop_class;
  for (const char c : {'&', '\r'})
    t[static_cast<unsigned char>(c)] |= decode_class | attr_decode_class;
  for (const char c : {'\n', '\t'}) t[static_cast<unsigned char>(c)] |= attr_decode_class;
  return t;
}

constexpr std::array<std::uint8_t, 256> kClass = make_classes();

bool has_class(char c, std::uint8_t cls) {
  return (kClass[static_cast<unsigned char>(c)] & cls) != 0;
}

bool is_space(char c) {
  return has_class(c, space_class);
}

bool is_name_end(char c) {
  return has_class(c, name_end_class);
}

std::string_view local_part(std::string_view qname) {
  for (std::size_t i = qname.size(); i > 0; --i) {
    if (qname[i - 1] == ':') return std::string_view(qname.data() + i, qname.size() - i);
  }
  return qname;
}

// The code point of a character reference body ("#65", "#x41"); 0 when it is
// not one (0 itself is not a character XML can hold).
std::uint32_t char_ref(std::string_view body) {
  if (body.size() < 2 || body[0] != '#') return 0;
  const bool hex = body[1] == 'x';
  std::string_view digits = body.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return 0;
  std::uint32_t cp = 0;
  for (char c : digits) {
    std::uint32_t d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<std::uint32_t>(c - '0');
    } else if (hex && c >= 'a' && c <= 'f') {
      d = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (hex && c >= 'A' && c <= 'F') {
      d = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return 0;
    }
    cp = cp * (hex ? 16 : 10) + d;
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return cp;
}

// Appends the replacement of the reference `name` (between & and ;), or
// returns false when it is not one we know.
bool append_reference(std::string& out, std::string_view name) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& [entity, c] : kNamed) {
    if (name == entity) {
      out += c;
      return true;
    }
  }
  const std::uint32_t cp = char_ref(name);
  if (cp == 0) return false;
  append_utf8(out, cp);
  return true;
}

}  // namespace

XmlPull::XmlPull(Fill fill, std::size_t max_token)
    : fill_(std::move(fill)), max_token_(std::max(max_token, std::size_t{64})) {
  buf_.resize(std::min(kInitialBuffer, max_token_));
}

// Reads more bytes behind end_, first moving unread bytes to the front and
// growing the buffer when it is full. False at the end of the stream or when
// the buffer may grow no further.
bool XmlPull::fill_more() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    consumed_ += pos_;
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) {
    if (buf_.size() >= max_token_) return false;
    buf_.resize(std::min(buf_.size() * 2, max_token_));
  }
  const std::size_t got = fill_(buf_.data() + end_, buf_.size() - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

// Finds `c` at or after buf_[from], reading more as needed. `from` and `at`
// are offsets from pos_, so they survive the buffer moving.
bool XmlPull::find(char c, std::size_t from, std::size_t& at) {
  for (;;) {
    const char* start = buf_.data() + pos_ + from;
    const std::size_t len = end_ - pos_ - from;
    if (const void* hit = std::memchr(start, c, len)) {
      at = static_cast<std::size_t>(static_cast<const char*>(hit) - (buf_.data() + pos_));
      return true;
    }
    from = end_ - pos_;
    if (!fill_more()) return false;
  }
}

bool XmlPull::find(std::string_view s, std::size_t from, std::size_t& at) {
  for (;;) {
    if (!find(s[0], from, at)) return false;
    while (end_ - pos_ < at + s.size()) {
      if (!fill_more()) return false;
    }
    if (std::string_view(buf_.data() + pos_ + at, s.size()) == s) return true;
    from = at + 1;
  }
}

// Finds the '>' that ends the tag starting at pos_, skipping quoted values.
bool XmlPull::find_tag_end(std::size_t& at) {
  char quote = 0;
  std::size_t i = 1;
  for (;;) {
    const char* p = buf_.data() + pos_;
    const std::size_t n = end_ - pos_;
    for (; i < n; ++i) {
      const char c = p[i];
      if (!has_class(c, tag_stop_class)) continue;
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '>') {
        at = i;
        return true;
      } else if (c != '>') {
        quote = c;
      }
    }
    if (!fill_more()) return false;
  }
}

XmlPull::Event XmlPull::fail(std::string message, std::size_t at, bool refused) {
  error_ = std::move(message);
  refused_ = refused;
  error_offset_ = consumed_ + pos_ + at;
  last_ = Event::error;
  return last_;
}

XmlPull::Event XmlPull::next() {
  if (last_ == Event::done || last_ == Event::error) return last_;
  attrs_.clear();
  if (pending_end_) {
    pending_end_ = false;
    end_name_.assign(top());
    pop();
    local_ = local_part(end_name_);
    return last_ = Event::end;
  }
  for (;;) {
    if (pos_ == end_ && !fill_more()) {
      if (!open_.empty()) {
        return fail("the document ends inside <" + std::string(top()) + ">", 0);
      }
      if (!saw_root_) return fail("no root element", 0);
      return last_ = Event::done;
    }
    // Comments, processing instructions and blank text outside the root
    // give no event: loop rather than recurse, however many there are.
    if (const Event e = buf_[pos_] == '<' ? read_markup() : read_text(); e != kNone) return e;
  }
}

// Text up to the next '<' (or the end of the stream).
XmlPull::Event XmlPull::read_text() {
  // One pass finds the '<' and notes whether anything needs decoding.
  std::size_t i = 0;
  std::uint8_t seen = 0;
  for (;;) {
    const char* p = buf_.data() + pos_;
    const std::size_t n = end_ - pos_;
    while (i < n && p[i] != '<') seen |= kClass[static_cast<unsigned char>(p[i++])];
    if (i < n || !fill_more()) break;
  }
  if (i == end_ - pos_ && !eof_)
    return fail("a text run is longer than the reader allows", 0, true);
  const std::string_view raw(buf_.data() + pos_, i);
  if (open_.empty()) {
    if ((seen & ~space_class & ~name_end_class & ~attr_decode_class & ~decode_class) != 0 ||
        !std::all_of(raw.begin(), raw.end(), is_space)) {
      return fail("text outside the root element", 0);
    }
    pos_ += i;
    return kNone;
  }
  text_ = (seen & decode_class) != 0 ? decoded(raw, false, text_scratch_) : raw;
  pos_ += i;
  return last_ = Event::text;
}

XmlPull::Event XmlPull::read_markup() {
  while (end_ - pos_ < 2) {
    if (!fill_more()) return fail("the document ends inside a tag", 0);
  }
  const char second = buf_[pos_ + 1];
  if (second == '?') return skip_until("?>", 2, "processing instruction");
  if (second == '!') {
    while (end_ - pos_ < 9 && fill_more()) {
    }
    const std::string_view head(buf_.data() + pos_, std::min<std::size_t>(9, end_ - pos_));
    if (head.substr(0, 4) == "<!--") return skip_until("-->", 4, "comment");
    if (head == "<![CDATA[") return read_cdata();
    if (head.substr(0, 9) == "<!DOCTYPE") {
      return fail("DOCTYPE is not allowed in workbook XML", 0, true);
    }
    return fail("unknown markup after '<!'", 0);
  }
  if (second != '/') return read_start();
  if (const Event e = read_end_fast(); e != kNone) return e;
  std::size_t gt = 0;
  if (!find_tag_end(gt)) {
    if (!eof_) return fail("a tag is longer than the reader allows", 0, true);
    return fail("the document ends inside a tag", 0);
  }
  return read_end(gt);
}

XmlPull::Event XmlPull::skip_until(std::string_view terminator, std::size_t from,
                                   const char* what) {
  std::size_t at = 0;
  if (!find(terminator, from, at)) {
    if (!eof_) return fail(std::string("a ") + what + " is longer than the reader allows", 0, true);
    return fail(std::string("the document ends inside a ") + what, 0);
  }
  pos_ += at + terminator.size();
  return kNone;
}

XmlPull::Event XmlPull::read_cdata() {
  std::size_t at = 0;
  if (!find("]]>", 9, at)) {
    if (!eof_) return fail("a CDATA section is longer than the reader allows", 0, true);
    return fail("the document ends inside a CDATA section", 0);
  }
  if (open_.empty()) return fail("CDATA outside the root element", 0);
  // CDATA is text as written, but for line ends.
  const std::string_view raw(buf_.data() + pos_ + 9, at - 9);
  text_scratch_.clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r') {
      text_scratch_ += '\n';
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else {
      text_scratch_ += raw[i];
    }
  }
  text_ = text_scratch_;
  pos_ += at + 3;
  return last_ = Event::text;
}

// Parses a start tag in one pass: name, attributes, and whether each value
// needs decoding. A tag that runs past the buffer is parsed again from its
// start once more bytes are in (rare: only at buffer boundaries).
XmlPull::Event XmlPull::read_start() {
  for (;;) {
    attrs_.clear();
    std::size_t i = 1;
    const TagScan scan = scan_start(i);
    if (scan == TagScan::complete) break;
    if (scan == TagScan::malformed) {
      const std::string_view qname = element_qname_;
      return fail("malformed attributes in <" + std::string(qname) + ">", i);
    }
    if (!fill_more()) {
      if (!eof_) return fail("a tag is longer than the reader allows", 0, true);
      return fail("the document ends inside a tag", 0);
    }
  }
  const std::string_view qname = element_qname_;
  if (qname.empty()) return fail("a tag has no name", 0);
  if (open_.empty() && saw_root_)
    return fail("a second root element <" + std::string(qname) + ">", 0);
  saw_root_ = true;
  local_ = local_part(qname);
  push(qname);
  pos_ += tag_length_;
  return last_ = Event::start;
}

// Scans the start tag at pos_. On `complete`, element_qname_, attrs_,
// pending_end_ and tag_length_ are set; `need_more` means the buffer ended
// first; `malformed` leaves `i` at the problem.
XmlPull::TagScan XmlPull::scan_start(std::size_t& i) {
  const char* p = buf_.data() + pos_;
  const std::size_t n = end_ - pos_;
  while (i < n && !is_name_end(p[i])) ++i;
  if (i >= n) return TagScan::need_more;
  element_qname_ = std::string_view(p + 1, i - 1);
  for (;;) {
    const std::size_t before = i;
    while (i < n && is_space(p[i])) ++i;
    if (i >= n) return TagScan::need_more;
    if (p[i] == '>' || p[i] == '/') {
      const bool self_closing = p[i] == '/';
      if (self_closing) {
        if (i + 1 >= n) return TagScan::need_more;
        if (p[i + 1] != '>') return TagScan::malformed;
        ++i;
      }
      pending_end_ = self_closing;
      tag_length_ = i + 1;
      return TagScan::complete;
    }
    if (i == before) return TagScan::malformed;  // attributes are separated by spaces
    const std::size_t name_start = i;
    while (i < n && !is_name_end(p[i])) ++i;
    const std::string_view qname(p + name_start, i - name_start);
    while (i < n && is_space(p[i])) ++i;
    if (i >= n) return TagScan::need_more;
    if (qname.empty() || p[i] != '=') return TagScan::malformed;
    ++i;
    while (i < n && is_space(p[i])) ++i;
    if (i >= n) return TagScan::need_more;
    if (p[i] != '"' && p[i] != '\'') return TagScan::malformed;
    const char quote = p[i++];
    const std::size_t value_start = i;
    std::uint8_t seen = 0;
    while (i < n && p[i] != quote) {
      if (p[i] == '<') return TagScan::malformed;
      seen |= kClass[static_cast<unsigned char>(p[i++])];
    }
    if (i >= n) return TagScan::need_more;
    attrs_.push_back({qname, local_part(qname), std::string_view(p + value_start, i - value_start),
                      (seen & attr_decode_class) != 0});
    ++i;
  }
}

// The common end tag, "</name>" closing the open element, checked in place.
XmlPull::Event XmlPull::read_end_fast() {
  if (open_.empty()) return kNone;
  const std::string_view name = top();
  if (end_ - pos_ < name.size() + 3) return kNone;
  const char* p = buf_.data() + pos_;
  if (p[2 + name.size()] != '>' || !same_name(std::string_view(p + 2, name.size()), name)) {
    return kNone;
  }
  local_ = local_part(std::string_view(p + 2, name.size()));  // in the buffer: valid until next()
  pos_ += name.size() + 3;
  pop();
  return last_ = Event::end;
}

XmlPull::Event XmlPull::read_end(std::size_t gt) {
  const char* p = buf_.data() + pos_;
  std::size_t i = 2;
  while (i < gt && !is_space(p[i])) ++i;
  const std::string_view qname(p + 2, i - 2);
  for (std::size_t j = i; j < gt; ++j) {
    if (!is_space(p[j])) return fail("malformed end tag </" + std::string(qname) + ">", 0);
  }
  if (open_.empty()) return fail("end tag </" + std::string(qname) + "> with no open element", 0);
  if (top() != qname) {
    return fail("end tag </" + std::string(qname) + "> does not match <" + std::string(top()) + ">",
                0);
  }
  pop();
  local_ = local_part(qname);
  pos_ += gt + 1;
  return last_ = Event::end;
}

// `raw` with references replaced and line ends normalised; `raw` itself when
// there is nothing to replace.
std::string_view XmlPull::decoded(std::string_view raw, bool attribute,
                                  std::string& scratch) const {
  const std::uint8_t cls = attribute ? attr_decode_class : decode_class;
  if (std::none_of(raw.begin(), raw.end(), [cls](char c) { return has_class(c, cls); })) return raw;
  scratch.clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '&') {
      const std::size_t semi = raw.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 12 &&
          append_reference(scratch, raw.substr(i + 1, semi - i - 1))) {
        i = semi;
        continue;
      }
      scratch += c;  // not a reference we know: kept as written
    } else if (c == '\r') {
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      scratch += attribute ? ' ' : '\n';
    } else if (attribute && (c == '\t' || c == '\n')) {
      scratch += ' ';
    } else {
      scratch += c;
    }
  }
  return scratch;
}

bool XmlPull::try_plain_cell(PlainCell& cell) {
  if (pending_end_ || last_ == Event::done || last_ == Event::error || open_.empty()) return false;
  const char* p = buf_.data() + pos_;
  const std::size_t n = end_ - pos_;
  // The longest cell we take this way must fit; near the end of the buffer
  // the general path (which refills) takes over.
  if (n < 3 || p[0] != '<' || p[1] != 'c' || (p[2] != ' ' && p[2] != '>' && p[2] != '/')) {
    return false;
  }
  cell = PlainCell{};
  bool has_t = false;
  std::size_t i = 2;
  for (;;) {  // attributes: ' '+ name="value"
    while (i < n && p[i] == ' ') ++i;
    if (i >= n) return false;
    if (p[i] == '>' || p[i] == '/') break;
    const std::size_t name_start = i;
    while (i < n && ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z'))) ++i;
    const std::string_view name(p + name_start, i - name_start);
    if (name.empty() || i + 1 >= n || p[i] != '=' || p[i + 1] != '"') return false;
    i += 2;
    const std::size_t value_start = i;
    while (i < n && p[i] != '"') {
      if (has_class(p[i], attr_decode_class) || p[i] == '<') return false;
      ++i;
    }
    if (i >= n) return false;
    const std::string_view value(p + value_start, i - value_start);
    ++i;
    if (i < n && p[i] != ' ' && p[i] != '>' && p[i] != '/') return false;
    if (name.size() == 1 && name[0] == 'r' && !cell.has_r) {
      cell.has_r = true;
      cell.r = value;
    } else if (name.size() == 1 && name[0] == 't' && !has_t) {
      has_t = true;
      cell.t = value;
    } else if (name.size() >= 5 && same_name(name.substr(0, 5), "xmlns")) {
      return false;
    }
  }
  if (p[i] == '/') {
    if (i + 1 >= n || p[i + 1] != '>') return false;
    pos_ += i + 2;
    return true;
  }
  ++i;  // '>'
  constexpr std::string_view kOpenV = "<v>";
  constexpr std::string_view kClose = "</v></c>";
  if (n - i < kOpenV.size() || !same_name(std::string_view(p + i, kOpenV.size()), kOpenV)) {
    return false;
  }
  i += kOpenV.size();
  const std::size_t text_start = i;
  while (i < n && p[i] != '<') {
    if (has_class(p[i], decode_class)) return false;
    ++i;
  }
  if (n - i < kClose.size() || !same_name(std::string_view(p + i, kClose.size()), kClose)) {
    return false;
  }
  cell.has_v = true;
  cell.v = std::string_view(p + text_start, i - text_start);
  pos_ += i + kClose.size();
  return true;
}

bool XmlPull::try_plain_string_item(std::string_view& text) {
  if (pending_end_ || last_ == Event::done || last_ == Event::error || open_.empty()) return false;
  const char* p = buf_.data() + pos_;
  const std::size_t n = end_ - pos_;
  constexpr std::string_view kOpen = "<si><t>";
  constexpr std::string_view kOpenPreserve = "<si><t xml:space=\"preserve\">";
  constexpr std::string_view kClose = "</t></si>";
  const auto starts = [&](std::size_t at, std::string_view s) {
    return n - at >= s.size() && same_name(std::string_view(p + at, s.size()), s);
  };
  std::size_t i = 0;
  if (starts(0, kOpen)) {
    i = kOpen.size();
  } else if (starts(0, kOpenPreserve)) {
    i = kOpenPreserve.size();
  } else {
    return false;
  }
  const std::size_t text_start = i;
  while (i < n && p[i] != '<') {
    if (has_class(p[i], decode_class)) return false;
    ++i;
  }
  if (!starts(i, kClose)) return false;
  text = std::string_view(p + text_start, i - text_start);
  pos_ += i + kClose.size();
  return true;
}

void XmlPull::push(std::string_view name) {
  open_.push_back(open_names_.size());
  open_names_.append(name);
}

void XmlPull::pop() {
  open_names_.resize(open_.back());
  open_.pop_back();
}

std::string_view XmlPull::top() const {
  return std::string_view(open_names_.data() + open_.back(), open_names_.size() - open_.back());
}

}  // namespace tender::importers
