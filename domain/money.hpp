#pragma once
// Money in integer minor units of one currency; never a double. Amounts travel
// as decimal strings with exactly the currency's ISO 4217 digits.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/wide_int.hpp"

namespace mswa::domain {

// Currencies the alliance handles, with their ISO 4217 minor-unit exponents.
struct Currency {
  std::string code;  // "THB"
  int exponent = 2;  // digits after the decimal point
  friend bool operator==(const Currency&, const Currency&) = default;
};

std::optional<Currency> find_currency(std::string_view code);

struct Money {
  std::int64_t minor = 0;
  Currency currency;
  friend bool operator==(const Money&, const Money&) = default;
};

// The largest amount the service records, in minor units (10^15: ten
// trillion baht). Every sum of a request's amounts then fits in 64 bits.
inline constexpr std::int64_t kMaxAmountMinor = 1'000'000'000'000'000;

// "150000.00" in THB -> 15000000. Exactly the currency's digits, no sign
// unless allow_negative, no exponent, no spaces; nullopt otherwise.
std::optional<std::int64_t> parse_amount(std::string_view text, const Currency& currency, bool allow_negative = false);
std::string format_amount(std::int64_t minor, const Currency& currency);
// A sum of amounts, added in 128 bits, for a message: its amount, or "more
// than can be recorded" when it is beyond 64 bits.
std::string sum_text(i128 minor, const Currency& currency);
// The same with the currency code, "150000.00 THB", as a message's parameter.
std::string sum_money_text(i128 minor, const Currency& currency);
// "150000.00 THB": an amount as people read it in messages and the audit trail.
std::string money_text(std::int64_t minor, const Currency& currency);
inline std::string money_text(const Money& m) { return money_text(m.minor, m.currency); }

// An exact decimal: value = mantissa / 10^scale. Used for FX rates and
// indicator values.
struct Decimal {
  std::int64_t mantissa = 0;
  int scale = 0;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// "0.0281" -> {281, 4}. At most 18 significant digits and 12 decimals; nullopt otherwise.
std::optional<Decimal> parse_decimal(std::string_view text, bool allow_negative = false);
std::string format_decimal(const Decimal& d);

// Converts `amount` into `to` at `rate` (1 unit of amount's currency = rate
// units of `to`), rounding half to even once, at the end. nullopt on overflow.
std::optional<Money> convert(const Money& amount, const Decimal& rate, const Currency& to);

}  // namespace mswa::domain
