#pragma once
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"
#include "domain/review.hpp"

namespace mswa::domain {

struct ReviewsView {
  std::vector<Review> reviews;
  ReviewSummary summary;
};

class ReviewService {
 public:
  ReviewService(Store& store, const Clock& clock);

  // Staff assign a reviewer; the first assignment puts a submitted application under review.
  Result<Assignment> assign(const Actor& actor, const std::string& application_id, const std::string& reviewer_id);
  // The assigned reviewer reviews, once; anybody else meets a 404.
  Result<Review> review(const Principal& who, const std::string& request_id, const std::string& application_id,
                        const ReviewInput& input);
  Result<ReviewsView> reviews(const std::string& application_id);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
