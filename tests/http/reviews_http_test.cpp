// Peer review: assignments, conflicts of interest, scores once, the summary.
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class ReviewsHttp : public GrantHttpTest {
 protected:
  struct Reviewer {
    std::string id;
    std::string token;
  };
  Reviewer reviewer(const std::optional<std::string>& organisation = std::nullopt) {
    const std::string email = "reviewer" + std::to_string(++reviewers_) + "@example.org";
    const auto id = server().create_user(email, "reviewer", organisation);
    return {id, server().login(email)};
  }
  // A submitted application of the member organisation.
  std::string submitted_application() {
    const auto call = open_call();
    auto r = http().post(kApi + "/calls/" + call + "/applications", proposal(), token_as("member"));
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json().at("id").get<std::string>();
    EXPECT_EQ(http().request("POST", kApi + "/applications/" + id + "/submit", std::nullopt, bearer(token_as("member"))).status, 200);
    return id;
  }
  HttpResult assign(const std::string& app, const std::string& reviewer_id, const std::string& token = {}) {
    return http().post(kApi + "/applications/" + app + "/assignments", {{"reviewer_id", reviewer_id}},
                       token.empty() ? token_as("programme") : token);
  }
  HttpResult review(const std::string& app, const nlohmann::json& body, const std::string& token) {
    return http().post(kApi + "/applications/" + app + "/reviews", body, token);
  }
  static nlohmann::json scores(int relevance, int leadership, int value) {
    return {{"conflict_of_interest", false},
            {"scores", {{"relevance", relevance}, {"leadership", leadership}, {"value", value}}},
            {"comment", "Strong community leadership."},
            {"recommendation", "fund"}};
  }
  int reviewers_ = 0;
};

TEST_P(ReviewsHttp, TheScenarioRecusesOneAndScoresWithTheOther) {
  const auto app = submitted_application();
  const auto peer_org = server().create_organisation("member", "TH");
  const auto recused = reviewer(peer_org);
  const auto scorer = reviewer();
  ASSERT_EQ(assign(app, recused.id).status, 201);
  auto second = assign(app, scorer.id);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json().at("reviewer_id"), scorer.id);
  EXPECT_EQ(http().get(kApi + "/applications/" + app, token_as("member")).json().at("status"), "under_review");

  ASSERT_EQ(review(app, {{"conflict_of_interest", true}, {"comment", "I advise this organisation."}}, recused.token).status, 201);
  auto scored = review(app, scores(4, 3, 5), scorer.token);
  ASSERT_EQ(scored.status, 201) << scored.body;
  EXPECT_EQ(scored.json().at("scores").at("value"), 5);

  auto all = http().get(kApi + "/applications/" + app + "/reviews", token_as("programme"));
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json().at("items").size(), 2u);
  // (4*40 + 3*35 + 5*25) / 100 = 3.90; the recused review counts nowhere.
  EXPECT_EQ(all.json().at("summary"),
            (nlohmann::json{{"weighted_score", "3.90"}, {"reviews_count", 1}, {"recused_count", 1}}));

  const auto third = reviewer();
  ASSERT_EQ(assign(app, third.id).status, 201);
  ASSERT_EQ(review(app, scores(5, 5, 5), third.token).status, 201);
  EXPECT_EQ(http().get(kApi + "/applications/" + app + "/reviews", admin()).json().at("summary").at("weighted_score"), "4.45");
}

TEST_P(ReviewsHttp, AReviewerFromTheApplicantOrganisationIsRefused) {
  const auto app = submitted_application();
  const auto insider = reviewer(member_org());
  EXPECT_TRUE(IsProblem(assign(app, insider.id), 409));
  EXPECT_EQ(http().get(kApi + "/applications/" + app, token_as("member")).json().at("status"), "submitted");
}

TEST_P(ReviewsHttp, AssignmentsNeedASubmittedApplicationAndAReviewer) {
  const auto app = submitted_application();
  const auto r = reviewer();
  ASSERT_EQ(assign(app, r.id).status, 201);
  EXPECT_TRUE(IsProblem(assign(app, r.id), 409));  // twice
  const auto finance_id = server().create_user("fin2@example.org", "finance", server().alliance_id());
  EXPECT_TRUE(IsInvalid(assign(app, finance_id), {"/reviewer_id"}));
  EXPECT_TRUE(IsInvalid(assign(app, kUnknownId), {"/reviewer_id"}));
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/applications/" + app + "/assignments", {{"reviewer", r.id}},
                                    token_as("programme")),
                        {"/reviewer", "/reviewer_id"}));
  EXPECT_TRUE(IsProblem(assign(kUnknownId, r.id), 404));
  const auto call = open_call();
  auto draft = http().post(kApi + "/calls/" + call + "/applications", proposal(), token_as("member"));
  EXPECT_TRUE(IsProblem(assign(draft.json().at("id").get<std::string>(), r.id), 409));
}

TEST_P(ReviewsHttp, ReviewersSeeOnlyWhatTheyAreAssigned) {
  const auto app = submitted_application();
  const auto assigned = reviewer();
  const auto other = reviewer();
  ASSERT_EQ(assign(app, assigned.id).status, 201);
  EXPECT_EQ(http().get(kApi + "/applications/" + app, assigned.token).status, 200);
  EXPECT_EQ(ids_of(all_pages(kApi + "/applications", assigned.token)), (std::vector<std::string>{app}));
  const auto missing = http().get(kApi + "/applications/" + kUnknownId, other.token);
  const auto foreign = http().get(kApi + "/applications/" + app, other.token);
  EXPECT_TRUE(IsProblem(foreign, 404));
  EXPECT_EQ(foreign.body, missing.body);
  EXPECT_TRUE(all_pages(kApi + "/applications", other.token).empty());
  EXPECT_TRUE(IsProblem(review(app, scores(3, 3, 3), other.token), 404));
  EXPECT_TRUE(IsProblem(review(kUnknownId, scores(3, 3, 3), assigned.token), 404));
}

TEST_P(ReviewsHttp, ScoresFollowTheCallsCriteriaOnce) {
  const auto app = submitted_application();
  const auto r = reviewer();
  ASSERT_EQ(assign(app, r.id).status, 201);
  auto body = scores(4, 6, 3);
  body["scores"].erase("value");
  body["scores"]["colour"] = 2;
  EXPECT_TRUE(IsInvalid(review(app, body, r.token), {"/scores/colour", "/scores/leadership", "/scores/value"}));
  body = scores(4, 4, 4);
  body.erase("recommendation");
  body["scores"]["value"] = "four";
  EXPECT_TRUE(IsInvalid(review(app, body, r.token), {"/scores/value"}));
  body = scores(4, 4, 4);
  body["conflict_of_interest"] = true;  // recused reviewers give no scores
  EXPECT_TRUE(IsInvalid(review(app, body, r.token), {"/recommendation", "/scores"}));
  body = scores(4, 4, 4);
  body.erase("recommendation");
  EXPECT_TRUE(IsInvalid(review(app, body, r.token), {"/recommendation"}));
  ASSERT_EQ(review(app, scores(4, 4, 4), r.token).status, 201);
  EXPECT_TRUE(IsProblem(review(app, scores(5, 5, 5), r.token), 409));  // once
  const auto summary = http().get(kApi + "/applications/" + app + "/reviews", admin()).json().at("summary");
  EXPECT_EQ(summary.at("weighted_score"), "4.00");
  // The comment is review text: never in the audit trail.
  for (const auto& e : audit_trail("entity_type=application&entity_id=" + app))
    EXPECT_EQ(e.dump().find("Strong community leadership"), std::string::npos);
}

TEST_P(ReviewsHttp, OnlyTheRightRolesPass) {
  const auto app = submitted_application();
  const auto r = reviewer();
  for (const auto& role : {"finance", "member", "reviewer", "donor"}) {
    EXPECT_TRUE(IsProblem(assign(app, r.id, token_as(role)), 403)) << role;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/applications/" + app + "/reviews", token_as(role)), 403)) << role;
  }
  for (const auto& role : {"programme", "admin", "member", "finance", "donor"})
    EXPECT_TRUE(IsProblem(review(app, scores(3, 3, 3), token_as(role)), 403)) << role;
  EXPECT_TRUE(IsProblem(http().get(kApi + "/applications/" + kUnknownId + "/reviews", admin()), 404));
  const auto empty = http().get(kApi + "/applications/" + app + "/reviews", admin()).json();
  EXPECT_TRUE(empty.at("summary").at("weighted_score").is_null());
}

MSWA_HTTP_ON_EVERY_BACKEND(ReviewsHttp);

}  // namespace mswa::test
