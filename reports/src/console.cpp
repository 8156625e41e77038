#include "tender/reports/console.hpp"

#include <cstdio>
#include <string>

namespace tender::reports {
namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() > width) s = s.substr(0, width - 1) + "~";
  s.resize(width, ' ');
  return s;
}

std::string codes(const std::vector<Flag>& flags) {
  std::string out;
  for (const auto& f : flags) {
    if (!out.empty()) out += ' ';
    out += std::string(to_string(f.code));
    if (!f.subject.empty()) out += "(" + f.subject + ")";
  }
  return out;
}

void ranking_table(const Evaluation& ev, std::string& out) {
  out += "  rank  bid         bidder                          total    price          flags\n";
  for (const auto& id : ev.ranking) {
    for (const auto& b : ev.bids) {
      if (b.id != id) continue;
      out += "  " + pad(std::to_string(b.rank.value_or(0)), 6) + pad(b.id, 12) +
             pad(b.bidder.name, 32) + pad(fixed(b.total.value_or(0), 2), 9) +
             pad(fixed(b.price, 2), 15) + codes(b.flags) + "\n";
    }
  }
}

void round_flags(const std::vector<Flag>& flags, std::string& out) {
  if (flags.empty()) {
    out += "Round flags: none\n";
    return;
  }
  out += "Round flags:\n";
  for (const auto& f : flags) {
    out += "  " + std::string(to_string(f.code));
    if (!f.subject.empty()) out += " [" + f.subject + "]";
    out += ": " + f.message + "\n";
  }
}

}  // namespace

std::string console_summary(const Evaluation& ev) {
  std::string out = "Round " + ev.round_id + "\n\n";
  ranking_table(ev, out);
  out += "\nWinner: " + ev.winner.value_or("none (unresolved tie at rank 1)") + "\n";
  bool any = false;
  for (const auto& b : ev.bids) {
    if (b.status != BidStatus::excluded) continue;
    if (!any) out += "\nExcluded:\n";
    any = true;
    out += "  " + b.id + " (" + b.bidder.name + ", " + b.bidder.type + ")\n";
    for (const auto& r : b.reasons) {
      out += "    " + std::string(to_string(r.code)) + ": " + r.message + "\n";
    }
  }
  out += "\n";
  round_flags(ev.flags, out);
  const auto& cf = ev.barriers.counterfactual;
  if (!ev.barriers.excluded.empty()) {
    out += "\nWithout the turnover, bond and guarantee barriers the winner would be " +
           cf.winner.value_or("nobody (a tie)") +
           (cf.winner_changes ? " (a change)" : " (no change)") + ".\n";
  }
  for (const auto& w : ev.warnings) out += "Warning: " + w + "\n";
  return out;
}

std::string console_check(const Evaluation& ev) {
  std::string out = "Round " + ev.round_id + " (policy: " + ev.policy.source + ")\n\n";
  out += "Working capital a provider needs: " + fixed(ev.barriers.working_capital, 2) + "\n\n";
  round_flags(ev.flags, out);
  out += "\nOutcome     effective weight\n";
  for (const auto& [id, w] : ev.alignment.effective_weights) {
    out += "  " + pad(id, 10) + fixed(w, 2) + "\n";
  }
  out +=
      "\nKendall tau-b (priority vs weight): " +
      (ev.alignment.kendall_tau ? fixed(*ev.alignment.kendall_tau, 3) : std::string("undefined")) +
      "\n\nWeights if they followed the outcome priorities:\n";
  for (const auto& c : ev.criteria) {
    out += "  " + pad(c.id, 10) + pad(fixed(c.weight, 2), 10) + "-> " +
           fixed(ev.alignment.counterfactual_weights.at(c.id), 2) + "\n";
  }
  return out;
}

}  // namespace tender::reports
