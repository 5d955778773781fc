#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "persistence/ids.hpp"
#include "persistence/repositories.hpp"

namespace mswa::persistence {

using domain::Assignment;
using domain::EpochMs;
using domain::Review;

namespace {

constexpr const char* kReviewColumns =
    "id, application_id, reviewer_id, conflict_of_interest, scores, comment, recommendation, created_at";

struct ReviewRow {
  std::string id, application_id, reviewer_id, scores, comment, recommendation;
  int conflict = 0;
  long long created_at = 0;
  soci::indicator recommendation_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(application_id));
    st.exchange(soci::into(reviewer_id));
    st.exchange(soci::into(conflict));
    st.exchange(soci::into(scores));
    st.exchange(soci::into(comment));
    st.exchange(soci::into(recommendation, recommendation_ind));
    st.exchange(soci::into(created_at));
  }

  Review to_domain() const {
    Review r{id, application_id, reviewer_id, {}, created_at};
    r.input.conflict_of_interest = conflict != 0;
    r.input.scores = nlohmann::json::parse(scores).get<std::map<std::string, int>>();
    r.input.comment = comment;
    if (recommendation_ind == soci::i_ok) r.input.recommendation = domain::parse_recommendation(recommendation);
    return r;
  }
};

}  // namespace

Assignment SociReviewRepository::assign(const std::string& application_id, const std::string& reviewer_id,
                                        EpochMs now) {
  return guarded(ctx_, [&] {
    Assignment a{new_uuid(), application_id, reviewer_id, now};
    ctx_.sql << "INSERT INTO review_assignments (id, application_id, reviewer_id, created_at) "
                "VALUES (:id, :app, :reviewer, :now)",
        soci::use(a.id, "id"), soci::use(application_id, "app"), soci::use(reviewer_id, "reviewer"),
        soci::use(now, "now");
    return a;
  });
}

std::optional<Assignment> SociReviewRepository::assignment_for(const std::string& application_id,
                                                               const std::string& reviewer_id) {
  return guarded(ctx_, [&]() -> std::optional<Assignment> {
    Assignment a{"", application_id, reviewer_id, 0};
    long long created_at = 0;
    ctx_.sql << "SELECT id, created_at FROM review_assignments WHERE application_id = :app AND reviewer_id = :reviewer",
        soci::use(application_id, "app"), soci::use(reviewer_id, "reviewer"), soci::into(a.id), soci::into(created_at);
    if (!ctx_.sql.got_data()) return std::nullopt;
    a.created_at = created_at;
    return a;
  });
}

Review SociReviewRepository::add_review(const Assignment& assignment, const domain::ReviewInput& input, EpochMs now) {
  return guarded(ctx_, [&] {
    Review r{new_uuid(), assignment.application_id, assignment.reviewer_id, input, now};
    const int conflict = input.conflict_of_interest ? 1 : 0;
    const std::string scores = nlohmann::json(input.scores).dump();
    const std::string recommendation = input.recommendation ? std::string(domain::to_string(*input.recommendation)) : "";
    soci::indicator recommendation_ind = input.recommendation ? soci::i_ok : soci::i_null;
    ctx_.sql << "INSERT INTO reviews (id, assignment_id, application_id, reviewer_id, conflict_of_interest, scores, "
                "comment, recommendation, created_at) VALUES (:id, :assignment, :app, :reviewer, :conflict, :scores, "
                ":comment, :recommendation, :now)",
        soci::use(r.id, "id"), soci::use(assignment.id, "assignment"), soci::use(assignment.application_id, "app"),
        soci::use(assignment.reviewer_id, "reviewer"), soci::use(conflict, "conflict"), soci::use(scores, "scores"),
        soci::use(input.comment, "comment"), soci::use(recommendation, recommendation_ind, "recommendation"),
        soci::use(now, "now");
    return r;
  });
}

std::optional<Review> SociReviewRepository::review_for(const std::string& assignment_id) {
  return guarded(ctx_, [&]() -> std::optional<Review> {
    ReviewRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(assignment_id, "assignment"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kReviewColumns + " FROM reviews WHERE assignment_id = :assignment");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.to_domain();
  });
}

std::vector<Review> SociReviewRepository::reviews(const std::string& application_id) {
  return guarded(ctx_, [&] {
    std::vector<Review> out;
    ReviewRow row;
    soci::statement st(ctx_.sql);
    row.bind(st);
    st.exchange(soci::use(application_id, "app"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kReviewColumns + " FROM reviews WHERE application_id = :app ORDER BY created_at, id");
    st.define_and_bind();
    if (st.execute(true)) {
      do out.push_back(row.to_domain());
      while (st.fetch());
    }
    return out;
  });
}

}  // namespace mswa::persistence
