#include "domain/award.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "domain/calendar_date.hpp"
#include "domain/text.hpp"

namespace mswa::domain {

std::string_view to_string(Decision d) {
  switch (d) {
    case Decision::approve: return "approve";
    case Decision::reject: return "reject";
    case Decision::request_changes: return "request_changes";
  }
  return "reject";
}

std::optional<Decision> parse_decision(std::string_view s) {
  for (auto d : {Decision::approve, Decision::reject, Decision::request_changes})
    if (to_string(d) == s) return d;
  return std::nullopt;
}

std::string_view to_string(TrancheCondition c) { return c == TrancheCondition::none ? "none" : "report_accepted"; }

std::optional<TrancheCondition> parse_tranche_condition(std::string_view s) {
  if (s == "none") return TrancheCondition::none;
  if (s == "report_accepted") return TrancheCondition::report_accepted;
  return std::nullopt;
}

namespace {

// Callers pass dates already validated; anything else is a bug.
std::chrono::year_month_day ymd_of(const std::string& date) {
  const auto ymd = parse_date(date);
  if (!ymd) throw std::invalid_argument("not a date: " + date);
  return *ymd;
}

}  // namespace

std::string add_months(const std::string& date, int months) {
  auto ymd = ymd_of(date);
  auto moved = ymd.year() / ymd.month() / std::chrono::day{1} + std::chrono::months{months};
  const auto last = std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}}.day();
  return date_text(moved.year() / moved.month() / std::min(ymd.day(), last));
}

std::string add_days(const std::string& date, int days) {
  return date_text(std::chrono::year_month_day{std::chrono::sys_days{ymd_of(date)} + std::chrono::days{days}});
}

std::vector<ReportPeriod> report_schedule(const std::string& start_date, int duration_months, ReportingFrequency f) {
  const int step = f == ReportingFrequency::quarterly ? 3 : f == ReportingFrequency::semiannual ? 6 : 12;
  const std::string end = add_days(add_months(start_date, duration_months), -1);
  std::vector<ReportPeriod> periods;
  for (int offset = 0, seq = 1; offset < duration_months; offset += step, ++seq) {
    std::string period_end = add_days(add_months(start_date, std::min(offset + step, duration_months)), -1);
    if (period_end > end) period_end = end;
    periods.push_back({seq, add_months(start_date, offset), period_end, add_days(period_end, 30)});
  }
  return periods;
}

std::vector<FieldError> validate_approval(const DecisionInput& d, const Application& app, const Call& call) {
  std::vector<FieldError> e;
  const auto& currency = call.fields.currency;
  if (!d.amount) {
    e.push_back(required("/amount", "is required to approve"));
  } else if (d.amount->currency != currency) {
    e.push_back(wrong_currency("/amount/currency", "must be the call's currency, " + currency.code, currency.code));
  } else if (d.amount->minor <= 0) {
    e.push_back(not_positive("/amount/amount"));
  } else if (app.content.requested && d.amount->minor > app.content.requested->minor) {
    e.push_back({"/amount/amount",
                 "must not exceed the " + format_amount(app.content.requested->minor, currency) + " requested",
                 "over_requested", {{"max", money_text(*app.content.requested)}}});
  }
  if (!app.content.start_date || !app.content.duration_months)
    e.push_back({"", "the application has no start date or duration", "no_schedule"});

  if (d.tranches.empty()) e.push_back(too_few_items("/tranches", "must have at least one tranche"));
  i128 tranche_total = 0;  // 128 bits: the sums cannot overflow
  for (std::size_t i = 0; i < d.tranches.size(); ++i) {
    const auto& t = d.tranches[i];
    const std::string at = "/tranches/" + std::to_string(i);
    if (!is_valid_date(t.due_on)) e.push_back(not_a_date(at + "/due_on"));
    else if (i > 0 && is_valid_date(d.tranches[i - 1].due_on) && t.due_on < d.tranches[i - 1].due_on)
      e.push_back({at + "/due_on", "must not come before the tranche before it", "out_of_order"});
    if (t.amount.currency != currency)
      e.push_back(wrong_currency(at + "/amount/currency", "must be the call's currency", currency.code));
    else if (t.amount.minor <= 0) e.push_back(not_positive(at + "/amount/amount"));
    tranche_total += t.amount.minor;
  }
  if (d.amount && !d.tranches.empty() && tranche_total != d.amount->minor)
    e.push_back({"/tranches", "add up to " + sum_text(tranche_total, currency) + ", not the amount approved",
                 "tranches_mismatch",
                 {{"total", sum_money_text(tranche_total, currency)}, {"amount", money_text(*d.amount)}}});

  if (d.funding.empty()) e.push_back(too_few_items("/funding", "must name at least one funding source"));
  i128 funding_total = 0;
  for (std::size_t i = 0; i < d.funding.size(); ++i) {
    const auto& f = d.funding[i];
    const std::string at = "/funding/" + std::to_string(i);
    const auto& sources = call.fields.funding_source_ids;
    if (std::find(sources.begin(), sources.end(), f.funding_source_id) == sources.end())
      e.push_back({at + "/funding_source_id", "must be one of the call's funding sources", "not_a_call_funding_source"});
    for (std::size_t j = 0; j < i; ++j)
      if (d.funding[j].funding_source_id == f.funding_source_id) e.push_back(listed_twice(at + "/funding_source_id"));
    if (f.amount.currency != currency)
      e.push_back(wrong_currency(at + "/amount/currency", "must be the call's currency", currency.code));
    else if (f.amount.minor <= 0) e.push_back(not_positive(at + "/amount/amount"));
    funding_total += f.amount.minor;
  }
  if (d.amount && !d.funding.empty() && funding_total != d.amount->minor)
    e.push_back({"/funding", "adds up to " + sum_text(funding_total, currency) + ", not the amount approved",
                 "funding_mismatch",
                 {{"total", sum_money_text(funding_total, currency)}, {"amount", money_text(*d.amount)}}});
  return e;
}

std::vector<FieldError> validate_tranche_conditions(const DecisionInput& d, const std::vector<ReportPeriod>& schedule) {
  std::vector<FieldError> e;
  for (std::size_t i = 0; i < d.tranches.size(); ++i) {
    const auto& t = d.tranches[i];
    if (t.condition != TrancheCondition::report_accepted) continue;
    const bool has_period = std::any_of(schedule.begin(), schedule.end(),
                                        [&](const ReportPeriod& p) { return p.period_end < t.due_on; });
    if (!has_period)
      e.push_back({"/tranches/" + std::to_string(i) + "/condition",
                   "waits for a report, but no reporting period ends before " + t.due_on, "no_report_before",
                   {{"due_on", t.due_on}}});
  }
  return e;
}

}  // namespace mswa::domain
