#include <gtest/gtest.h>

#include "domain/calendar_date.hpp"
#include "domain/call.hpp"

using namespace mswa::domain;

namespace {
const Currency THB = *find_currency("THB");

CallFields call() {
  return {"Monitoring 2027", "", THB, {300000000, THB}, {60000000, THB}, 1000, 2000, {"KH", "TH"}, {"OP1"},
          {{"relevance", "Relevance", 60}, {"value", "Value", 40}}, {{"need", "Need", true, 4000}},
          ReportingFrequency::quarterly, {"source-1"}};
}

std::vector<std::string> pointers(const CallFields& f) {
  std::vector<std::string> out;
  for (const auto& e : validate(f)) out.push_back(e.pointer);
  return out;
}
}  // namespace

TEST(Instant, ParsesUtcWithWholeSeconds) {
  EXPECT_EQ(parse_instant("2026-11-22T10:00:00Z"), 1795341600000);
  EXPECT_EQ(parse_instant("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_instant("2027-02-28T17:00:00Z"), 1803834000000);
}

TEST(Instant, RefusesOtherForms) {
  for (const char* bad : {"2026-11-22T10:00:00", "2026-11-22T10:00:00+07:00", "2026-11-22 10:00:00Z",
                          "2026-11-22T24:00:00Z", "2026-11-22T10:60:00Z", "2026-02-30T10:00:00Z",
                          "2026-11-22T10:00:00.5Z", "2026-11-22"})
    EXPECT_FALSE(parse_instant(bad)) << bad;
}

TEST(Call, ValidFieldsPass) { EXPECT_TRUE(validate(call()).empty()); }

TEST(Call, MoneyRules) {
  auto f = call();
  f.max_award = {400000000, THB};
  EXPECT_EQ(pointers(f), (std::vector<std::string>{"/max_award/amount"}));
  f = call();
  f.envelope = {100, *find_currency("USD")};
  EXPECT_EQ(pointers(f), (std::vector<std::string>{"/envelope/currency"}));
  f = call();
  f.envelope = {0, THB};
  EXPECT_EQ(pointers(f), (std::vector<std::string>{"/envelope/amount"}));  // and no noise about max_award
}

TEST(Call, WeightsAddUpToOneHundredAndKeysAreUnique) {
  auto f = call();
  f.criteria[1].weight = 30;
  EXPECT_EQ(pointers(f), (std::vector<std::string>{"/criteria"}));
  f = call();
  f.criteria[1].key = "relevance";
  f.questions.push_back({"Need", "Bad key", false, 0});
  EXPECT_EQ(pointers(f), (std::vector<std::string>{"/criteria/1/key", "/questions/1/key", "/questions/1/max_length"}));
}

TEST(Call, ListsAndTimes) {
  auto f = call();
  f.closes_at = f.opens_at;
  f.eligible_countries = {"TH", "TH"};
  f.result_codes = {};
  f.funding_source_ids = {"a", "a"};
  EXPECT_EQ(pointers(f), (std::vector<std::string>{"/closes_at", "/eligible_countries/1", "/result_codes",
                                                   "/funding_source_ids/1"}));
}

TEST(Call, AcceptsOnlyWhileOpenInNameAndTime) {
  Call c{"id", call(), CallStatus::open, 1, 0, 0};
  EXPECT_FALSE(c.accepting(999));
  EXPECT_TRUE(c.accepting(1000));
  EXPECT_TRUE(c.accepting(1999));
  EXPECT_FALSE(c.accepting(2000));
  c.status = CallStatus::draft;
  EXPECT_FALSE(c.accepting(1500));
}

TEST(Call, PatchChangesWhatIsPresent) {
  CallPatch p;
  p.title = "New";
  p.criteria = std::vector<Criterion>{{"only", "Only", 100}};
  const auto out = apply(call(), p);
  EXPECT_EQ(out.title, "New");
  EXPECT_EQ(out.criteria.size(), 1u);
  EXPECT_EQ(out.eligible_countries, call().eligible_countries);
}
