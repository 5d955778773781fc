#pragma once
// Peer review: staff assign reviewers (never from the applicant
// organisation); each reviewer declares a conflict of interest or scores
// every criterion 0-5, once. Recused reviews count nowhere.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/call.hpp"
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"

namespace mswa::domain {

enum class Recommendation { fund, fund_with_changes, decline };
std::string_view to_string(Recommendation r);
std::optional<Recommendation> parse_recommendation(std::string_view s);

struct Assignment {
  std::string id;
  std::string application_id;
  std::string reviewer_id;
  EpochMs created_at = 0;
};

struct ReviewInput {
  bool conflict_of_interest = false;
  std::map<std::string, int> scores;  // criterion key -> 0..5
  std::string comment;
  std::optional<Recommendation> recommendation;
};

struct Review {
  std::string id;
  std::string application_id;
  std::string reviewer_id;
  ReviewInput input;
  EpochMs created_at = 0;
};

struct ReviewSummary {
  std::optional<Decimal> weighted_score;  // 0.00-5.00, two decimals; none before a scored review
  int reviews_count = 0;                  // reviews that scored
  int recused_count = 0;                  // reviews that declared a conflict
};

// A recused review gives no scores; any other scores every criterion of the
// call 0-5 and recommends.
std::vector<FieldError> validate(const ReviewInput& r, const Call& call);

// Each scoring review's weighted score is sum(score * weight) / 100; the
// summary is their mean, rounded half to even once, to two decimals.
ReviewSummary summarise(const std::vector<Review>& reviews, const Call& call);

}  // namespace mswa::domain
