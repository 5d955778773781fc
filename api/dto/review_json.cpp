#include "api/dto/review_json.hpp"

#include <nlohmann/json.hpp>

#include "api/json_body.hpp"
#include "api/responses.hpp"
#include "domain/text.hpp"

namespace mswa::api {

nlohmann::json to_json(const domain::Assignment& a) {
  return {{"id", a.id}, {"application_id", a.application_id}, {"reviewer_id", a.reviewer_id}, {"created_at", rfc3339(a.created_at)}};
}

nlohmann::json to_json(const domain::Review& r) {
  return {{"id", r.id},
          {"application_id", r.application_id},
          {"reviewer_id", r.reviewer_id},
          {"conflict_of_interest", r.input.conflict_of_interest},
          {"scores", r.input.scores},
          {"comment", r.input.comment},
          {"recommendation", r.input.recommendation ? nlohmann::json(domain::to_string(*r.input.recommendation))
                                                    : nlohmann::json(nullptr)},
          {"created_at", rfc3339(r.created_at)}};
}

nlohmann::json to_json(const domain::ReviewsView& view) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : view.reviews) items.push_back(to_json(r));
  const auto& s = view.summary;
  return {{"items", items},
          {"next_cursor", nullptr},
          {"summary",
           {{"weighted_score", s.weighted_score ? nlohmann::json(domain::format_decimal(*s.weighted_score))
                                                : nlohmann::json(nullptr)},
            {"reviews_count", s.reviews_count},
            {"recused_count", s.recused_count}}}};
}

std::variant<domain::ReviewInput, std::vector<domain::FieldError>> parse_review(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown({"conflict_of_interest", "scores", "comment", "recommendation"});
  domain::ReviewInput input;
  input.conflict_of_interest = r.boolean("conflict_of_interest", Presence::required).value_or(false);
  input.comment = r.string("comment", Presence::optional).value_or("");
  if (auto rec = r.one_of("recommendation", Presence::optional, {"fund", "fund_with_changes", "decline"}))
    input.recommendation = domain::parse_recommendation(*rec);
  if (body.contains("scores")) {
    const auto& scores = body.at("scores");
    if (!scores.is_object()) {
      r.add_error("/scores", "must be an object of criterion key -> score 0 to 5", "wrong_type", {{"expected", "object"}});
    } else {
      for (const auto& [key, score] : scores.items()) {
        const bool huge = score.is_number_unsigned() && score.get<unsigned long long>() > 1000;
        if (!score.is_number_integer() || huge || score.get<long long>() < -1000 || score.get<long long>() > 1000)
          r.add_error(r.pointer("scores") + "/" + domain::pointer_token(key), "must be a whole number 0 to 5",
                      score.is_number_integer() ? "out_of_range" : "wrong_type",
                      score.is_number_integer() ? domain::range_params(0, 5) : domain::Params{{"expected", "integer"}});
        else input.scores[key] = static_cast<int>(score.get<long long>());
      }
    }
  }
  if (!r.ok()) return r.errors();
  return input;
}

}  // namespace mswa::api
