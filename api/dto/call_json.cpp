#include "api/dto/call_json.hpp"

#include <nlohmann/json.hpp>

#include "api/dto/money_json.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

namespace {

const std::vector<std::string_view> kFields = {
    "title",     "description",        "currency",           "envelope",  "max_award",
    "opens_at",  "closes_at",          "eligible_countries", "result_codes", "criteria",
    "questions", "reporting_frequency", "funding_source_ids"};

std::optional<domain::Criterion> read_criterion(FieldReader& r) {
  r.reject_unknown({"key", "label", "weight"});
  auto key = r.string("key", Presence::required);
  auto label = r.string("label", Presence::required);
  auto weight = r.integer("weight", Presence::required, 1, 100);
  if (!key || !label || !weight) return std::nullopt;
  return domain::Criterion{*key, *label, static_cast<int>(*weight)};
}

std::optional<domain::Question> read_question(FieldReader& r) {
  r.reject_unknown({"key", "label", "required", "max_length"});
  auto key = r.string("key", Presence::required);
  auto label = r.string("label", Presence::required);
  auto required = r.boolean("required", Presence::optional);
  auto max_length = r.integer("max_length", Presence::optional, 1, 20000);
  if (!key || !label || !r.ok()) return std::nullopt;
  return domain::Question{*key, *label, required.value_or(false), static_cast<int>(max_length.value_or(4000))};
}

// Reads every field present into a patch; `presence` makes them required for a create.
domain::CallPatch read_call(FieldReader& r, Presence presence) {
  r.reject_unknown(kFields);
  domain::CallPatch p;
  p.title = r.string("title", presence);
  p.description = r.string("description", Presence::optional);
  if (auto code = r.string("currency", presence)) {
    p.currency = domain::find_currency(*code);
    if (!p.currency) r.add_unknown_currency("/currency");
  }
  p.envelope = r.money("envelope", presence);
  p.max_award = r.money("max_award", presence);
  p.opens_at = r.instant("opens_at", presence);
  p.closes_at = r.instant("closes_at", presence);
  p.eligible_countries = r.string_array("eligible_countries", presence, 250);
  p.result_codes = r.string_array("result_codes", presence, 11);
  p.criteria = r.objects<domain::Criterion>("criteria", presence, 20, read_criterion);
  p.questions = r.objects<domain::Question>("questions", Presence::optional, 50, read_question);
  if (auto f = r.one_of("reporting_frequency", presence, {"quarterly", "semiannual", "annual"}))
    p.reporting_frequency = domain::parse_reporting_frequency(*f);
  p.funding_source_ids = r.string_array("funding_source_ids", presence, 20);
  return p;
}

}  // namespace

nlohmann::json to_json(const domain::Call& c) {
  const auto& f = c.fields;
  nlohmann::json criteria = nlohmann::json::array();
  for (const auto& x : f.criteria) criteria.push_back({{"key", x.key}, {"label", x.label}, {"weight", x.weight}});
  nlohmann::json questions = nlohmann::json::array();
  for (const auto& q : f.questions)
    questions.push_back({{"key", q.key}, {"label", q.label}, {"required", q.required}, {"max_length", q.max_length}});
  return {{"id", c.id},
          {"title", f.title},
          {"description", f.description},
          {"currency", f.currency.code},
          {"envelope", to_json(f.envelope)},
          {"max_award", to_json(f.max_award)},
          {"opens_at", rfc3339(f.opens_at)},
          {"closes_at", rfc3339(f.closes_at)},
          {"eligible_countries", f.eligible_countries},
          {"result_codes", f.result_codes},
          {"criteria", criteria},
          {"questions", questions},
          {"reporting_frequency", domain::to_string(f.reporting_frequency)},
          {"funding_source_ids", f.funding_source_ids},
          {"status", domain::to_string(c.status)},
          {"created_at", rfc3339(c.created_at)},
          {"updated_at", rfc3339(c.updated_at)},
          {"version", c.version}};
}

std::variant<domain::CallFields, std::vector<domain::FieldError>> parse_new_call(const nlohmann::json& body) {
  FieldReader r(body);
  const auto p = read_call(r, Presence::required);
  domain::CallFields f;
  if (p.currency) {
    // Amounts default to the call's currency so the rules can compare them.
    f.envelope.currency = f.max_award.currency = *p.currency;
  }
  f = domain::apply(f, p);
  if (!r.ok()) {
    auto errors = r.errors();
    // Without the call's currency the money rules would only repeat that.
    if (p.currency) merge_field_errors(errors, domain::validate(f));
    return errors;
  }
  return f;
}

std::variant<domain::CallPatch, std::vector<domain::FieldError>> parse_call_patch(const nlohmann::json& body) {
  FieldReader r(body);
  auto p = read_call(r, Presence::optional);
  if (!r.ok()) return r.errors();
  return p;
}

}  // namespace mswa::api
