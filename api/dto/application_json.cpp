#include "api/dto/application_json.hpp"

#include <nlohmann/json.hpp>

#include "api/dto/money_json.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

namespace {

std::optional<domain::BudgetLine> read_budget_line(FieldReader& r) {
  r.reject_unknown({"category", "description", "amount"});
  auto category = r.one_of("category", Presence::required,
                           {"personnel", "activities", "travel", "equipment", "administration", "other"});
  auto description = r.string("description", Presence::optional);
  auto amount = r.money("amount", Presence::required);
  if (!category || !amount || !r.ok()) return std::nullopt;
  return domain::BudgetLine{"", *domain::parse_budget_category(*category), description.value_or(""), *amount};
}

std::optional<domain::Target> read_target(FieldReader& r) {
  r.reject_unknown({"indicator_code", "baseline", "target"});
  auto code = r.string("indicator_code", Presence::required);
  auto baseline = r.decimal("baseline", Presence::required);
  auto target = r.decimal("target", Presence::required);
  if (!code || !baseline || !target) return std::nullopt;
  return domain::Target{*code, *baseline, *target};
}

}  // namespace

nlohmann::json to_json(const std::vector<domain::BudgetLine>& budget_lines) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : budget_lines)
    lines.push_back({{"id", l.id},
                     {"category", domain::to_string(l.category)},
                     {"description", l.description},
                     {"amount", to_json(l.amount)}});
  return lines;
}

nlohmann::json to_json(const std::vector<domain::Target>& targets) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : targets)
    out.push_back({{"indicator_code", t.indicator_code},
                   {"baseline", domain::format_decimal(t.baseline)},
                   {"target", domain::format_decimal(t.target)}});
  return out;
}

nlohmann::json to_json(const domain::Application& a) {
  const auto& c = a.content;
  return {{"id", a.id},
          {"call_id", a.call_id},
          {"organisation_id", a.organisation_id},
          {"title", c.title},
          {"summary", c.summary},
          {"requested", c.requested ? to_json(*c.requested) : nlohmann::json(nullptr)},
          {"start_date", nullable_json(c.start_date)},
          {"duration_months", nullable_json(c.duration_months)},
          {"answers", c.answers},
          {"budget_lines", to_json(c.budget_lines)},
          {"targets", to_json(c.targets)},
          {"status", domain::to_string(a.status)},
          {"submitted_at", nullable_rfc3339(a.submitted_at)},
          {"created_at", rfc3339(a.created_at)},
          {"updated_at", rfc3339(a.updated_at)},
          {"version", a.version}};
}

std::variant<domain::ApplicationPatch, std::vector<domain::FieldError>> parse_application(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"title", "summary", "requested", "start_date", "duration_months", "answers", "budget_lines", "targets"});
  domain::ApplicationPatch p;
  p.title = r.string("title", Presence::optional);
  p.summary = r.string("summary", Presence::optional);
  p.requested = r.money("requested", Presence::optional);
  p.start_date = r.string("start_date", Presence::optional);
  if (auto months = r.integer("duration_months", Presence::optional, 1, 60)) p.duration_months = static_cast<int>(*months);
  p.answers = r.string_map("answers", Presence::optional, 50);
  p.budget_lines = r.objects<domain::BudgetLine>("budget_lines", Presence::optional, 100, read_budget_line);
  p.targets = r.objects<domain::Target>("targets", Presence::optional, 50, read_target);
  if (!r.ok()) return r.errors();
  return p;
}

}  // namespace mswa::api
