#include "api/dto/award_json.hpp"

#include <nlohmann/json.hpp>

#include "api/dto/application_json.hpp"
#include "api/dto/money_json.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

namespace {

std::optional<domain::TrancheInput> read_tranche(FieldReader& r) {
  r.reject_unknown({"due_on", "amount", "condition"});
  auto due_on = r.string("due_on", Presence::required);
  auto amount = r.money("amount", Presence::required);
  auto condition = r.one_of("condition", Presence::optional, {"none", "report_accepted"});
  if (!due_on || !amount || !r.ok()) return std::nullopt;
  return domain::TrancheInput{*due_on, *amount,
                              condition ? *domain::parse_tranche_condition(*condition) : domain::TrancheCondition::none};
}

std::optional<domain::FundingInput> read_funding(FieldReader& r) {
  r.reject_unknown({"funding_source_id", "amount"});
  auto source = r.string("funding_source_id", Presence::required);
  auto amount = r.money("amount", Presence::required);
  if (!source || !amount) return std::nullopt;
  return domain::FundingInput{*source, *amount};
}

}  // namespace

nlohmann::json to_json(const domain::Award& a) {
  nlohmann::json tranches = nlohmann::json::array();
  for (const auto& t : a.tranches)
    tranches.push_back({{"id", t.id},
                        {"seq", t.seq},
                        {"due_on", t.due_on},
                        {"amount", to_json(t.amount)},
                        {"condition", domain::to_string(t.condition)}});
  nlohmann::json funding = nlohmann::json::array();
  for (const auto& f : a.allocations)
    funding.push_back({{"id", f.id},
                       {"funding_source_id", f.funding_source_id},
                       {"amount", to_json(f.amount)},
                       {"source_amount", to_json(f.source_amount)},
                       {"rate", domain::format_decimal(f.rate)},
                       {"rate_date", f.rate_date}});
  return {{"id", a.id},
          {"reference", a.reference},
          {"application_id", a.application_id},
          {"call_id", a.call_id},
          {"organisation_id", a.organisation_id},
          {"amount", to_json(a.amount)},
          {"start_date", a.start_date},
          {"end_date", a.end_date},
          {"decided_on", a.decided_on},
          {"tranches", tranches},
          {"funding", funding},
          {"budget_lines", to_json(a.budget_lines)},
          {"targets", to_json(a.targets)},
          {"created_at", rfc3339(a.created_at)}};
}

nlohmann::json to_json(const domain::AwardView& v) {
  auto j = to_json(v.award);
  const auto& c = v.award.amount.currency;
  j["totals"] = {{"awarded", money_json(v.totals.awarded, c)},   {"requested", money_json(v.totals.requested, c)},
                 {"approved", money_json(v.totals.approved, c)}, {"paid", money_json(v.totals.paid, c)},
                 {"spent", money_json(v.totals.spent, c)},       {"remaining", money_json(v.totals.remaining(), c)}};
  return j;
}

std::variant<domain::DecisionInput, std::vector<domain::FieldError>> parse_decision(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"decision", "reason", "amount", "tranches", "funding"});
  domain::DecisionInput d;
  auto decision = r.one_of("decision", Presence::required, {"approve", "reject", "request_changes"});
  auto reason = r.string("reason", Presence::required);
  d.amount = r.money("amount", Presence::optional);
  auto tranches = r.objects<domain::TrancheInput>("tranches", Presence::optional, 24, read_tranche);
  auto funding = r.objects<domain::FundingInput>("funding", Presence::optional, 20, read_funding);
  if (!r.ok()) return r.errors();
  d.decision = *domain::parse_decision(*decision);
  d.reason = *reason;
  if (tranches) d.tranches = *tranches;
  if (funding) d.funding = *funding;
  if (d.decision != domain::Decision::approve && (d.amount || !d.tranches.empty() || !d.funding.empty()))
    return std::vector<domain::FieldError>{
        {"/decision", "only an approval takes amount, tranches and funding", "only_for_approval"}};
  return d;
}

}  // namespace mswa::api
