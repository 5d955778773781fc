#include "domain/progress_report.hpp"

#include <algorithm>
#include <set>

#include "domain/text.hpp"

#include "domain/wide_int.hpp"

namespace mswa::domain {

std::string_view to_string(ReportStatus s) {
  switch (s) {
    case ReportStatus::pending: return "pending";
    case ReportStatus::draft: return "draft";
    case ReportStatus::submitted: return "submitted";
    case ReportStatus::accepted: return "accepted";
    case ReportStatus::returned: return "returned";
  }
  return "pending";
}

std::optional<ReportStatus> parse_report_status(std::string_view s) {
  for (auto v : {ReportStatus::pending, ReportStatus::draft, ReportStatus::submitted, ReportStatus::accepted,
                 ReportStatus::returned})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::optional<std::int64_t> scaled_e4(const Decimal& d) {
  if (d.scale > 4) return std::nullopt;
  i128 v = d.mantissa;
  for (int i = d.scale; i < 4; ++i) v *= 10;
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

namespace {

constexpr std::size_t kMaxValues = 1000;
constexpr std::size_t kMaxNarrative = 20000;

const Indicator* find_indicator(const std::vector<Indicator>& indicators, const std::string& code) {
  for (const auto& i : indicators)
    if (i.fields.code == code) return &i;
  return nullptr;
}

bool targets(const Award& award, const std::string& code) {
  return std::any_of(award.targets.begin(), award.targets.end(),
                     [&](const Target& t) { return t.indicator_code == code; });
}

void check_value(const IndicatorValue& v, const Indicator& indicator, const std::string& at,
                 std::vector<FieldError>& e) {
  const auto measure = indicator.fields.measure;
  if (measure == Measure::qualitative) {
    if (auto bad = check_text(v.value, at + "/value", 1, 2000, Lines::multi)) e.push_back(*bad);
    return;
  }
  const auto number = parse_decimal(v.value);
  if (!number) {
    e.push_back({at + "/value", "must be a non-negative decimal string such as \"14\" or \"37.5\"", "not_a_decimal"});
  } else if (!scaled_e4(*number)) {
    e.push_back({at + "/value", "must have at most four decimals", "too_many_decimals", {{"max", "4"}}});
  } else if (measure == Measure::percentage && *scaled_e4(*number) > 100 * 10000) {
    e.push_back(out_of_range(at + "/value", "is a percentage: at most 100", 0, 100));
  }
}

void check_dimensions(const IndicatorValue& v, const Indicator& indicator, const std::string& at,
                      std::vector<FieldError>& e) {
  const auto& allowed = indicator.fields.dimensions;
  for (const auto& [dimension, value] : v.dimensions) {
    const std::string where = at + "/dimensions/" + std::string(to_string(dimension));
    if (std::find(allowed.begin(), allowed.end(), dimension) == allowed.end()) {
      e.push_back({where, "is not a dimension of " + indicator.fields.code, "unknown_dimension",
                   {{"indicator", indicator.fields.code}}});
      continue;
    }
    const auto& values = dimension_values(dimension);
    if (std::find(values.begin(), values.end(), value) == values.end()) {
      e.push_back({where, "must be one of " + join(values, ", "), "not_one_of", {{"allowed", join(values, " ")}}});
    }
  }
}

}  // namespace

std::vector<FieldError> validate(const ReportContent& c, const Award& award, const std::vector<Indicator>& indicators) {
  std::vector<FieldError> e;
  if (auto bad = check_text(c.narrative, "/narrative", 0, kMaxNarrative, Lines::multi)) e.push_back(*bad);

  if (c.indicator_values.size() > kMaxValues)
    e.push_back(too_many_items("/indicator_values", "must have at most " + std::to_string(kMaxValues) + " values",
                               kMaxValues));
  std::set<std::pair<std::string, std::map<Dimension, std::string>>> cells;
  std::map<std::string, std::set<Dimension>> breakdown;  // the dimensions each indicator's first cell used
  for (std::size_t i = 0; i < c.indicator_values.size() && i < kMaxValues; ++i) {
    const auto& v = c.indicator_values[i];
    const std::string at = "/indicator_values/" + std::to_string(i);
    const Indicator* indicator = find_indicator(indicators, v.indicator_code);
    if (!indicator || !targets(award, v.indicator_code)) {
      e.push_back({at + "/indicator_code", "must be an indicator this award targets", "unknown_indicator",
                   {{"indicator", v.indicator_code}}});
      continue;
    }
    check_dimensions(v, *indicator, at, e);
    check_value(v, *indicator, at, e);
    if (!cells.insert({v.indicator_code, v.dimensions}).second)
      e.push_back(listed_twice(at, "repeats a value already given for " + v.indicator_code + " with these dimensions"));
    std::set<Dimension> used;
    for (const auto& d : v.dimensions) used.insert(d.first);
    auto [first, fresh] = breakdown.emplace(v.indicator_code, used);
    if (!fresh && first->second != used)
      e.push_back({at + "/dimensions",
                   "must break " + v.indicator_code +
                       " down by the same dimensions as its other values, so they add up",
                   "inconsistent_dimensions", {{"indicator", v.indicator_code}}});
  }

  std::set<std::string> lines_seen;
  const std::size_t errors_before_spending = e.size();
  for (std::size_t i = 0; i < c.expenditures.size(); ++i) {
    const auto& x = c.expenditures[i];
    const std::string at = "/expenditures/" + std::to_string(i);
    const bool known = std::any_of(award.budget_lines.begin(), award.budget_lines.end(),
                                   [&](const BudgetLine& l) { return l.id == x.budget_line_id; });
    if (!known) e.push_back({at + "/budget_line_id", "must be a budget line of this award", "unknown_budget_line"});
    else if (!lines_seen.insert(x.budget_line_id).second) e.push_back(listed_twice(at + "/budget_line_id"));
    if (x.amount.currency != award.amount.currency)
      e.push_back(wrong_currency(at + "/amount/currency", "must be the award's currency, " + award.amount.currency.code,
                                 award.amount.currency.code));
    else if (x.amount.minor < 0)
      e.push_back({at + "/amount/amount", "must not be negative", "negative"});
  }
  // One report's spending never passes the whole award: beyond it the figure
  // is a typing error, and booking it could overflow the ledger's sums.
  if (e.size() == errors_before_spending) {
    i128 total = 0;
    for (const auto& x : c.expenditures) total += x.amount.minor;
    if (total > award.amount.minor)
      e.push_back({"/expenditures", "must not add up to more than the award's " + money_text(award.amount),
                   "spending_exceeds_award", {{"max", money_text(award.amount)}}});
  }
  return e;
}

std::vector<FieldError> validate_submission(const ReportContent& c, const Award& award) {
  std::vector<FieldError> e;
  if (c.narrative.empty()) e.push_back(required("/narrative", "is required to submit"));
  for (const auto& t : award.targets) {
    const bool given = std::any_of(c.indicator_values.begin(), c.indicator_values.end(),
                                   [&](const IndicatorValue& v) { return v.indicator_code == t.indicator_code; });
    if (!given)
      e.push_back({"/indicator_values", "needs a value for " + t.indicator_code + ", which the award targets",
                   "missing_indicator_value", {{"indicator", t.indicator_code}}});
  }
  return e;
}

}  // namespace mswa::domain
