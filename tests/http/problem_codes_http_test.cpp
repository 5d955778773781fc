// DESIGN §4.1: every problem carries a code a client can translate, and
// every entry of errors[] a code (with params where a translation needs
// values). HttpClient checks every problem any HTTP test provokes against
// docs/openapi.yaml; these tests name the code each kind of refusal gets.
// Also: length limits count letters, not code points.
#include "tests/http/grant_fixture.hpp"
#include "tests/support/problem_codes.hpp"

namespace mswa::test {
namespace {

class ProblemCodesHttp : public GrantHttpTest {
 protected:
  static std::string code_of(const HttpResult& r) { return r.json().value("code", ""); }
  // The code and params of the errors[] entry at `pointer`.
  static std::pair<std::string, nlohmann::json> field(const HttpResult& r, const std::string& pointer) {
    const auto body = r.json();
    for (const auto& e : body.value("errors", nlohmann::json::array()))
      if (e.at("pointer") == pointer) return {e.at("code").get<std::string>(), e.value("params", nlohmann::json())};
    ADD_FAILURE() << "no error at " << pointer << ": " << r.body;
    return {};
  }
  HttpResult raw_post(const std::string& path, const std::string& body, const std::string& token,
                      const std::string& content_type = "application/json") {
    return send("POST", kApi + path, body, token, content_type);
  }
};

TEST_P(ProblemCodesHttp, ProtocolAndAccessRefusalsNameTheirCodes) {
  EXPECT_EQ(code_of(http().get(kApi + "/nothing-here", admin())), "not_found");
  EXPECT_EQ(code_of(http().get(kApi + "/organisations/" + kUnknownId, admin())), "not_found");
  EXPECT_EQ(code_of(http().get(kApi + "/organisations/not-a-uuid", admin())), "not_found");
  EXPECT_EQ(code_of(http().request("DELETE", kApi + "/me", std::nullopt, bearer(admin()))), "method_not_allowed");
  EXPECT_EQ(code_of(http().get(kApi + "/me")), "unauthenticated");
  EXPECT_EQ(code_of(http().get(kApi + "/me", "not-a-token")), "unauthenticated");
  EXPECT_EQ(code_of(login("nobody@example.org", "wrong password")), "invalid_credentials");
  EXPECT_EQ(code_of(http().get(kApi + "/users", token_as("member"))), "forbidden");
  EXPECT_EQ(code_of(raw_post("/users", "{}", admin(), "text/plain")), "unsupported_media_type");
  EXPECT_EQ(code_of(raw_post("/users", "{", admin())), "malformed_json");
  EXPECT_EQ(code_of(http().get(kApi + "/users?limit=0", admin())), "invalid_parameter");
  EXPECT_EQ(http().get(kApi + "/users?role=boss", admin()).json().at("params"),
            (nlohmann::json{{"parameter", "role"}}));
  EXPECT_EQ(code_of(http().get(kApi + "/users?cursor=%21", admin())), "invalid_parameter");
  const auto award_disbursements = kApi + "/awards/" + kUnknownId + "/disbursements";
  EXPECT_EQ(code_of(http().request("POST", award_disbursements, "{}", bearer(token_as("finance")))),
            "idempotency_key_required");
}

TEST_P(ProblemCodesHttp, BodyErrorsNameEachFieldsCode) {
  const auto not_object = raw_post("/users", "[]", admin());
  EXPECT_EQ(code_of(not_object), "invalid_input");
  EXPECT_EQ(field(not_object, ""), (std::pair<std::string, nlohmann::json>{"wrong_type", {{"expected", "object"}}}));

  const auto r = http().post(kApi + "/users",
                             {{"email", "not an address"},
                              {"name", 7},
                              {"role", "boss"},
                              {"password", "short"},
                              {"nickname", "x"}},
                             admin());
  EXPECT_EQ(code_of(r), "invalid_input");
  EXPECT_EQ(field(r, "/name").first, "wrong_type");
  EXPECT_EQ(field(r, "/role"), (std::pair<std::string, nlohmann::json>{
                                   "not_one_of", {{"allowed", "admin programme finance reviewer member donor"}}}));
  EXPECT_EQ(field(r, "/nickname").first, "unknown_field");

  const auto missing = http().post(kApi + "/organisations", nlohmann::json::object(), admin());
  EXPECT_EQ(field(missing, "/name").first, "required");

  const auto call = call_body();
  auto bad_call = call;
  bad_call["currency"] = "XYZ";
  bad_call["max_award"] = {{"currency", "THB"}, {"amount", "600000"}};
  bad_call["title"] = std::string(301, 'x');
  const auto refused = create(bad_call);
  EXPECT_EQ(field(refused, "/currency").first, "not_one_of");
  EXPECT_EQ(field(refused, "/max_award/amount"),
            (std::pair<std::string, nlohmann::json>{"wrong_currency_digits", {{"currency", "THB"}, {"digits", "2"}}}));
}

TEST_P(ProblemCodesHttp, BusinessRulesNameTheirOwnCodes) {
  // An open call, and a proposal that breaks the submission rules.
  const auto call = open_call();
  EXPECT_EQ(code_of(act(call, "open")), "wrong_state");
  EXPECT_EQ(act(call, "open").json().at("params"), (nlohmann::json{{"status", "open"}}));
  auto content = proposal();
  content["requested"] = {{"currency", "THB"}, {"amount", "700000.00"}};
  auto created = http().post(kApi + "/calls/" + call + "/applications", content, token_as("member"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json().at("id").get<std::string>();
  const auto submit = http().request("POST", kApi + "/applications/" + id + "/submit", std::nullopt,
                                     bearer(token_as("member")));
  EXPECT_EQ(code_of(submit), "invalid_input");
  EXPECT_EQ(field(submit, "/requested/amount"),
            (std::pair<std::string, nlohmann::json>{"over_max_award", {{"max", "600000.00 THB"}}}));
  EXPECT_EQ(field(submit, "/budget_lines"),
            (std::pair<std::string, nlohmann::json>{
                "budget_mismatch", {{"total", "540000.00 THB"}, {"requested", "700000.00 THB"}}}));

  // Edits by version: 428 without If-Match, 412 with a stale one.
  const auto path = kApi + "/applications/" + id;
  EXPECT_EQ(code_of(http().patch(path, {{"title", "New"}}, token_as("member"))), "if_match_required");
  EXPECT_EQ(code_of(http().patch(path, {{"title", "New"}}, token_as("member"), {{"If-Match", "\"99\""}})),
            "stale_version");

  // The same e-mail address twice.
  const nlohmann::json user{{"email", "twice@example.org"}, {"name", "T"}, {"role", "programme"},
                            {"organisation_id", server().alliance_id()}, {"password", "a long password"}};
  EXPECT_EQ(http().post(kApi + "/users", user, admin()).status, 201);
  EXPECT_EQ(code_of(http().post(kApi + "/users", user, admin())), "email_taken");
}

// DESIGN §4.1: max_length counts letters. Khmer "ស្រី" is 2 letters in 4
// code points, so 10 letters take 20 code points and still fit 10.
TEST_P(ProblemCodesHttp, AnswersAreMeasuredInLetters) {
  auto body = call_body();
  body["questions"][0]["max_length"] = 10;
  auto made = create(body);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto call = made.json().at("id").get<std::string>();
  ASSERT_EQ(act(call, "open").status, 200);

  std::string ten_letters;
  for (int i = 0; i < 5; ++i) ten_letters += "\u179F\u17D2\u179A\u17B8";  // ស្រី
  auto content = proposal();
  content["answers"]["need"] = ten_letters;
  const auto fits = http().post(kApi + "/calls/" + call + "/applications", content, token_as("member"));
  EXPECT_EQ(fits.status, 201) << fits.body;

  content["answers"]["need"] = ten_letters + "\u1780";  // one letter more
  const auto over = http().post(kApi + "/calls/" + call + "/applications", content, token_as("member"));
  EXPECT_EQ(code_of(over), "invalid_input");
  EXPECT_EQ(field(over, "/answers/need"), (std::pair<std::string, nlohmann::json>{"too_long", {{"max", "10"}}}));

  // Not UTF-8 text, or control characters: a different code.
  content["answers"]["need"] = "line\x01";
  const auto control = http().post(kApi + "/calls/" + call + "/applications", content, token_as("member"));
  EXPECT_EQ(field(control, "/answers/need").first, "invalid_text");
}

MSWA_HTTP_ON_EVERY_BACKEND(ProblemCodesHttp);

}  // namespace
}  // namespace mswa::test
