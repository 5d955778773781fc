#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/logframe_service.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Indicator& indicator);
// {"results": [{code, kind, title, indicators: [...]}, ...]}
nlohmann::json to_json(const domain::LogframeView& view);
std::variant<domain::IndicatorFields, std::vector<domain::FieldError>> parse_new_indicator(const nlohmann::json& body);

}  // namespace mswa::api
