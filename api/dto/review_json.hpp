#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/review_service.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Assignment& assignment);
nlohmann::json to_json(const domain::Review& review);
// {"items": [...], "next_cursor": null, "summary": {weighted_score, reviews_count, recused_count}}
nlohmann::json to_json(const domain::ReviewsView& view);
std::variant<domain::ReviewInput, std::vector<domain::FieldError>> parse_review(const nlohmann::json& body);

}  // namespace mswa::api
