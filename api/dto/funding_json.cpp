#include "api/dto/funding_json.hpp"

#include <nlohmann/json.hpp>

#include "api/dto/money_json.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::FundingSource& s) {
  const auto& f = s.fields;
  return {{"id", s.id},
          {"donor_organisation_id", f.donor_organisation_id},
          {"reference", f.reference},
          {"title", f.title},
          {"amount", to_json(f.amount)},
          {"start_date", f.start_date},
          {"end_date", f.end_date},
          {"result_codes", f.result_codes},
          {"created_at", rfc3339(s.created_at)},
          {"updated_at", rfc3339(s.updated_at)},
          {"version", s.version}};
}

nlohmann::json to_json(const domain::FundingSourceView& v) {
  auto j = to_json(v.source);
  const auto& currency = v.source.fields.amount.currency;
  j["balances"] = {{"received", money_json(v.balances.received, currency)},
                   {"allocated", money_json(v.balances.allocated, currency)},
                   {"disbursed", money_json(v.balances.disbursed, currency)},
                   {"spent", money_json(v.balances.spent, currency)},
                   {"available", money_json(v.balances.available, currency)}};
  return j;
}

nlohmann::json to_json(const domain::Receipt& r) {
  return {{"id", r.id},
          {"funding_source_id", r.funding_source_id},
          {"amount", to_json(r.amount)},
          {"received_on", r.received_on},
          {"created_at", rfc3339(r.created_at)}};
}

nlohmann::json to_json(const domain::FxRate& r) {
  return {{"currency", r.currency},
          {"date", r.date},
          {"base", r.base},
          {"rate", domain::format_decimal(r.rate)},
          {"updated_at", rfc3339(r.updated_at)}};
}

std::variant<domain::FundingSourceFields, std::vector<domain::FieldError>> parse_new_funding_source(
    const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"donor_organisation_id", "reference", "title", "amount", "start_date", "end_date", "result_codes"});
  domain::FundingSourceFields f;
  auto donor = r.string("donor_organisation_id", Presence::required);
  auto reference = r.string("reference", Presence::required);
  auto title = r.string("title", Presence::required);
  auto amount = r.money("amount", Presence::required);
  auto start = r.string("start_date", Presence::required);
  auto end = r.string("end_date", Presence::required);
  auto results = r.string_array("result_codes", Presence::required, 11);
  if (donor) f.donor_organisation_id = *donor;
  if (reference) f.reference = *reference;
  if (title) f.title = *title;
  if (amount) f.amount = *amount;
  if (start) f.start_date = *start;
  if (end) f.end_date = *end;
  if (results) f.result_codes = *results;
  if (!r.ok()) {
    auto errors = r.errors();
    if (amount) merge_field_errors(errors, domain::validate(f));
    return errors;
  }
  return f;
}

}  // namespace mswa::api
