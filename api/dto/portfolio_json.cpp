#include "api/dto/portfolio_json.hpp"

#include <nlohmann/json.hpp>

#include "api/dto/money_json.hpp"

namespace mswa::api {

namespace {

// A count and a sum of money in one currency.
nlohmann::json currency_json(const domain::CurrencyAmount& c) {
  const auto currency = domain::find_currency(c.currency).value_or(domain::Currency{c.currency, 2});
  return {{"count", c.count}, {"amount", money_json(c.amount, currency)}};
}

nlohmann::json overdue_json(const domain::OverdueReport& r) {
  return {{"report_id", r.report_id},
          {"award_id", r.award_id},
          {"award_reference", r.award_reference},
          {"organisation_id", r.organisation_id},
          {"organisation_name", r.organisation_name},
          {"period_start", r.period_start},
          {"period_end", r.period_end},
          {"due_on", r.due_on},
          {"status", r.status},
          {"days_overdue", r.days_overdue}};
}

nlohmann::json tranche_json(const domain::TrancheDue& t) {
  return {{"tranche_id", t.tranche_id},
          {"award_id", t.award_id},
          {"award_reference", t.award_reference},
          {"organisation_id", t.organisation_id},
          {"organisation_name", t.organisation_name},
          {"seq", t.seq},
          {"due_on", t.due_on},
          {"condition", t.condition},
          {"amount", to_json(t.amount)},
          {"committed", money_json(t.committed, t.amount.currency)},
          {"paid", money_json(t.paid, t.amount.currency)}};
}

template <class T, class F>
nlohmann::json array_of(const std::vector<T>& items, F&& render) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(render(item));
  return out;
}

}  // namespace

nlohmann::json to_json(const domain::Portfolio& p) {
  return {{"as_of", p.as_of},
          {"applications", array_of(p.applications,
                                    [](const domain::StatusCount& s) {
                                      return nlohmann::json{{"status", s.status}, {"count", s.count}};
                                    })},
          {"awards", array_of(p.awards, currency_json)},
          {"disbursed", array_of(p.disbursed, currency_json)},
          {"overdue_reports", array_of(p.overdue_reports, overdue_json)},
          {"tranches_due", array_of(p.tranches_due, tranche_json)}};
}

}  // namespace mswa::api
