#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/decision_service.hpp"

namespace mswa::api {

// The award with its tranches, funding allocations and totals.
nlohmann::json to_json(const domain::Award& award);
nlohmann::json to_json(const domain::StoredReport& report);
std::variant<domain::DecisionInput, std::vector<domain::FieldError>> parse_decision(const nlohmann::json& body);

}  // namespace mswa::api
