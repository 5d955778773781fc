#include "domain/call.hpp"

#include <algorithm>

#include "domain/country.hpp"
#include "domain/logframe.hpp"
#include "domain/text.hpp"

namespace mswa::domain {

std::string_view to_string(CallStatus s) {
  switch (s) {
    case CallStatus::draft: return "draft";
    case CallStatus::open: return "open";
    case CallStatus::closed: return "closed";
  }
  return "draft";
}

std::string_view to_string(ReportingFrequency f) {
  switch (f) {
    case ReportingFrequency::quarterly: return "quarterly";
    case ReportingFrequency::semiannual: return "semiannual";
    case ReportingFrequency::annual: return "annual";
  }
  return "quarterly";
}

std::optional<ReportingFrequency> parse_reporting_frequency(std::string_view s) {
  for (auto f : {ReportingFrequency::quarterly, ReportingFrequency::semiannual, ReportingFrequency::annual})
    if (to_string(f) == s) return f;
  return std::nullopt;
}

namespace {


// Keys name answers and scores in JSON: lower-case letters, digits and '_'.
bool is_key(const std::string& k) {
  if (k.empty() || k.size() > 40 || k.front() < 'a' || k.front() > 'z') return false;
  return std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

FieldError bad_key(std::string pointer) {
  return {std::move(pointer), "must be lower-case letters, digits or _ (at most 40)", "invalid_key"};
}


template <class T, class Key>
bool seen_before(const std::vector<T>& items, std::size_t i, Key key) {
  for (std::size_t j = 0; j < i; ++j)
    if (key(items[j]) == key(items[i])) return true;
  return false;
}

std::string at(const char* list, std::size_t i, const char* field = nullptr) {
  return std::string(list) + "/" + std::to_string(i) + (field ? std::string("/") + field : "");
}

}  // namespace

CallFields apply(CallFields b, const CallPatch& p) {
  if (p.title) b.title = *p.title;
  if (p.description) b.description = *p.description;
  if (p.currency) b.currency = *p.currency;
  if (p.envelope) b.envelope = *p.envelope;
  if (p.max_award) b.max_award = *p.max_award;
  if (p.opens_at) b.opens_at = *p.opens_at;
  if (p.closes_at) b.closes_at = *p.closes_at;
  if (p.eligible_countries) b.eligible_countries = *p.eligible_countries;
  if (p.result_codes) b.result_codes = *p.result_codes;
  if (p.criteria) b.criteria = *p.criteria;
  if (p.questions) b.questions = *p.questions;
  if (p.reporting_frequency) b.reporting_frequency = *p.reporting_frequency;
  if (p.funding_source_ids) b.funding_source_ids = *p.funding_source_ids;
  return b;
}

std::vector<FieldError> validate(const CallFields& f) {
  std::vector<FieldError> e;
  if (auto bad = check_text(f.title, "/title", 1, 300)) e.push_back(*bad);
  if (auto bad = check_text(f.description, "/description", 0, 20000, Lines::multi)) e.push_back(*bad);
  const std::string& currency = f.currency.code;
  if (f.envelope.currency != f.currency)
    e.push_back(wrong_currency("/envelope/currency", "must be the call's currency", currency));
  else if (f.envelope.minor <= 0) e.push_back(not_positive("/envelope/amount"));
  if (f.max_award.currency != f.currency)
    e.push_back(wrong_currency("/max_award/currency", "must be the call's currency", currency));
  else if (f.max_award.minor <= 0) e.push_back(not_positive("/max_award/amount"));
  else if (f.envelope.currency == f.currency && f.envelope.minor > 0 && f.max_award.minor > f.envelope.minor)
    e.push_back({"/max_award/amount", "must not exceed the envelope", "over_envelope", {{"max", money_text(f.envelope)}}});
  if (f.closes_at <= f.opens_at) e.push_back({"/closes_at", "must be after opens_at", "end_before_start"});

  if (f.eligible_countries.empty()) e.push_back(too_few_items("/eligible_countries", "must name at least one country"));
  for (std::size_t i = 0; i < f.eligible_countries.size(); ++i) {
    if (!is_iso_country(f.eligible_countries[i]))
      e.push_back({at("/eligible_countries", i), "must be an ISO 3166-1 alpha-2 code", "invalid_country"});
    else if (seen_before(f.eligible_countries, i, [](const std::string& c) { return c; }))
      e.push_back(listed_twice(at("/eligible_countries", i)));
  }
  if (f.result_codes.empty()) e.push_back(too_few_items("/result_codes", "must name at least one logframe result"));
  for (std::size_t i = 0; i < f.result_codes.size(); ++i) {
    if (!is_logframe_result_code(f.result_codes[i]))
      e.push_back({at("/result_codes", i), "is not a logframe result (OC1-OC5, OP1-OP6)", "unknown_result"});
    else if (seen_before(f.result_codes, i, [](const std::string& c) { return c; }))
      e.push_back(listed_twice(at("/result_codes", i)));
  }

  if (f.criteria.empty() || f.criteria.size() > 20) {
    const std::string detail = "must have 1 to 20 criteria";
    e.push_back(f.criteria.empty() ? too_few_items("/criteria", detail) : too_many_items("/criteria", detail, 20));
  }
  int total_weight = 0;
  for (std::size_t i = 0; i < f.criteria.size(); ++i) {
    const auto& c = f.criteria[i];
    if (!is_key(c.key)) e.push_back(bad_key(at("/criteria", i, "key")));
    else if (seen_before(f.criteria, i, [](const Criterion& x) { return x.key; }))
      e.push_back(listed_twice(at("/criteria", i, "key"), "is used twice"));
    if (auto bad = check_text(c.label, at("/criteria", i, "label"), 1, 300)) e.push_back(*bad);
    if (c.weight < 1 || c.weight > 100) e.push_back(out_of_range(at("/criteria", i, "weight"), "must be 1 to 100", 1, 100));
    total_weight += c.weight;
  }
  if (!f.criteria.empty() && total_weight != 100)
    e.push_back({"/criteria", "the weights must add up to 100", "weights_not_100", {{"total", std::to_string(total_weight)}}});

  if (f.questions.size() > 50) e.push_back(too_many_items("/questions", "must have at most 50 questions", 50));
  for (std::size_t i = 0; i < f.questions.size(); ++i) {
    const auto& q = f.questions[i];
    if (!is_key(q.key)) e.push_back(bad_key(at("/questions", i, "key")));
    else if (seen_before(f.questions, i, [](const Question& x) { return x.key; }))
      e.push_back(listed_twice(at("/questions", i, "key"), "is used twice"));
    if (auto bad = check_text(q.label, at("/questions", i, "label"), 1, 1000)) e.push_back(*bad);
    if (q.max_length < 1 || q.max_length > 20000)
      e.push_back(out_of_range(at("/questions", i, "max_length"), "must be 1 to 20000", 1, 20000));
  }

  if (f.funding_source_ids.empty())
    e.push_back(too_few_items("/funding_source_ids", "must name at least one funding source"));
  for (std::size_t i = 0; i < f.funding_source_ids.size(); ++i)
    if (seen_before(f.funding_source_ids, i, [](const std::string& s) { return s; }))
      e.push_back(listed_twice(at("/funding_source_ids", i)));
  return e;
}

}  // namespace mswa::domain
