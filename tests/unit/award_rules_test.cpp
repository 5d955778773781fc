#include <gtest/gtest.h>

#include "domain/award.hpp"

using namespace mswa::domain;

TEST(Dates, AddMonthsClampsToTheMonthsEnd) {
  EXPECT_EQ(add_months("2027-04-01", 3), "2027-07-01");
  EXPECT_EQ(add_months("2027-01-31", 1), "2027-02-28");
  EXPECT_EQ(add_months("2028-01-31", 1), "2028-02-29");
  EXPECT_EQ(add_months("2027-11-15", 3), "2028-02-15");
  EXPECT_EQ(add_days("2027-07-01", -1), "2027-06-30");
  EXPECT_EQ(add_days("2027-12-31", 30), "2028-01-30");
}

TEST(ReportSchedule, QuarterlyOverAYear) {
  const auto s = report_schedule("2027-04-01", 12, ReportingFrequency::quarterly);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].period_start, "2027-04-01");
  EXPECT_EQ(s[0].period_end, "2027-06-30");
  EXPECT_EQ(s[0].due_on, "2027-07-30");
  EXPECT_EQ(s[3].period_start, "2028-01-01");
  EXPECT_EQ(s[3].period_end, "2028-03-31");
  EXPECT_EQ(s[3].seq, 4);
}

TEST(ReportSchedule, TheLastPeriodStopsAtTheEnd) {
  const auto s = report_schedule("2027-04-01", 10, ReportingFrequency::semiannual);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].period_start, "2027-10-01");
  EXPECT_EQ(s[1].period_end, "2028-01-31");
  EXPECT_EQ(report_schedule("2027-04-01", 24, ReportingFrequency::annual).size(), 2u);
}

TEST(Decision, EnumerationsRoundTrip) {
  for (auto d : {Decision::approve, Decision::reject, Decision::request_changes}) EXPECT_EQ(parse_decision(to_string(d)), d);
  EXPECT_EQ(parse_tranche_condition("report_accepted"), TrancheCondition::report_accepted);
  EXPECT_FALSE(parse_decision("maybe"));
}
