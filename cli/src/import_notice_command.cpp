#include "import_notice_command.hpp"

#include <charconv>
#include <filesystem>

#include "files.hpp"
#include "tender/engine/date.hpp"
#include "tender/importers/parse.hpp"

namespace tender::cli {
namespace {

constexpr int kOk = 0;
constexpr int kInternal = 1;
constexpr int kBadInput = 2;

// Control characters other than tab and line breaks cannot appear in XML 1.0.
std::string clean(const std::string& s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += "\xEF\xBF\xBD";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : clean(s)) {
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
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Text safe inside <!-- -->: no "--", not ending in "-".
std::string comment_text(const std::string& s) {
  std::string out;
  for (const char c : clean(s)) {
    if (c == '-' && !out.empty() && out.back() == '-') out += ' ';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  if (!out.empty() && out.back() == '-') out += ' ';
  return out;
}

std::string num(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + escape(value) + "\"";
}

std::string header(const importers::LotSkeleton& lot, const std::string& source) {
  std::string h = "<!-- Round skeleton built by `tender import-notice` from " +
                  comment_text(source) + ", lot " + comment_text(lot.lot_id) +
                  ".\n     Check every PLACEHOLDER and warning (also in NOTICE-WARNINGS.txt) "
                  "before evaluating.\n";
  for (const auto& w : lot.warnings) {
    if (w.criterion.empty()) h += "     - " + comment_text(w.message) + "\n";
  }
  return h + "-->\n";
}

std::string round_head(const Round& r) {
  std::string x = "<round xmlns=\"urn:tender-engine:round:1\"" + attr("id", r.id);
  if (!r.currency.empty()) x += attr("currency", r.currency);
  x += ">\n  <title>" + escape(r.title) + "</title>\n";
  if (!r.buyer.empty()) x += "  <buyer>" + escape(r.buyer) + "</buyer>\n";
  x += "  <contract" + attr("annual-value", num(r.annual_value)) + attr("years", num(r.years)) +
       attr("lots", std::to_string(r.lots)) + "/>\n";
  if (r.published || r.deadline) {
    x += "  <timeline";
    if (r.published) x += attr("published", to_iso(*r.published));
    if (r.deadline) x += attr("deadline", to_iso(*r.deadline));
    x += "/>\n";
  }
  return x;
}

std::string criterion_xml(const Criterion& c) {
  std::string x = "    <criterion" + attr("id", c.id) + attr("kind", to_string(c.kind)) +
                  attr("weight", num(c.weight));
  if (c.kind == CriterionKind::price) {
    x += attr("formula", to_string(c.formula));
  } else {
    x += attr("scale", num(c.scale));
  }
  if (c.threshold) x += attr("threshold", num(*c.threshold));
  return x + ">" + escape(c.title) + "</criterion>\n";
}

int report_problems(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags) err << to_string(d) << '\n';
  err << diags.size() << (diags.size() == 1 ? " error" : " errors") << "; nothing was written\n";
  return kBadInput;
}

std::string warning_line(const importers::NoticeWarning& w, const std::string& lot) {
  std::string line = w.place.file;
  if (w.place.line > 0) line += ":" + std::to_string(w.place.line);
  line += ": warning: " + lot;
  if (!w.criterion.empty()) line += " " + w.criterion;
  return line + ": " + clean(w.message);
}

}  // namespace

std::string round_skeleton_xml(const importers::LotSkeleton& lot, const std::string& source) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + header(lot, source);
  x += round_head(lot.round) + "  <evaluation>\n";
  for (const auto& c : lot.round.criteria) {
    for (const auto& w : lot.warnings) {
      if (w.criterion == c.id) x += "    <!-- " + comment_text(w.message) + " -->\n";
    }
    x += criterion_xml(c);
  }
  return x + "  </evaluation>\n</round>\n";
}

std::string notice_warnings_text(const importers::LotSkeleton& lot) {
  std::string out;
  for (const auto& w : lot.warnings) out += warning_line(w, lot.lot_id) + "\n";
  return out;
}

void add_import_notice(CLI::App& app, ImportNoticeArgs& a) {
  auto* cmd = app.add_subcommand(
      "import-notice",
      "Build a round skeleton per lot from an eForms notice (criteria, weights, value)");
  cmd->add_option("notice", a.notice, "eForms notice (.xml)")->required();
  cmd->add_option("-o,--out", a.out_dir, "write DIR/<lot>/round.xml here (DIR is created)")
      ->required();
}

int import_notice_command(const ImportNoticeArgs& a, std::ostream& out, std::ostream& err) {
  auto source = importers::read_source(a.notice);
  if (!source) return report_problems(source.errors(), err);
  auto notice = importers::parse_notice(source.value());
  if (!notice) return report_problems(notice.errors(), err);
  StagedFiles files;
  for (const auto& lot : notice->lots) {
    const std::filesystem::path dir = std::filesystem::path(a.out_dir) / lot.lot_id;
    const std::pair<std::string, std::string> docs[] = {
        {(dir / "round.xml").string(), round_skeleton_xml(lot, a.notice)},
        {(dir / "NOTICE-WARNINGS.txt").string(), notice_warnings_text(lot)}};
    for (const auto& doc : docs) {
      const std::string problem = files.stage(doc.first, [&](const std::string& tmp) {
        return write_file(tmp, doc.second) ? std::string() : "cannot write " + doc.first;
      });
      if (!problem.empty()) {
        err << "tender: " << problem << '\n';
        return kInternal;
      }
    }
  }
  if (const std::string problem = files.commit(); !problem.empty()) {
    err << "tender: " << problem << '\n';
    return kInternal;
  }
  for (const auto& lot : notice->lots) {
    err << notice_warnings_text(lot);
    out << "Wrote " << (std::filesystem::path(a.out_dir) / lot.lot_id / "round.xml").string()
        << " (" << lot.round.criteria.size() << " criteria, " << lot.warnings.size()
        << " warnings)\n";
  }
  return kOk;
}

}  // namespace tender::cli
