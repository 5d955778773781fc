// The summary as the API's JSON: money as {"currency","amount"} with the
// currency's digits, indicator figures as decimal strings, and every figure
// that may be withheld as {"value": "...", "suppressed": false} or
// {"suppressed": true} with no value.
//
// Money that may be withheld (a listed award's, the unlisted awards', a
// month's) is {"currency": "USD", "suppressed": true}, with no amount, when
// it is; shown, it has the same {"currency","amount"} shape as money that is
// always published, so a reader checks one thing: an "amount" is there or
// not. What holds the money says so too: "money_suppressed" on an award and
// on unlisted_awards, "suppressed" on a month, "by_country_suppressed".
#include <nlohmann/json.hpp>

#include "reports/renderers.hpp"

namespace mswa::reports {

namespace {

using nlohmann::json;

json money(const domain::Money& m) {
  return {{"currency", m.currency.code}, {"amount", domain::format_amount(m.minor, m.currency)}};
}

json withheld_money(const domain::Currency& currency) { return {{"currency", currency.code}, {"suppressed", true}}; }

json money_unless(bool withheld, const domain::Money& m) { return withheld ? withheld_money(m.currency) : money(m); }

json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json cell(const Cell& c) {
  if (c.suppressed()) return {{"suppressed", true}};
  return {{"value", format_e4(*c.e4)}, {"suppressed", false}};
}

json indicator(const PublishedIndicator& i) {
  json out{{"code", i.code}, {"title", i.title}, {"measure", domain::to_string(i.measure)}, {"ascending", i.ascending}};
  if (i.measure == domain::Measure::qualitative) {
    out["baseline"] = out["target"] = out["actual"] = out["achievement_percent"] = nullptr;
    out["disaggregations"] = json::array();
    return out;
  }
  out["baseline"] = cell(i.baseline);
  out["target"] = cell(i.target);
  out["actual"] = cell(i.actual);
  out["achievement_percent"] = optional_text(i.achievement_percent);
  json breakdowns = json::array();
  for (const auto& b : i.breakdowns) {
    json categories = json::array();
    for (const auto& c : b.categories) {
      json entry = cell(c.value);
      entry["category"] = c.category;
      categories.push_back(std::move(entry));
    }
    breakdowns.push_back({{"dimension", domain::to_string(b.dimension)}, {"categories", std::move(categories)}});
  }
  out["disaggregations"] = std::move(breakdowns);
  return out;
}

json award(const PublishedAward& a, const domain::Currency& source_currency) {
  const bool w = a.money_withheld;
  // This source's money is in the source's currency, whatever the zeroed
  // figures of a withheld award were left holding.
  const auto source_money = [&](const domain::Money& m) { return w ? withheld_money(source_currency) : money(m); };
  return {{"id", a.id},
          {"reference", a.reference},
          {"title", a.title},
          {"recipient",
           {{"name", a.recipient.label},
            {"name_en", a.recipient.label_en},
            {"named", a.recipient.named},
            {"country", a.recipient.country}}},
          {"start_date", a.start_date},
          {"end_date", a.end_date},
          {"decided_on", a.decided_on},
          {"money_suppressed", w},
          {"amount", money_unless(w, a.amount)},
          {"funded_by_source", money_unless(w, a.share)},
          {"allocated", source_money(a.allocated)},
          {"disbursed", source_money(a.disbursed)},
          {"spent", source_money(a.spent)}};
}

}  // namespace

std::string summary_json(const PublishedSummary& s) {
  json receipts = json::array();
  for (const auto& r : s.receipts) receipts.push_back({{"received_on", r.received_on}, {"amount", money(r.amount)}});
  json countries = json::array();
  for (const auto& c : s.countries)
    countries.push_back({{"country", c.country.empty() ? json(nullptr) : json(c.country)},
                         {"name", country_label(c)},
                         {"allocated", money(c.allocated)},
                         {"disbursed", money(c.disbursed)},
                         {"spent", money(c.spent)}});
  json months = json::array();
  for (const auto& m : s.months) {
    if (m.withheld)
      months.push_back({{"month", m.month}, {"suppressed", true}});
    else
      months.push_back(
          {{"month", m.month}, {"suppressed", false}, {"disbursed", money(m.disbursed)}, {"spent", money(m.spent)}});
  }
  json results = json::array();
  for (const auto& r : s.results) {
    json indicators = json::array();
    for (const auto& i : r.indicators) indicators.push_back(indicator(i));
    results.push_back({{"code", r.code},
                       {"kind", domain::to_string(r.kind)},
                       {"title", r.title},
                       {"indicators", std::move(indicators)}});
  }
  json awards = json::array();
  for (const auto& a : s.awards) awards.push_back(award(a, s.currency));
  const UnlistedAwards& u = s.unlisted;
  json unlisted = cell(u.count);
  unlisted["money_suppressed"] = u.money_withheld;
  unlisted["allocated"] = u.money_withheld ? withheld_money(s.currency) : money(u.allocated);
  unlisted["disbursed"] = u.money_withheld ? withheld_money(s.currency) : money(u.disbursed);
  unlisted["spent"] = u.money_withheld ? withheld_money(s.currency) : money(u.spent);
  json narratives = json::array();
  for (const auto& n : s.narratives)
    narratives.push_back({{"award_reference", n.award_reference},
                          {"recipient", n.recipient},
                          {"period_start", n.period_start},
                          {"period_end", n.period_end},
                          {"excerpt", n.text},
                          {"truncated", n.truncated}});

  json out{{"preview", s.preview},
           {"funding_source",
            {{"id", s.source_id},
             {"reference", s.source_reference},
             {"title", s.source_title},
             {"amount", money(s.source_amount)},
             {"start_date", s.source_start_date},
             {"end_date", s.source_end_date},
             {"result_codes", s.source_result_codes}}},
           {"donor", {{"id", s.donor_id}, {"name", s.donor_name}, {"country", s.donor_country}}},
           {"prepared_by", {{"name", s.alliance_name}, {"identifier", s.alliance_ref}}},
           {"as_of", s.as_of},
           {"generated_at", s.generated_at},
           {"currency", s.currency.code},
           {"totals",
            {{"received", money(s.received)},
             {"allocated", money(s.allocated)},
             {"disbursed", money(s.disbursed)},
             {"spent", money(s.spent)},
             {"available", money(s.available)}}},
           {"burn_rate",
            {{"spent_of_disbursed_percent", optional_text(s.burn_rate.spent_of_disbursed_percent)},
             {"disbursed_of_allocated_percent", optional_text(s.burn_rate.disbursed_of_allocated_percent)},
             {"months_elapsed", s.burn_rate.months_elapsed},
             {"average_monthly_spent", money(s.burn_rate.average_monthly_spent)}}},
           {"receipts", std::move(receipts)},
           {"by_country", std::move(countries)},
           {"by_country_suppressed", s.countries_withheld},
           {"by_month", std::move(months)},
           {"by_result", std::move(results)},
           {"awards", std::move(awards)},
           {"unlisted_awards", std::move(unlisted)},
           {"narratives", std::move(narratives)}};
  if (s.edition)
    out["edition"] = {{"period_end", s.edition->period_end},
                      {"published_at", s.edition->published_at},
                      {"previous_period_end", optional_text(s.edition->previous_period_end)}};
  return out.dump();
}

}  // namespace mswa::reports
