#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/organisation.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Organisation& org);
// The body of POST /organisations; field errors carry JSON pointers.
std::variant<domain::OrganisationFields, std::vector<domain::FieldError>> parse_new_organisation(const nlohmann::json& body);
// The body of PATCH /organisations/{id}: any subset of the fields.
std::variant<domain::OrganisationPatch, std::vector<domain::FieldError>> parse_organisation_patch(const nlohmann::json& body);

}  // namespace mswa::api
