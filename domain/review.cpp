#include "domain/review.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace mswa::domain {

std::string_view to_string(Recommendation r) {
  switch (r) {
    case Recommendation::fund: return "fund";
    case Recommendation::fund_with_changes: return "fund_with_changes";
    case Recommendation::decline: return "decline";
  }
  return "decline";
}

std::optional<Recommendation> parse_recommendation(std::string_view s) {
  for (auto r : {Recommendation::fund, Recommendation::fund_with_changes, Recommendation::decline})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::vector<FieldError> validate(const ReviewInput& r, const Call& call) {
  std::vector<FieldError> e;
  if (auto bad = check_text(r.comment, "/comment", 0, 5000, Lines::multi)) e.push_back(*bad);
  if (r.conflict_of_interest) {
    if (!r.scores.empty())
      e.push_back({"/scores", "a reviewer with a conflict of interest gives no scores", "recused_no_scores"});
    if (r.recommendation)
      e.push_back({"/recommendation", "a reviewer with a conflict of interest recommends nothing",
                   "recused_no_recommendation"});
    return e;
  }
  for (const auto& c : call.fields.criteria) {
    const auto it = r.scores.find(c.key);
    if (it == r.scores.end()) e.push_back(required("/scores/" + c.key));
    else if (it->second < 0 || it->second > 5) e.push_back(out_of_range("/scores/" + c.key, "must be 0 to 5", 0, 5));
  }
  for (const auto& [key, score] : r.scores) {
    const bool known = std::any_of(call.fields.criteria.begin(), call.fields.criteria.end(),
                                   [&](const Criterion& c) { return c.key == key; });
    if (!known) e.push_back({"/scores/" + pointer_token(key), "is not a criterion of this call", "unknown_criterion"});
  }
  if (!r.recommendation) e.push_back(required("/recommendation"));
  return e;
}

ReviewSummary summarise(const std::vector<Review>& reviews, const Call& call) {
  ReviewSummary s;
  long long total = 0;  // sum over reviews of sum(score * weight): hundredths of a point
  for (const auto& r : reviews) {
    if (r.input.conflict_of_interest) {
      ++s.recused_count;
      continue;
    }
    ++s.reviews_count;
    for (const auto& c : call.fields.criteria)
      if (auto it = r.input.scores.find(c.key); it != r.input.scores.end()) total += static_cast<long long>(it->second) * c.weight;
  }
  if (s.reviews_count > 0) {
    // mean = total / (100 * n) points; two decimals = total / n hundredths, half to even.
    const long long n = s.reviews_count;
    long long q = total / n;
    const long long r = total % n;
    if (2 * r > n || (2 * r == n && q % 2 == 1)) ++q;
    s.weighted_score = Decimal{q, 2};
  }
  return s;
}

}  // namespace mswa::domain
