#include <gtest/gtest.h>

#include <algorithm>

#include "domain/application.hpp"
#include "domain/review.hpp"

using namespace mswa::domain;

namespace {
const Currency THB = *find_currency("THB");

Call call() {
  CallFields f{"Call", "", THB, {300000000, THB}, {60000000, THB}, 1000, 2000, {"KH"}, {"OP1"},
               {{"relevance", "Relevance", 40}, {"leadership", "Leadership", 35}, {"value", "Value", 25}},
               {{"need", "Need", true, 10}}, ReportingFrequency::quarterly, {"s"}};
  return {"call", f, CallStatus::open, 1, 0, 0};
}

Review scored(int a, int b, int c) { return {"r", "app", "u", {false, {{"relevance", a}, {"leadership", b}, {"value", c}}, "", Recommendation::fund}, 0}; }
Review recused() { return {"r", "app", "u", {true, {}, "", std::nullopt}, 0}; }

ApplicationContent proposal() {
  ApplicationContent c;
  c.title = "T";
  c.summary = "S";
  c.requested = Money{54000000, THB};
  c.start_date = "2027-04-01";
  c.duration_months = 12;
  c.answers = {{"need", "short"}};
  c.budget_lines = {{"", BudgetCategory::activities, "", {54000000, THB}}};
  c.targets = {{"OP1.1", {0, 0}, {120, 0}}};
  return c;
}

std::vector<std::string> pointers(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.pointer);
  std::sort(out.begin(), out.end());
  return out;
}

const Organisation cambodian{"org", {"N", {}, OrgKind::member, "KH", true, Publication::public_, {}}, 1, 0, 0};
const std::vector<Indicator> indicators{{{"OP1.1", "OP1", "VASW", Measure::unit, true, {}}, 0},
                                        {{"OP3.1", "OP3", "Services", Measure::unit, true, {}}, 0}};
}  // namespace

TEST(ReviewSummary, WeightsScoresAndLeavesRecusedOut) {
  const auto s = summarise({scored(4, 3, 5), recused()}, call());
  EXPECT_EQ(s.weighted_score, (Decimal{390, 2}));
  EXPECT_EQ(s.reviews_count, 1);
  EXPECT_EQ(s.recused_count, 1);
  EXPECT_FALSE(summarise({recused()}, call()).weighted_score);
}

TEST(ReviewSummary, RoundsTheMeanHalfToEven) {
  // Weighted totals 0 and 25 hundredths: the mean 12.5 goes to the even 0.12.
  EXPECT_EQ(summarise({scored(0, 0, 0), scored(0, 0, 1)}, call()).weighted_score, (Decimal{12, 2}));
  // 0 and 75: 37.5 goes to the even 0.38.
  EXPECT_EQ(summarise({scored(0, 0, 0), scored(0, 0, 3)}, call()).weighted_score, (Decimal{38, 2}));
  // 0, 0 and 25: 8.33... goes to 0.08.
  EXPECT_EQ(summarise({scored(0, 0, 0), scored(0, 0, 0), scored(0, 0, 1)}, call()).weighted_score, (Decimal{8, 2}));
}

TEST(ReviewRules, RecusedGiveNothingOthersGiveEverything) {
  EXPECT_TRUE(validate(recused().input, call()).empty());
  EXPECT_TRUE(validate(scored(0, 5, 3).input, call()).empty());
  auto bad = scored(6, -1, 3).input;
  bad.scores.erase("value");
  bad.scores["extra"] = 1;
  bad.recommendation.reset();
  EXPECT_EQ(pointers(validate(bad, call())),
            (std::vector<std::string>{"/recommendation", "/scores/extra", "/scores/leadership", "/scores/relevance",
                                      "/scores/value"}));
}

TEST(SubmissionRules, ACompleteProposalPasses) {
  EXPECT_TRUE(validate_submission(proposal(), call(), cambodian, indicators, 1500).empty());
}

TEST(SubmissionRules, EachRuleNamesItsField) {
  auto c = proposal();
  c.requested = Money{70000000, THB};  // over the 600,000.00 maximum, and the budget no longer adds up
  c.answers["need"] = "far too long an answer";
  c.targets[0].indicator_code = "OP3.1";
  Organisation lao = cambodian;
  lao.fields.country = "LA";
  EXPECT_EQ(pointers(validate_submission(c, call(), lao, indicators, 2000)),
            (std::vector<std::string>{"/answers/need", "/budget_lines", "/call_id", "/organisation_id",
                                      "/requested/amount", "/targets/0/indicator_code"}));
}

TEST(SubmissionRules, DraftsMayBeIncompleteButNotWrong) {
  ApplicationContent empty;
  EXPECT_TRUE(validate_draft(empty, call()).empty());
  EXPECT_EQ(pointers(validate_submission(empty, call(), cambodian, indicators, 1500)),
            (std::vector<std::string>{"/answers/need", "/duration_months", "/requested", "/start_date", "/summary",
                                      "/title"}));
  auto c = proposal();
  c.budget_lines[0].amount = Money{100, *find_currency("USD")};
  c.answers["colour"] = "red";
  EXPECT_EQ(pointers(validate_draft(c, call())),
            (std::vector<std::string>{"/answers/colour", "/budget_lines/0/amount/currency"}));
}

// A hundred lines of the largest int64 would wrap around in 64 bits and could
// even add up to the amount requested; in 128 bits they never do.
TEST(SubmissionRules, BudgetLinesAddUpWithoutOverflow) {
  auto c = proposal();
  c.budget_lines.clear();
  for (int i = 0; i < 100; ++i) c.budget_lines.push_back({"", BudgetCategory::activities, "", {INT64_MAX, THB}});
  const auto errors = validate_submission(c, call(), cambodian, indicators, 1500);
  const auto it = std::find_if(errors.begin(), errors.end(), [](const FieldError& e) { return e.pointer == "/budget_lines"; });
  ASSERT_NE(it, errors.end());
  EXPECT_NE(it->detail.find("more than can be recorded"), std::string::npos) << it->detail;
}
