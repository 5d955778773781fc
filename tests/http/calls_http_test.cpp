// Calls: create and edit while draft, open, close; members see open calls only.
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class CallsHttp : public GrantHttpTest {};

TEST_P(CallsHttp, ProgrammeCreatesADraftCall) {
  auto r = create(call_body());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  EXPECT_EQ(j.at("status"), "draft");
  EXPECT_EQ(j.at("envelope"), (nlohmann::json{{"currency", "THB"}, {"amount", "3000000.00"}}));
  EXPECT_EQ(j.at("closes_at"), "2027-02-28T17:00:00Z");
  EXPECT_EQ(j.at("criteria").size(), 3u);
  EXPECT_EQ(j.at("questions")[1].at("max_length"), 2000);
  EXPECT_EQ(j.at("funding_source_ids"), (nlohmann::json{funding_source()}));
  EXPECT_EQ(r.header("etag"), "\"1\"");
  auto again = http().get(kApi + "/calls/" + j.at("id").get<std::string>(), token_as("finance"));
  EXPECT_EQ(again.json(), j);
}

TEST_P(CallsHttp, MembersSeeOnlyCallsThatAreOpenNow) {
  const auto id = create_call();
  const auto& member = token_as("member");
  const auto missing = http().get(kApi + "/calls/" + kUnknownId, member);
  auto draft = http().get(kApi + "/calls/" + id, member);
  EXPECT_TRUE(IsProblem(draft, 404));
  EXPECT_EQ(draft.body, missing.body);
  EXPECT_TRUE(all_pages(kApi + "/calls", member).empty());

  ASSERT_EQ(act(id, "open").status, 200);
  EXPECT_EQ(http().get(kApi + "/calls/" + id, member).status, 200);
  EXPECT_EQ(http().get(kApi + "/calls/" + id, token_as("reviewer")).status, 200);
  EXPECT_EQ(ids_of(all_pages(kApi + "/calls", member)), (std::vector<std::string>{id}));

  // Past closes_at nobody closed it, yet it takes nothing and members no longer see it.
  travel_to("2027-02-28T17:00:00Z");
  const auto& member_later = token_as("member");
  EXPECT_TRUE(IsProblem(http().get(kApi + "/calls/" + id, member_later), 404));
  EXPECT_TRUE(all_pages(kApi + "/calls", member_later).empty());
  EXPECT_EQ(http().get(kApi + "/calls/" + id, token_as("programme")).json().at("status"), "open");
}

TEST_P(CallsHttp, OpenAndCloseFollowTheLifecycle) {
  const auto id = create_call();
  EXPECT_TRUE(IsProblem(act(id, "close"), 409));  // a draft cannot close
  auto opened = act(id, "open");
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json().at("status"), "open");
  EXPECT_TRUE(IsProblem(act(id, "open"), 409));
  EXPECT_TRUE(IsProblem(http().patch(kApi + "/calls/" + id, {{"title", "Too late"}}, token_as("programme")), 409));
  auto closed = act(id, "close");
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(closed.json().at("status"), "closed");
  EXPECT_TRUE(IsProblem(http().get(kApi + "/calls/" + id, token_as("member")), 404));
  EXPECT_TRUE(IsProblem(act(kUnknownId, "open"), 404));
  const auto trail = audit_trail("entity_type=call&entity_id=" + id);
  ASSERT_EQ(trail.size(), 4u);
  EXPECT_EQ(trail[0].at("action"), "call.read");  // the member's read of the closed call
  EXPECT_EQ(trail[0].at("outcome"), "denied");
  EXPECT_EQ(trail[1].at("action"), "call.close");
  EXPECT_EQ(trail[1].at("details").at("status"), "open -> closed");
  EXPECT_EQ(trail[2].at("details").at("status"), "draft -> open");
  EXPECT_EQ(trail[3].at("action"), "call.create");
}

TEST_P(CallsHttp, ACallPastItsCloseCannotOpen) {
  const auto id = create_call();
  travel_to("2027-03-01T00:00:00Z");
  EXPECT_TRUE(IsProblem(act(id, "open"), 409));
  EXPECT_EQ(http().get(kApi + "/calls/" + id, token_as("programme")).json().at("status"), "draft");
}

TEST_P(CallsHttp, DraftsAreEditedWithIfMatch) {
  const auto id = create_call();
  const auto& t = token_as("programme");
  auto r = http().patch(kApi + "/calls/" + id, {{"title", "Monitoring 2027, second round"}}, t, {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("title"), "Monitoring 2027, second round");
  EXPECT_EQ(r.header("etag"), "\"2\"");
  EXPECT_TRUE(IsProblem(http().patch(kApi + "/calls/" + id, {{"title", "Stale"}}, t, {{"If-Match", "\"1\""}}), 412));
  // A change that breaks a rule is refused whole.
  EXPECT_TRUE(IsInvalid(http().patch(kApi + "/calls/" + id,
                                     {{"title", "Bad"}, {"max_award", {{"currency", "THB"}, {"amount", "4000000.00"}}}}, t),
                        {"/max_award/amount"}));
  EXPECT_EQ(http().get(kApi + "/calls/" + id, t).json().at("title"), "Monitoring 2027, second round");
}

TEST_P(CallsHttp, BadCallsAreRefusedByField) {
  auto body = call_body();
  body["envelope"]["amount"] = 3000000;  // a number is not money
  EXPECT_TRUE(IsInvalid(create(body), {"/envelope/amount"}));
  body = call_body();
  body["max_award"] = {{"currency", "USD"}, {"amount", "600.00"}};
  body["closes_at"] = "2026-11-01T00:00:00Z";
  EXPECT_TRUE(IsInvalid(create(body), {"/closes_at", "/max_award/currency"}));
  body = call_body();
  body["criteria"][2]["weight"] = 30;  // 105 in all
  body["criteria"][1]["key"] = "relevance";
  EXPECT_TRUE(IsInvalid(create(body), {"/criteria", "/criteria/1/key"}));
  body = call_body();
  body["eligible_countries"] = {"KH", "XX", "KH"};
  body["result_codes"] = {"OP8"};
  body["funding_source_ids"] = {kUnknownId};
  EXPECT_TRUE(IsInvalid(create(body), {"/eligible_countries/1", "/eligible_countries/2", "/result_codes/0"}));
  body = call_body();
  body["funding_source_ids"] = {kUnknownId};
  EXPECT_TRUE(IsInvalid(create(body), {"/funding_source_ids/0"}));
  body = call_body();
  body["opens_at"] = "2027-01-01";
  body["questions"][0]["max_length"] = "long";
  body["reporting_frequency"] = "monthly";
  body["theme"] = "x";
  EXPECT_TRUE(IsInvalid(create(body), {"/opens_at", "/questions/0/max_length", "/reporting_frequency", "/theme"}));
  EXPECT_TRUE(IsInvalid(create(nlohmann::json::object()),
                        {"/closes_at", "/criteria", "/currency", "/eligible_countries", "/envelope", "/funding_source_ids",
                         "/max_award", "/opens_at", "/reporting_frequency", "/result_codes", "/title"}));
  EXPECT_TRUE(all_pages(kApi + "/calls", token_as("programme")).empty());  // nothing half-written
}

TEST_P(CallsHttp, OnlyProgrammeAndAdminWriteAndDonorsReadNone) {
  const auto id = create_call();
  for (const auto& role : {"finance", "member", "reviewer", "donor"}) {
    EXPECT_TRUE(IsProblem(create(call_body(), token_as(role)), 403)) << role;
    EXPECT_TRUE(IsProblem(act(id, "open", token_as(role)), 403)) << role;
    EXPECT_TRUE(IsProblem(http().patch(kApi + "/calls/" + id, {{"title", "x"}}, token_as(role)), 403)) << role;
  }
  EXPECT_TRUE(IsProblem(http().get(kApi + "/calls", token_as("donor")), 403));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/calls/" + id, token_as("donor")), 403));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/calls"), 401));
  EXPECT_EQ(create(call_body(), admin()).status, 201);
  EXPECT_TRUE(IsProblem(http().get(kApi + "/calls?status=pending", admin()), 422));
  EXPECT_EQ(all_pages(kApi + "/calls?status=draft", admin()).size(), 2u);
}

MSWA_HTTP_ON_EVERY_BACKEND(CallsHttp);

}  // namespace mswa::test
