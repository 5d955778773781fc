#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/application.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Application& application);
nlohmann::json to_json(const std::vector<domain::BudgetLine>& budget_lines);
nlohmann::json to_json(const std::vector<domain::Target>& targets);
// POST /calls/{id}/applications and PATCH /applications/{id} take the same
// fields; on create, missing ones start empty (a draft may be incomplete).
std::variant<domain::ApplicationPatch, std::vector<domain::FieldError>> parse_application(const nlohmann::json& body);

}  // namespace mswa::api
