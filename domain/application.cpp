#include "domain/application.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"
#include "domain/text.hpp"

namespace mswa::domain {

namespace {
constexpr std::pair<ApplicationStatus, std::string_view> kStatuses[] = {
    {ApplicationStatus::draft, "draft"},
    {ApplicationStatus::submitted, "submitted"},
    {ApplicationStatus::under_review, "under_review"},
    {ApplicationStatus::approved, "approved"},
    {ApplicationStatus::rejected, "rejected"},
    {ApplicationStatus::changes_requested, "changes_requested"},
    {ApplicationStatus::withdrawn, "withdrawn"},
};
constexpr std::pair<BudgetCategory, std::string_view> kCategories[] = {
    {BudgetCategory::personnel, "personnel"}, {BudgetCategory::activities, "activities"},
    {BudgetCategory::travel, "travel"},       {BudgetCategory::equipment, "equipment"},
    {BudgetCategory::administration, "administration"}, {BudgetCategory::other, "other"},
};

}  // namespace

std::string_view to_string(ApplicationStatus s) {
  for (const auto& [status, name] : kStatuses)
    if (status == s) return name;
  return "draft";
}

std::optional<ApplicationStatus> parse_application_status(std::string_view s) {
  for (const auto& [status, name] : kStatuses)
    if (name == s) return status;
  return std::nullopt;
}

std::string_view to_string(BudgetCategory c) {
  for (const auto& [category, name] : kCategories)
    if (category == c) return name;
  return "other";
}

std::optional<BudgetCategory> parse_budget_category(std::string_view s) {
  for (const auto& [category, name] : kCategories)
    if (name == s) return category;
  return std::nullopt;
}

ApplicationContent apply(ApplicationContent b, const ApplicationPatch& p) {
  if (p.title) b.title = *p.title;
  if (p.summary) b.summary = *p.summary;
  if (p.requested) b.requested = *p.requested;
  if (p.start_date) b.start_date = *p.start_date;
  if (p.duration_months) b.duration_months = *p.duration_months;
  if (p.answers) b.answers = *p.answers;
  if (p.budget_lines) b.budget_lines = *p.budget_lines;
  if (p.targets) b.targets = *p.targets;
  return b;
}

std::vector<FieldError> validate_draft(const ApplicationContent& c, const Call& call) {
  std::vector<FieldError> e;
  if (auto bad = check_text(c.title, "/title", 0, 300)) e.push_back(*bad);
  if (auto bad = check_text(c.summary, "/summary", 0, 5000, Lines::multi)) e.push_back(*bad);
  if (c.requested && c.requested->minor <= 0) e.push_back(not_positive("/requested/amount"));
  if (c.start_date && !is_valid_date(*c.start_date)) e.push_back(not_a_date("/start_date"));
  if (c.duration_months && (*c.duration_months < 1 || *c.duration_months > 60))
    e.push_back(out_of_range("/duration_months", "must be 1 to 60", 1, 60));
  for (const auto& [key, answer] : c.answers) {
    const auto q = std::find_if(call.fields.questions.begin(), call.fields.questions.end(),
                                [&](const Question& x) { return x.key == key; });
    const std::string at = "/answers/" + pointer_token(key);
    if (q == call.fields.questions.end()) e.push_back({at, "is not a question of this call", "unknown_question"});
    else if (auto bad = check_text(answer, at, 0, static_cast<std::size_t>(q->max_length), Lines::multi))
      e.push_back(*bad);
  }
  if (c.budget_lines.size() > 100) e.push_back(too_many_items("/budget_lines", "must have at most 100 lines", 100));
  for (std::size_t i = 0; i < c.budget_lines.size(); ++i) {
    const auto& line = c.budget_lines[i];
    const std::string at = "/budget_lines/" + std::to_string(i);
    if (auto bad = check_text(line.description, at + "/description", 0, 500)) e.push_back(*bad);
    if (line.amount.currency != call.fields.currency)
      e.push_back(wrong_currency(at + "/amount/currency", "must be the call's currency, " + call.fields.currency.code,
                                 call.fields.currency.code));
    else if (line.amount.minor <= 0) e.push_back(not_positive(at + "/amount/amount"));
  }
  if (c.targets.size() > 50) e.push_back(too_many_items("/targets", "must have at most 50 targets", 50));
  for (std::size_t i = 0; i < c.targets.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (c.targets[j].indicator_code == c.targets[i].indicator_code)
        e.push_back(listed_twice("/targets/" + std::to_string(i) + "/indicator_code"));
  return e;
}

std::vector<FieldError> validate_submission(const ApplicationContent& c, const Call& call, const Organisation& org,
                                            const std::vector<Indicator>& indicators, EpochMs now) {
  std::vector<FieldError> e = validate_draft(c, call);
  const auto& f = call.fields;
  if (!call.accepting(now)) {
    // Past closes_at is "closed" to the applicant even before staff close the call.
    const bool closed = call.status == CallStatus::closed || (call.status == CallStatus::open && now >= f.closes_at);
    e.push_back({"/call_id", "the call does not take submissions now", closed ? "call_closed" : "call_not_open"});
  }
  if (std::find(f.eligible_countries.begin(), f.eligible_countries.end(), org.fields.country) == f.eligible_countries.end())
    e.push_back({"/organisation_id", "organisations in " + org.fields.country + " are not eligible for this call",
                 "country_not_eligible", {{"country", org.fields.country}}});
  if (c.title.empty()) e.push_back(required("/title"));
  if (c.summary.empty()) e.push_back(required("/summary"));
  if (!c.start_date) e.push_back(required("/start_date"));
  if (!c.duration_months) e.push_back(required("/duration_months"));

  if (!c.requested) {
    e.push_back(required("/requested"));
  } else if (c.requested->currency != f.currency) {
    e.push_back(wrong_currency("/requested/currency", "must be the call's currency, " + f.currency.code, f.currency.code));
  } else {
    if (c.requested->minor > f.max_award.minor)
      e.push_back({"/requested/amount", "must not exceed the call's maximum award of " + money_text(f.max_award),
                   "over_max_award", {{"max", money_text(f.max_award)}}});
    if (c.budget_lines.empty()) {
      e.push_back(too_few_items("/budget_lines", "must have at least one line"));
    } else {
      i128 total = 0;  // 128 bits: whatever the lines hold, the sum cannot overflow
      for (const auto& line : c.budget_lines) total += line.amount.minor;
      if (total != c.requested->minor)
        e.push_back({"/budget_lines",
                     "add up to " + sum_text(total, f.currency) + ", not the " +
                         format_amount(c.requested->minor, f.currency) + " requested",
                     "budget_mismatch",
                     {{"total", sum_money_text(total, f.currency)},
                      {"requested", money_text(*c.requested)}}});
    }
  }

  for (const auto& q : f.questions)
    if (q.required && (!c.answers.count(q.key) || c.answers.at(q.key).empty()))
      e.push_back(required("/answers/" + q.key));

  for (std::size_t i = 0; i < c.targets.size(); ++i) {
    const auto& t = c.targets[i];
    const auto ind = std::find_if(indicators.begin(), indicators.end(),
                                  [&](const Indicator& x) { return x.fields.code == t.indicator_code; });
    const bool of_call = ind != indicators.end() && std::find(f.result_codes.begin(), f.result_codes.end(),
                                                              ind->fields.result_code) != f.result_codes.end();
    if (!of_call)
      e.push_back({"/targets/" + std::to_string(i) + "/indicator_code", "must be an indicator of the call's results",
                   "unknown_indicator", {{"indicator", t.indicator_code}}});
  }
  return e;
}

}  // namespace mswa::domain
