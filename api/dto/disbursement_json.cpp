#include "api/dto/disbursement_json.hpp"

#include <nlohmann/json.hpp>

#include "api/dto/money_json.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Disbursement& d) {
  nlohmann::json portions = nlohmann::json::array();
  for (const auto& p : d.portions)
    portions.push_back({{"funding_source_id", p.funding_source_id},
                        {"amount", to_json(p.amount)},
                        {"source_amount", to_json(p.source_amount)},
                        {"rate", domain::format_decimal(p.rate)},
                        {"rate_date", p.rate_date}});
  return {{"id", d.id},
          {"award_id", d.award_id},
          {"organisation_id", d.organisation_id},
          {"tranche_id", d.tranche_id},
          {"amount", to_json(d.amount)},
          {"note", d.note},
          {"status", domain::to_string(d.status)},
          {"requested_by", d.requested_by},
          {"requested_at", rfc3339(d.requested_at)},
          {"approved_by", nullable_json(d.approved_by)},
          {"approved_at", nullable_rfc3339(d.approved_at)},
          {"paid_by", nullable_json(d.paid_by)},
          {"paid_at", nullable_rfc3339(d.paid_at)},
          {"paid_on", nullable_json(d.paid_on)},
          {"payment_reference", nullable_json(d.payment_reference)},
          {"portions", portions},
          {"cancelled_by", nullable_json(d.cancelled_by)},
          {"cancelled_at", nullable_rfc3339(d.cancelled_at)},
          {"cancel_reason", nullable_json(d.cancel_reason)},
          {"reversal_requested_by", nullable_json(d.reversal_requested_by)},
          {"reversal_requested_at", nullable_rfc3339(d.reversal_requested_at)},
          {"reversal_reason", nullable_json(d.reversal_reason)},
          {"reversed_by", nullable_json(d.reversed_by)},
          {"reversed_at", nullable_rfc3339(d.reversed_at)},
          {"created_at", rfc3339(d.created_at)},
          {"updated_at", rfc3339(d.updated_at)},
          {"version", d.version}};
}

std::variant<domain::DisbursementInput, std::vector<domain::FieldError>> parse_disbursement(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"tranche_id", "amount", "note"});
  auto tranche = r.string("tranche_id", Presence::required);
  auto amount = r.money("amount", Presence::required);
  auto note = r.string("note", Presence::optional);
  if (!r.ok()) return r.errors();
  return domain::DisbursementInput{*tranche, *amount, note.value_or("")};
}

std::variant<domain::PaymentInput, std::vector<domain::FieldError>> parse_payment(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"paid_on", "payment_reference"});
  auto paid_on = r.string("paid_on", Presence::required);
  auto reference = r.string("payment_reference", Presence::required);
  if (!r.ok()) return r.errors();
  return domain::PaymentInput{*paid_on, *reference};
}

std::variant<std::string, std::vector<domain::FieldError>> parse_reason(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"reason"});
  auto reason = r.string("reason", Presence::required);
  if (!r.ok()) return r.errors();
  return *reason;
}

nlohmann::json to_json(const std::vector<domain::CurrencyTotals>& totals) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : totals) {
    const auto currency = domain::find_currency(t.currency).value_or(domain::Currency{t.currency, 2});
    items.push_back({{"currency", t.currency},
                     {"debits", money_json(t.debits, currency)["amount"]},
                     {"credits", money_json(t.credits, currency)["amount"]},
                     {"net", money_json(t.net(), currency)["amount"]},
                     {"balanced", t.net() == 0}});
  }
  return {{"currencies", items}};
}

}  // namespace mswa::api
