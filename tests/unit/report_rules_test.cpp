// Progress report content rules: targeted indicators only, the indicator's
// own dimensions, numbers where the measure is a number, cells that add up,
// expenditures on the award's budget lines.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/progress_report.hpp"

using namespace mswa::domain;

namespace {

const Currency kThb{"THB", 2};

Indicator indicator(const std::string& code, Measure measure, std::vector<Dimension> dims) {
  Indicator i;
  i.fields = {code, code.substr(0, code.find('.')), "title", measure, true, std::move(dims)};
  return i;
}

const std::vector<Indicator> kIndicators{
    indicator("OP1.1", Measure::unit, {Dimension::gender, Dimension::migrant_status}),
    indicator("OC1.2", Measure::percentage, {}),
    indicator("OC3.1", Measure::qualitative, {}),
    indicator("OP2.1", Measure::unit, {}),
};

Award award() {
  Award a;
  a.amount = {54000000, kThb};
  a.targets = {{"OP1.1", {0, 0}, {120, 0}}, {"OC1.2", {0, 0}, {50, 0}}, {"OC3.1", {0, 0}, {0, 0}}};
  a.budget_lines = {{"line-1", BudgetCategory::personnel, "Stipends", {30000000, kThb}},
                    {"line-2", BudgetCategory::activities, "Workshops", {24000000, kThb}}};
  return a;
}

std::vector<std::string> pointers(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.pointer);
  std::sort(out.begin(), out.end());
  return out;
}

ReportContent good() {
  return {"Monitors documented incidents in three districts.",
          {{"OP1.1", {{Dimension::gender, "trans_woman"}, {Dimension::migrant_status, "migrant"}}, "14"},
           {"OP1.1", {{Dimension::gender, "woman"}, {Dimension::migrant_status, "migrant"}}, "9"},
           {"OC1.2", {}, "37.5"},
           {"OC3.1", {}, "The city council met the network twice."}},
          {{"line-1", {9500000, kThb}}, {"line-2", {0, kThb}}}};
}

}  // namespace

TEST(ReportRules, AGoodReportPasses) {
  EXPECT_TRUE(validate(good(), award(), kIndicators).empty());
  EXPECT_TRUE(validate_submission(good(), award()).empty());
}

TEST(ReportRules, ValuesOnlyForIndicatorsTheAwardTargets) {
  auto c = good();
  c.indicator_values.push_back({"OP2.1", {}, "3"});  // exists, not targeted
  c.indicator_values.push_back({"XX9.9", {}, "3"});  // does not exist
  EXPECT_EQ(pointers(validate(c, award(), kIndicators)),
            (std::vector<std::string>{"/indicator_values/4/indicator_code", "/indicator_values/5/indicator_code"}));
}

TEST(ReportRules, DimensionsMustBeTheIndicatorsAndTheirValuesKnown) {
  auto c = good();
  c.indicator_values[0].dimensions[Dimension::age_group] = "under_25";  // OP1.1 has no age_group
  c.indicator_values[1].dimensions[Dimension::gender] = "female";       // not a gender value
  const auto p = pointers(validate(c, award(), kIndicators));
  EXPECT_NE(std::find(p.begin(), p.end(), "/indicator_values/0/dimensions/age_group"), p.end());
  EXPECT_NE(std::find(p.begin(), p.end(), "/indicator_values/1/dimensions/gender"), p.end());
}

TEST(ReportRules, NumbersWhereTheMeasureIsANumber) {
  auto c = good();
  c.indicator_values[0].value = "fourteen";
  c.indicator_values[1].value = "-3";
  c.indicator_values[2].value = "100.5";     // a percentage over 100
  c.indicator_values[3].value = "";          // qualitative needs text
  EXPECT_EQ(pointers(validate(c, award(), kIndicators)),
            (std::vector<std::string>{"/indicator_values/0/value", "/indicator_values/1/value",
                                      "/indicator_values/2/value", "/indicator_values/3/value"}));
  c = good();
  c.indicator_values[0].value = "1.23456";  // more than four decimals
  EXPECT_EQ(pointers(validate(c, award(), kIndicators)), (std::vector<std::string>{"/indicator_values/0/value"}));
}

TEST(ReportRules, EachCellOnceAndOneIndicatorBrokenDownOneWay) {
  auto c = good();
  c.indicator_values.push_back(c.indicator_values[0]);
  EXPECT_EQ(pointers(validate(c, award(), kIndicators)), (std::vector<std::string>{"/indicator_values/4"}));
  c = good();
  c.indicator_values.push_back({"OP1.1", {{Dimension::gender, "man"}}, "2"});  // by gender only
  EXPECT_EQ(pointers(validate(c, award(), kIndicators)),
            (std::vector<std::string>{"/indicator_values/4/dimensions"}));
}

TEST(ReportRules, ExpendituresOnTheAwardsLinesInItsCurrencyOnce) {
  auto c = good();
  c.expenditures.push_back({"line-9", {100, kThb}});
  c.expenditures.push_back({"line-1", {100, kThb}});
  c.expenditures.push_back({"line-2", {100, {"USD", 2}}});  // listed twice, and in dollars
  c.expenditures[0].amount.minor = -1;
  EXPECT_EQ(pointers(validate(c, award(), kIndicators)),
            (std::vector<std::string>{"/expenditures/0/amount/amount", "/expenditures/2/budget_line_id",
                                      "/expenditures/3/budget_line_id", "/expenditures/4/amount/currency",
                                      "/expenditures/4/budget_line_id"}));
}

TEST(ReportRules, SubmittingNeedsANarrativeAndEveryTargetedIndicator) {
  auto c = good();
  c.narrative.clear();
  c.indicator_values.erase(c.indicator_values.begin() + 2);  // no OC1.2
  EXPECT_EQ(pointers(validate_submission(c, award())), (std::vector<std::string>{"/indicator_values", "/narrative"}));
}

TEST(ReportRules, ScaledValuesAreExact) {
  EXPECT_EQ(scaled_e4({375, 1}), 375000);
  EXPECT_EQ(scaled_e4({14, 0}), 140000);
  EXPECT_EQ(scaled_e4({12345, 4}), 12345);
  EXPECT_FALSE(scaled_e4({123456, 5}));
  EXPECT_FALSE(scaled_e4({INT64_MAX, 0}));
}

TEST(ReportRules, StatusesRoundTrip) {
  for (auto s : {ReportStatus::pending, ReportStatus::draft, ReportStatus::submitted, ReportStatus::accepted,
                 ReportStatus::returned})
    EXPECT_EQ(parse_report_status(to_string(s)), s);
  ProgressReport r;
  r.status = ReportStatus::returned;
  EXPECT_TRUE(r.editable());
  r.status = ReportStatus::accepted;
  EXPECT_FALSE(r.editable());
}

TEST(ReportRules, OneReportsSpendingNeverPassesTheWholeAward) {
  auto c = good();
  c.expenditures = {{"line-1", {30000000, kThb}}, {"line-2", {24000000, kThb}}};  // exactly the award
  EXPECT_TRUE(validate(c, award(), kIndicators).empty());
  c.expenditures[1].amount.minor += 1;
  EXPECT_EQ(pointers(validate(c, award(), kIndicators)), (std::vector<std::string>{"/expenditures"}));
}
