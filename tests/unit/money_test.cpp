#include <gtest/gtest.h>

#include <limits>

#include "domain/money.hpp"

using namespace mswa::domain;

namespace {
const Currency THB = *find_currency("THB");
const Currency USD = *find_currency("USD");
const Currency VND = *find_currency("VND");
}  // namespace

TEST(Money, CurrenciesCarryTheirIsoExponent) {
  EXPECT_EQ(THB.exponent, 2);
  EXPECT_EQ(VND.exponent, 0);
  for (const char* c : {"USD", "EUR", "KHR", "LAK", "MMK", "THB", "VND"}) EXPECT_TRUE(find_currency(c)) << c;
  EXPECT_FALSE(find_currency("thb"));
  EXPECT_FALSE(find_currency("XXX"));
}

TEST(Money, AmountsHaveExactlyTheCurrencysDigits) {
  EXPECT_EQ(parse_amount("150000.00", THB), 15000000);
  EXPECT_EQ(parse_amount("0.05", THB), 5);
  EXPECT_EQ(parse_amount("1500000", VND), 1500000);
  for (const char* bad : {"150000", "150000.0", "150000.000", "1.5e5", " 1.00", "1.00 ", "-1.00", "+1.00", "01.00",
                          ".50", "1.", "", "1,000.00", "١.٠٠"})
    EXPECT_FALSE(parse_amount(bad, THB)) << bad;
  EXPECT_FALSE(parse_amount("1500000.00", VND));
  EXPECT_EQ(parse_amount("-3.25", THB, true), -325);
  EXPECT_FALSE(parse_amount("99999999999999999.99", THB));  // past 18 digits
}

TEST(Money, FormatsRoundTrip) {
  for (const char* text : {"0.00", "0.05", "1.00", "150000.00", "9999999999999999.99"})
    EXPECT_EQ(format_amount(*parse_amount(text, THB), THB), text);
  EXPECT_EQ(format_amount(-5, THB), "-0.05");
  EXPECT_EQ(format_amount(1500000, VND), "1500000");
  EXPECT_EQ(format_amount(std::numeric_limits<std::int64_t>::min(), THB), "-92233720368547758.08");
}

TEST(Decimal, ParsesExactly) {
  EXPECT_EQ(parse_decimal("0.0281"), (Decimal{281, 4}));
  EXPECT_EQ(parse_decimal("36"), (Decimal{36, 0}));
  EXPECT_EQ(format_decimal({281, 4}), "0.0281");
  EXPECT_FALSE(parse_decimal("0.1234567890123"));  // 13 decimals
  EXPECT_FALSE(parse_decimal("1e3"));
  EXPECT_FALSE(parse_decimal("-1"));
  EXPECT_EQ(parse_decimal("-1.5", true), (Decimal{-15, 1}));
}

TEST(Convert, RoundsHalfToEvenOnceAtTheEnd) {
  // 1 THB = 0.0281 USD: 540,000.00 THB = 15,174.00 USD exactly.
  EXPECT_EQ(convert({54000000, THB}, {281, 4}, USD), (Money{1517400, USD}));
  // 0.50 THB * 0.0281 = 0.01405 USD -> 0.01 (half-even on the exact value, not 0.02)
  EXPECT_EQ(convert({50, THB}, {281, 4}, USD)->minor, 1);
  // Exact halves go to the even cent: 1.25 * 0.1 = 0.125 -> 0.12; 1.35 * 0.1 = 0.135 -> 0.14.
  EXPECT_EQ(convert({125, THB}, {1, 1}, USD)->minor, 12);
  EXPECT_EQ(convert({135, THB}, {1, 1}, USD)->minor, 14);
  EXPECT_EQ(convert({-125, THB}, {1, 1}, USD)->minor, -12);
  // Across exponents: 10.00 USD at 25,400 VND per USD = 254,000 VND; back at 0.0000393...
  EXPECT_EQ(convert({1000, USD}, {25400, 0}, VND), (Money{254000, VND}));
  EXPECT_EQ(convert({254000, VND}, {39370, 9}, USD)->minor, 1000);  // 9.99998 -> 10.00
  // Overflow is refused, not wrapped.
  EXPECT_FALSE(convert({std::numeric_limits<std::int64_t>::max(), USD}, {25400, 0}, VND));
}
