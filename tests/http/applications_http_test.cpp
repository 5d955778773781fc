// Applications: drafts edited with If-Match, submitted under every rule of
// DESIGN §7, withdrawn; members reach only their own organisation's.
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class ApplicationsHttp : public GrantHttpTest {
 protected:
  HttpResult draft(const std::string& call, const nlohmann::json& body, const std::string& token = {}) {
    return http().post(kApi + "/calls/" + call + "/applications", body, token.empty() ? token_as("member") : token);
  }
  std::string draft_id(const std::string& call, const nlohmann::json& body) {
    auto r = draft(call, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").get<std::string>();
  }
  HttpResult edit(const std::string& id, const nlohmann::json& body, const std::string& etag,
                  const std::string& token = {}) {
    std::map<std::string, std::string> headers;
    if (!etag.empty()) headers["If-Match"] = etag;
    return http().patch(kApi + "/applications/" + id, body, token.empty() ? token_as("member") : token, headers);
  }
  HttpResult act(const std::string& id, const std::string& action, const std::string& token = {}) {
    return http().request("POST", kApi + "/applications/" + id + "/" + action, std::nullopt,
                          bearer(token.empty() ? token_as("member") : token));
  }
  HttpResult read(const std::string& id, const std::string& token = {}) {
    return http().get(kApi + "/applications/" + id, token.empty() ? token_as("member") : token);
  }
  // Submits a proposal changed by `change`; answers the submit.
  HttpResult submit_with(const std::function<void(nlohmann::json&)>& change) {
    auto body = proposal();
    change(body);
    const auto id = draft_id(call_, body);
    return act(id, "submit");
  }
  void SetUp() override {
    HttpTest::SetUp();
    call_ = open_call();
  }
  std::string call_;
};

TEST_P(ApplicationsHttp, AMemberDraftsSavesAndSubmits) {
  auto created = draft(call_, {{"title", "Monitoring"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json().at("id").get<std::string>();
  EXPECT_EQ(created.json().at("status"), "draft");
  EXPECT_EQ(created.json().at("organisation_id"), member_org());
  EXPECT_TRUE(created.json().at("requested").is_null());
  EXPECT_EQ(created.header("etag"), "\"1\"");

  auto body = proposal();
  body.erase("targets");
  auto saved = edit(id, body, "\"1\"");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.header("etag"), "\"2\"");
  EXPECT_EQ(saved.json().at("budget_lines").size(), 3u);
  EXPECT_FALSE(saved.json().at("budget_lines")[0].at("id").get<std::string>().empty());
  auto saved_again = edit(id, {{"targets", proposal().at("targets")}}, saved.header("etag"));
  ASSERT_EQ(saved_again.status, 200) << saved_again.body;

  auto submitted = act(id, "submit");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json().at("status"), "submitted");
  EXPECT_EQ(submitted.json().at("submitted_at"), "2026-11-22T10:00:00Z");
  EXPECT_EQ(submitted.json().at("requested"), (nlohmann::json{{"currency", "THB"}, {"amount", "540000.00"}}));
  EXPECT_EQ(read(id).json(), submitted.json());
  // Submitted: no more edits, no second submit.
  EXPECT_TRUE(IsProblem(edit(id, {{"title", "Later"}}, submitted.header("etag")), 409));
  EXPECT_TRUE(IsProblem(act(id, "submit"), 409));
  const auto trail = audit_trail("entity_type=application&entity_id=" + id);
  ASSERT_EQ(trail.size(), 4u);
  EXPECT_EQ(trail[0].at("details").at("status"), "draft -> submitted");
}

TEST_P(ApplicationsHttp, EditsNeedTheCurrentVersion) {
  const auto id = draft_id(call_, {{"title", "Monitoring"}});
  EXPECT_TRUE(IsProblem(edit(id, {{"title", "No version"}}, ""), 428));
  ASSERT_EQ(edit(id, {{"title", "First"}}, "\"1\"").status, 200);
  EXPECT_TRUE(IsProblem(edit(id, {{"title", "Stale"}}, "\"1\""), 412));
  EXPECT_EQ(read(id).json().at("title"), "First");
  EXPECT_EQ(edit(id, {{"title", "Any version"}}, "*").status, 200);
}

TEST_P(ApplicationsHttp, EachSubmissionRuleNamesItsField) {
  EXPECT_TRUE(IsInvalid(submit_with([](auto& b) { b["requested"]["amount"] = "700000.00"; }),
                        {"/budget_lines", "/requested/amount"}));
  EXPECT_TRUE(IsInvalid(submit_with([](auto& b) { b["requested"] = {{"currency", "USD"}, {"amount", "15000.00"}}; }),
                        {"/requested/currency"}));
  EXPECT_TRUE(IsInvalid(submit_with([](auto& b) { b["budget_lines"][2]["amount"]["amount"] = "59999.99"; }),
                        {"/budget_lines"}));
  EXPECT_TRUE(IsInvalid(submit_with([](auto& b) { b["answers"].erase("need"); }), {"/answers/need"}));
  EXPECT_TRUE(IsInvalid(submit_with([](auto& b) { b["targets"][1]["indicator_code"] = "OP3.1"; }),
                        {"/targets/1/indicator_code"}));
  EXPECT_TRUE(IsInvalid(submit_with([](auto& b) { b.erase("start_date"); b.erase("summary"); }),
                        {"/start_date", "/summary"}));
  EXPECT_TRUE(all_pages(kApi + "/applications?status=submitted", token_as("programme")).empty());
}

TEST_P(ApplicationsHttp, DraftsRefuseWhatNoSaveMayHold) {
  auto body = proposal();
  body["answers"]["safety"] = std::string(2001, 'x');  // the call allows 2000
  body["answers"]["colour"] = "red";                    // not a question of the call
  body["budget_lines"][0]["amount"] = {{"currency", "USD"}, {"amount", "1.00"}};
  EXPECT_TRUE(IsInvalid(draft(call_, body), {"/answers/colour", "/answers/safety", "/budget_lines/0/amount/currency"}));
  body = proposal();
  body["requested"]["amount"] = 540000;
  body["budget_lines"][1]["category"] = "food";
  body["targets"][0]["target"] = 120;
  body["duration_months"] = 61;
  body["theme"] = "x";
  EXPECT_TRUE(IsInvalid(draft(call_, body), {"/budget_lines/1/category", "/duration_months", "/requested/amount",
                                             "/targets/0/target", "/theme"}));
  EXPECT_TRUE(all_pages(kApi + "/applications", token_as("member")).empty());
}

TEST_P(ApplicationsHttp, AmountsPastTheLargestAreRefusedAndSumsNeverOverflow) {
  // 10^15 minor units (10,000,000,000,000.00 THB) is the largest amount; one satang more is out of range,
  // and so is an amount past what 64 bits can hold.
  for (const std::string amount : {"10000000000000.01", "100000000000000000.00", "92233720368547758.08"}) {
    auto body = proposal();
    body["budget_lines"][0]["amount"]["amount"] = amount;
    auto r = draft(call_, body);
    EXPECT_TRUE(IsInvalid(r, {"/budget_lines/0/amount/amount"})) << amount;
    EXPECT_EQ(r.json().at("errors")[0].at("code"), "out_of_range") << amount;
  }
  // A hundred lines each at the largest amount add up to 10^17 minor units: the
  // sum is reported exactly, not wrapped round.
  auto body = proposal();
  body["budget_lines"] = nlohmann::json::array();
  for (int i = 0; i < 100; ++i)
    body["budget_lines"].push_back({{"category", "activities"},
                                    {"description", "Line " + std::to_string(i)},
                                    {"amount", {{"currency", "THB"}, {"amount", "10000000000000.00"}}}});
  auto r = act(draft_id(call_, body), "submit");
  ASSERT_TRUE(IsInvalid(r, {"/budget_lines"})) << r.body;
  const auto error = r.json().at("errors")[0];
  EXPECT_EQ(error.at("code"), "budget_mismatch");
  EXPECT_EQ(error.at("params").at("total"), "1000000000000000.00 THB") << error.dump();
  EXPECT_TRUE(all_pages(kApi + "/applications?status=submitted", token_as("programme")).empty());
}

TEST_P(ApplicationsHttp, TheCallMustTakeSubmissions) {
  const auto id = draft_id(call_, proposal());
  travel_to("2027-02-28T17:00:00Z");  // closes_at passed; nobody closed the call
  EXPECT_TRUE(IsInvalid(act(id, "submit"), {"/call_id"}));
  const auto closed_call = create_call();  // a draft call takes no applications
  EXPECT_TRUE(IsProblem(draft(closed_call, proposal()), 404));
}

TEST_P(ApplicationsHttp, AnIneligibleCountryCannotSubmit) {
  const auto philippines = server().create_organisation("member", "PH");
  const auto token = server().token_for("member", philippines);
  auto r = draft(call_, proposal(), token);
  ASSERT_EQ(r.status, 201);
  EXPECT_TRUE(IsInvalid(act(r.json().at("id").get<std::string>(), "submit", token), {"/organisation_id"}));
}

TEST_P(ApplicationsHttp, MembersReachOnlyTheirOwnOrganisationsApplications) {
  const auto id = draft_id(call_, proposal());
  const auto other_org = server().create_organisation("member", "LA");
  const auto other = server().token_for("member", other_org);
  const auto missing = read(kUnknownId, other);
  const auto foreign = read(id, other);
  EXPECT_TRUE(IsProblem(foreign, 404));
  EXPECT_EQ(foreign.body, missing.body);
  EXPECT_TRUE(IsProblem(edit(id, {{"title", "Mine now"}}, "\"1\"", other), 404));
  EXPECT_TRUE(IsProblem(act(id, "submit", other), 404));
  EXPECT_TRUE(IsProblem(act(id, "withdraw", other), 404));
  EXPECT_TRUE(all_pages(kApi + "/applications", other).empty());
  EXPECT_EQ(read(id).json().at("title"), proposal().at("title"));
  // Staff see all; reviewers see none until assigned; donors reach none.
  EXPECT_EQ(read(id, token_as("programme")).status, 200);
  EXPECT_EQ(ids_of(all_pages(kApi + "/applications?call_id=" + call_, token_as("finance"))),
            (std::vector<std::string>{id}));
  EXPECT_TRUE(IsProblem(read(id, token_as("reviewer")), 404));
  EXPECT_TRUE(IsProblem(read(id, token_as("donor")), 403));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/applications", token_as("donor")), 403));
  for (const auto& role : {"programme", "finance", "admin", "reviewer", "donor"})
    EXPECT_TRUE(IsProblem(draft(call_, proposal(), token_as(role)), 403)) << role;
  const auto denied = audit_trail("entity_type=application&entity_id=" + id);
  EXPECT_EQ(denied.front().at("outcome"), "denied");
}

TEST_P(ApplicationsHttp, WithdrawEndsAnApplication) {
  const auto id = draft_id(call_, proposal());
  ASSERT_EQ(act(id, "submit").status, 200);
  auto withdrawn = act(id, "withdraw");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json().at("status"), "withdrawn");
  EXPECT_TRUE(IsProblem(act(id, "withdraw"), 409));
  EXPECT_TRUE(IsProblem(act(id, "submit"), 409));
  EXPECT_TRUE(IsProblem(act(kUnknownId, "withdraw"), 404));
}

TEST_P(ApplicationsHttp, ListsFilterByCallAndStatus) {
  const auto a = draft_id(call_, proposal());
  const auto b = draft_id(call_, proposal());
  ASSERT_EQ(act(b, "submit").status, 200);
  const auto& staff = token_as("programme");
  EXPECT_EQ(ids_of(all_pages(kApi + "/applications?status=submitted", staff)), (std::vector<std::string>{b}));
  EXPECT_EQ(all_pages(kApi + "/applications?call_id=" + call_, staff, 1).size(), 2u);
  EXPECT_TRUE(all_pages(kApi + "/applications?call_id=" + kUnknownId, staff).empty());
  EXPECT_TRUE(IsProblem(http().get(kApi + "/applications?status=done", staff), 422));
  EXPECT_EQ(ids_of(all_pages(kApi + "/applications?status=draft", token_as("member"))), (std::vector<std::string>{a}));
}

MSWA_HTTP_ON_EVERY_BACKEND(ApplicationsHttp);

}  // namespace mswa::test
