#include "domain/money.hpp"

#include <array>
#include <limits>

#include "domain/wide_int.hpp"

namespace mswa::domain {
namespace {

constexpr std::array<std::pair<std::string_view, int>, 8> kCurrencies{{
    {"EUR", 2}, {"GBP", 2}, {"KHR", 2}, {"LAK", 2}, {"MMK", 2}, {"THB", 2}, {"USD", 2}, {"VND", 0},
}};

i128 pow10(int n) {
  i128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// Divides, rounding half to even.
i128 divide_half_even(i128 numerator, i128 denominator) {
  const bool negative = (numerator < 0) != (denominator < 0);
  i128 n = numerator < 0 ? -numerator : numerator;
  const i128 d = denominator < 0 ? -denominator : denominator;
  i128 q = n / d;
  const i128 r = n % d;
  if (2 * r > d || (2 * r == d && q % 2 == 1)) ++q;
  return negative ? -q : q;
}

// Digits with an optional sign and at most one '.'; returns digits-before and -after.
bool split_number(std::string_view text, bool allow_negative, bool& negative, std::string_view& whole,
                  std::string_view& fraction, bool& has_point) {
  negative = false;
  if (!text.empty() && text.front() == '-') {
    if (!allow_negative) return false;
    negative = true;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  has_point = dot != std::string_view::npos;
  whole = text.substr(0, dot);
  fraction = has_point ? text.substr(dot + 1) : std::string_view{};
  if (whole.empty() || (has_point && fraction.empty())) return false;
  if (whole.size() > 1 && whole.front() == '0') return false;  // no leading zeros
  for (char c : whole)
    if (c < '0' || c > '9') return false;
  for (char c : fraction)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<Currency> find_currency(std::string_view code) {
  for (const auto& [c, exponent] : kCurrencies)
    if (c == code) return Currency{std::string(c), exponent};
  return std::nullopt;
}

std::optional<std::int64_t> parse_amount(std::string_view text, const Currency& currency, bool allow_negative) {
  bool negative = false, has_point = false;
  std::string_view whole, fraction;
  if (!split_number(text, allow_negative, negative, whole, fraction, has_point)) return std::nullopt;
  if (static_cast<int>(fraction.size()) != currency.exponent || (currency.exponent == 0 && has_point)) return std::nullopt;
  if (whole.size() + fraction.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  for (char c : fraction) value = value * 10 + (c - '0');
  return negative ? -value : value;
}

std::string format_amount(std::int64_t minor, const Currency& currency) {
  const bool negative = minor < 0;
  // Work in unsigned so the most negative value formats too.
  std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  std::string digits = std::to_string(v);
  if (currency.exponent > 0) {
    const auto e = static_cast<std::size_t>(currency.exponent);
    if (digits.size() <= e) digits = std::string(e - digits.size() + 1, '0') + digits;
    digits.insert(digits.end() - static_cast<std::ptrdiff_t>(e), '.');
  }
  if (negative) digits.insert(digits.begin(), '-');
  return digits;
}

std::string sum_text(i128 minor, const Currency& currency) {
  if (minor > INT64_MAX || minor < INT64_MIN) return "more than can be recorded";
  return format_amount(static_cast<std::int64_t>(minor), currency);
}

std::string sum_money_text(i128 minor, const Currency& currency) {
  if (minor > INT64_MAX || minor < INT64_MIN) return sum_text(minor, currency);
  return money_text(static_cast<std::int64_t>(minor), currency);
}

std::string money_text(std::int64_t minor, const Currency& currency) {
  return format_amount(minor, currency) + " " + currency.code;
}

std::optional<Decimal> parse_decimal(std::string_view text, bool allow_negative) {
  bool negative = false, has_point = false;
  std::string_view whole, fraction;
  if (!split_number(text, allow_negative, negative, whole, fraction, has_point)) return std::nullopt;
  if (fraction.size() > 12 || whole.size() + fraction.size() > 18) return std::nullopt;
  std::int64_t mantissa = 0;
  for (char c : whole) mantissa = mantissa * 10 + (c - '0');
  for (char c : fraction) mantissa = mantissa * 10 + (c - '0');
  return Decimal{negative ? -mantissa : mantissa, static_cast<int>(fraction.size())};
}

std::string format_decimal(const Decimal& d) {
  return format_amount(d.mantissa, Currency{"", d.scale});
}

std::optional<Money> convert(const Money& amount, const Decimal& rate, const Currency& to) {
  // amount.minor / 10^e_from * rate.mantissa / 10^scale * 10^e_to
  i128 numerator = static_cast<i128>(amount.minor) * rate.mantissa * pow10(to.exponent);
  const i128 denominator = pow10(rate.scale + amount.currency.exponent);
  const i128 result = divide_half_even(numerator, denominator);
  if (result > std::numeric_limits<std::int64_t>::max() || result < std::numeric_limits<std::int64_t>::min())
    return std::nullopt;
  return Money{static_cast<std::int64_t>(result), to};
}

}  // namespace mswa::domain
