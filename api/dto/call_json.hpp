#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/call.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Call& call);
std::variant<domain::CallFields, std::vector<domain::FieldError>> parse_new_call(const nlohmann::json& body);
std::variant<domain::CallPatch, std::vector<domain::FieldError>> parse_call_patch(const nlohmann::json& body);

}  // namespace mswa::api
