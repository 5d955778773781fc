#include "api/dto/logframe_json.hpp"

#include <nlohmann/json.hpp>

#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Indicator& i) {
  nlohmann::json dims = nlohmann::json::array();
  for (auto d : i.fields.dimensions) dims.push_back(domain::to_string(d));
  return {{"code", i.fields.code},
          {"result_code", i.fields.result_code},
          {"title", i.fields.title},
          {"measure", domain::to_string(i.fields.measure)},
          {"ascending", i.fields.ascending},
          {"dimensions", dims}};
}

nlohmann::json to_json(const domain::LogframeView& view) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : view.results) {
    nlohmann::json indicators = nlohmann::json::array();
    for (const auto& i : view.indicators)
      if (i.fields.result_code == r.code) indicators.push_back(to_json(i));
    results.push_back({{"code", r.code}, {"kind", domain::to_string(r.kind)}, {"title", r.title}, {"indicators", indicators}});
  }
  return {{"results", results}};
}

std::variant<domain::IndicatorFields, std::vector<domain::FieldError>> parse_new_indicator(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"code", "result_code", "title", "measure", "ascending", "dimensions"});
  domain::IndicatorFields f;
  auto code = r.string("code", Presence::required);
  auto result_code = r.string("result_code", Presence::required);
  auto title = r.string("title", Presence::required);
  auto measure = r.one_of("measure", Presence::required, {"unit", "percentage", "qualitative"});
  auto ascending = r.boolean("ascending", Presence::optional);
  auto dimensions = r.string_array("dimensions", Presence::optional, 3);
  if (dimensions) {
    for (std::size_t i = 0; i < dimensions->size(); ++i) {
      if (auto d = domain::parse_dimension((*dimensions)[i])) f.dimensions.push_back(*d);
      else r.add_error("/dimensions/" + std::to_string(i), "must be one of: gender, migrant_status, age_group",
                       "not_one_of", {{"allowed", "gender migrant_status age_group"}});
    }
  }
  if (code) f.code = *code;
  if (result_code) f.result_code = *result_code;
  if (title) f.title = *title;
  if (measure) f.measure = *domain::parse_measure(*measure);
  f.ascending = ascending.value_or(true);
  if (!r.ok()) return r.errors();
  return f;
}

}  // namespace mswa::api
