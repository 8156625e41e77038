#include "tender/reports/summaries.hpp"

#include <catch2/catch.hpp>
#include <string>

using tender::reports::assessment_summaries;
using tender::reports::summary_file_stem;

namespace {

tender::BidResult ranked_bid(const std::string& id, const std::string& name, double total) {
  tender::BidResult b;
  b.id = id;
  b.bidder.name = name;
  b.status = tender::BidStatus::ranked;
  b.total = total;
  b.rank = 1;
  return b;
}

}  // namespace

TEST_CASE("Summary file names are safe, bare and unique", "[summaries]") {
  CHECK(summary_file_stem("B01") == "B01");
  CHECK(summary_file_stem("../../etc/passwd") == "_._.._etc_passwd");
  CHECK(summary_file_stem("..") == "_.");
  CHECK(summary_file_stem("a\\b:c d") == "a_b_c_d");
  CHECK(summary_file_stem("Zoë") == "Zo__");
  CHECK(summary_file_stem("") == "bid");
  CHECK(summary_file_stem(std::string(300, 'x')).size() == 100);

  tender::Evaluation ev;
  ev.round_id = "R";
  for (const char* id : {"A", "a", "a/", "a?"}) ev.bids.push_back(ranked_bid(id, "n", 50));
  const auto files = assessment_summaries(ev, tender::Inputs{}, tender::reports::RunInfo{});
  REQUIRE(files.size() == 4);
  CHECK(files[0].file_name == "A.html");
  CHECK(files[1].file_name == "a-2.html");  // "A" and "a" clash on case-insensitive disks
  CHECK(files[2].file_name == "a_.html");
  CHECK(files[3].file_name == "a_-2.html");
  CHECK(files[2].bid == "a/");
}

TEST_CASE("Text from the inputs is escaped in a summary", "[summaries]") {
  tender::Evaluation ev;
  ev.round_id = "R<1>";
  ev.bids.push_back(ranked_bid("B1", "<script>alert(1)</script> =HYPERLINK(\"x\")", 80));
  ev.ranking = {"B1"};
  ev.winner = "B1";
  tender::Inputs in;
  in.round.buyer = "Council & <b>Co</b>";
  const auto files = assessment_summaries(ev, in, tender::reports::RunInfo{});
  REQUIRE(files.size() == 1);
  const std::string& html = files[0].html;
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;x&quot;)") !=
        std::string::npos);
  CHECK(html.find("Council &amp; &lt;b&gt;Co&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("R&lt;1&gt;") != std::string::npos);
}

TEST_CASE("The standstill sentence follows the notice date", "[summaries]") {
  tender::Evaluation ev;
  ev.bids.push_back(ranked_bid("B1", "n", 80));
  ev.ranking = {"B1"};
  ev.winner = "B1";
  tender::reports::RunInfo run;
  const auto without = assessment_summaries(ev, tender::Inputs{}, run);
  CHECK(without[0].html.find("will be given in the contract award notice") != std::string::npos);
  // Wed 24 March 2027, over Easter (Good Friday 26, Easter Monday 29 March):
  // Wed 24, Thu 25, Tue 30, Wed 31, Thu 1, Fri 2, Mon 5, Tue 6 April.
  run.notice_date = tender::Date{2027, 3, 24};
  const auto with = assessment_summaries(ev, tender::Inputs{}, run);
  CHECK(with[0].html.find("ends at the end of <strong>Tuesday 6 April 2027</strong>") !=
        std::string::npos);
  CHECK(with[0].html.find("not be entered into before <strong>Wednesday 7 April 2027</strong>") !=
        std::string::npos);
}
