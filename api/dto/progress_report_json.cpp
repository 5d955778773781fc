#include "api/dto/progress_report_json.hpp"

#include <nlohmann/json.hpp>

#include "api/dto/money_json.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"
#include "domain/text.hpp"

namespace mswa::api {

namespace {

std::optional<domain::IndicatorValue> read_value(FieldReader& r) {
  r.reject_unknown({"indicator_code", "dimensions", "value"});
  auto code = r.string("indicator_code", Presence::required);
  auto dimensions = r.string_map("dimensions", Presence::optional, 3);
  auto value = r.string("value", Presence::required);
  if (!code || !value || !r.ok()) return std::nullopt;
  domain::IndicatorValue v{*code, {}, *value};
  for (const auto& [name, chosen] : dimensions.value_or(std::map<std::string, std::string>{})) {
    const auto d = domain::parse_dimension(name);
    if (!d) {
      r.add_error(r.pointer("dimensions") + "/" + domain::pointer_token(name),
                  "must be gender, migrant_status or age_group", "not_one_of",
                  {{"allowed", "gender migrant_status age_group"}});
      continue;
    }
    v.dimensions[*d] = chosen;
  }
  if (!r.ok()) return std::nullopt;
  return v;
}

std::optional<domain::Expenditure> read_expenditure(FieldReader& r) {
  r.reject_unknown({"budget_line_id", "amount"});
  auto line = r.string("budget_line_id", Presence::required);
  auto amount = r.money("amount", Presence::required);
  if (!line || !amount) return std::nullopt;
  return domain::Expenditure{*line, *amount};
}

}  // namespace

nlohmann::json to_json(const domain::ProgressReport& r, bool with_content) {
  nlohmann::json j = {{"id", r.id},
                      {"award_id", r.award_id},
                      {"organisation_id", r.organisation_id},
                      {"seq", r.period.seq},
                      {"period_start", r.period.period_start},
                      {"period_end", r.period.period_end},
                      {"due_on", r.period.due_on},
                      {"status", domain::to_string(r.status)},
                      {"submitted_at", nullable_rfc3339(r.submitted_at)},
                      {"decided_at", nullable_rfc3339(r.decided_at)},
                      {"return_reason", nullable_json(r.return_reason)},
                      {"version", r.version}};
  if (!with_content) return j;
  nlohmann::json values = nlohmann::json::array();
  for (const auto& v : r.content.indicator_values) {
    nlohmann::json dimensions = nlohmann::json::object();
    for (const auto& [d, chosen] : v.dimensions) dimensions[std::string(domain::to_string(d))] = chosen;
    values.push_back({{"indicator_code", v.indicator_code}, {"dimensions", dimensions}, {"value", v.value}});
  }
  nlohmann::json expenditures = nlohmann::json::array();
  for (const auto& x : r.content.expenditures)
    expenditures.push_back({{"budget_line_id", x.budget_line_id}, {"amount", to_json(x.amount)}});
  j["narrative"] = r.content.narrative;
  j["indicator_values"] = values;
  j["expenditures"] = expenditures;
  return j;
}

std::variant<domain::ReportContent, std::vector<domain::FieldError>> parse_report_content(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"narrative", "indicator_values", "expenditures"});
  auto narrative = r.string("narrative", Presence::required);
  auto values = r.objects<domain::IndicatorValue>("indicator_values", Presence::required, 1000, read_value);
  auto expenditures = r.objects<domain::Expenditure>("expenditures", Presence::required, 100, read_expenditure);
  if (!r.ok()) return r.errors();
  return domain::ReportContent{*narrative, *values, *expenditures};
}

}  // namespace mswa::api
