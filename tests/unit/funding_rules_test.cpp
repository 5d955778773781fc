#include <gtest/gtest.h>

#include "domain/calendar_date.hpp"
#include "domain/funding.hpp"
#include "domain/logframe.hpp"

using namespace mswa::domain;

namespace {
std::vector<std::string> pointers(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.pointer);
  return out;
}
FundingSourceFields source() {
  return {"donor", "RCF-2027-14", "Core support", {25000000, *find_currency("USD")}, "2027-01-01", "2028-12-31",
          {"OP1", "OC1"}};
}
}  // namespace

TEST(CalendarDate, RealDatesOnly) {
  for (const char* ok : {"2027-01-01", "2028-02-29", "2000-02-29", "1900-01-01", "2999-12-31"})
    EXPECT_TRUE(is_valid_date(ok)) << ok;
  for (const char* bad : {"2027-02-29", "1900-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "27-01-01",
                          "2027-1-01", "2027/01/01", "2027-01-01T00:00:00Z", "", "1899-12-31", "3000-01-01"})
    EXPECT_FALSE(is_valid_date(bad)) << bad;
  EXPECT_EQ(date_of(1795341600000), "2026-11-22");
  EXPECT_EQ(date_of(0), "1970-01-01");
}

TEST(Indicator, CodeBelongsToItsResult) {
  IndicatorFields f{"OP1.2", "OP1", "Monitors trained", Measure::unit, true, {Dimension::gender}};
  EXPECT_TRUE(validate(f).empty());
  f.code = "OC1.2";
  EXPECT_EQ(pointers(validate(f)), (std::vector<std::string>{"/code"}));
  for (const char* bad : {"OP1", "OP1.", "OP1.x", "OP1.01", "OP1.0", "OP1.1234567890"}) {
    f.code = bad;
    EXPECT_EQ(pointers(validate(f)), (std::vector<std::string>{"/code"})) << bad;
  }
}

TEST(Indicator, DimensionsOnceAndNoneWhenQualitative) {
  IndicatorFields f{"OP6.2", "OP6", "Laws blocked", Measure::qualitative, true, {}};
  EXPECT_TRUE(validate(f).empty());
  f.dimensions = {Dimension::gender};
  EXPECT_EQ(pointers(validate(f)), (std::vector<std::string>{"/dimensions"}));
  f.measure = Measure::unit;
  f.dimensions = {Dimension::gender, Dimension::age_group, Dimension::gender};
  EXPECT_EQ(pointers(validate(f)), (std::vector<std::string>{"/dimensions/2"}));
  EXPECT_EQ(dimension_values(Dimension::gender).size(), 5u);
  EXPECT_EQ(dimension_values(Dimension::age_group).front(), "under_25");
}

TEST(FundingSource, ValidFieldsPass) { EXPECT_TRUE(validate(source()).empty()); }

TEST(FundingSource, EachRuleNamesItsField) {
  auto f = source();
  f.reference = "";
  f.amount.minor = 0;
  f.end_date = "2026-12-31";
  f.result_codes = {"OP1", "OP9", "OP1"};
  EXPECT_EQ(pointers(validate(f)),
            (std::vector<std::string>{"/reference", "/amount/amount", "/end_date", "/result_codes/1", "/result_codes/2"}));
  f = source();
  f.result_codes.clear();
  EXPECT_EQ(pointers(validate(f)), (std::vector<std::string>{"/result_codes"}));
}

TEST(Receipt, SameCurrencyAndPositive) {
  FundingSource s{"id", source(), 1, 0, 0};
  EXPECT_TRUE(validate_receipt({100, *find_currency("USD")}, "2027-01-10", s).empty());
  EXPECT_EQ(pointers(validate_receipt({100, *find_currency("EUR")}, "2027-01-10", s)),
            (std::vector<std::string>{"/amount/currency"}));
  EXPECT_EQ(pointers(validate_receipt({-1, *find_currency("USD")}, "10/01/2027", s)),
            (std::vector<std::string>{"/amount/amount", "/received_on"}));
}

TEST(FxRate, BaseDiffersAndRateIsPositive) {
  EXPECT_TRUE(validate(FxRate{"THB", "2027-01-15", "USD", {281, 4}, 0}).empty());
  EXPECT_EQ(pointers(validate(FxRate{"THB", "2027-01-15", "THB", {0, 0}, 0})),
            (std::vector<std::string>{"/base", "/rate"}));
}
