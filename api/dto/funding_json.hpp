#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/funding_service.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::FundingSource& source);
// The detail view: the source plus balances{received, allocated, disbursed, available}.
nlohmann::json to_json(const domain::FundingSourceView& view);
nlohmann::json to_json(const domain::Receipt& receipt);
nlohmann::json to_json(const domain::FxRate& rate);

std::variant<domain::FundingSourceFields, std::vector<domain::FieldError>> parse_new_funding_source(
    const nlohmann::json& body);

}  // namespace mswa::api
