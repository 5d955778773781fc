#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/award_service.hpp"
#include "domain/decision_service.hpp"

namespace mswa::api {

// The award with its tranches, funding allocations, budget lines and targets.
nlohmann::json to_json(const domain::Award& award);
// The same with its totals: awarded, requested, approved, paid, spent, remaining.
nlohmann::json to_json(const domain::AwardView& view);
std::variant<domain::DecisionInput, std::vector<domain::FieldError>> parse_decision(const nlohmann::json& body);

}  // namespace mswa::api
