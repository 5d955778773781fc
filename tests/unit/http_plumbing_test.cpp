#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "api/json_body.hpp"
#include "api/pipeline.hpp"
#include "api/problem.hpp"
#include "api/responses.hpp"
#include "api/router.hpp"
#include "domain/clock.hpp"
#include "domain/credentials.hpp"
#include "tests/support/problem_codes.hpp"

using namespace mswa::api;

namespace {
HttpRequest json_request(std::string body, std::string type = "application/json") {
  HttpRequest r;
  r.method = "POST";
  r.path = "/x";
  r.headers.emplace_back("content-type", std::move(type));
  r.body = std::move(body);
  return r;
}
HttpResponse ok(RequestContext&) { return HttpResponse{}; }
}  // namespace

TEST(Router, MatchesLiteralsAndParameters) {
  Router router;
  router.add("GET", "/api/v1/organisations", std::nullopt, ok);
  router.add("GET", "/api/v1/organisations/{id}", std::nullopt, ok);
  router.add("PATCH", "/api/v1/organisations/{id}", std::nullopt, ok);
  auto m = router.match("GET", "/api/v1/organisations/abc");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->pattern, "/api/v1/organisations/{id}");
  EXPECT_EQ(m.params.at("id"), "abc");
  EXPECT_TRUE(router.match("GET", "/api/v1/organisations").route);
  EXPECT_TRUE(router.match("HEAD", "/api/v1/organisations").route);
}

TEST(Router, UnknownPathAndWrongMethod) {
  Router router;
  router.add("GET", "/api/v1/organisations/{id}", std::nullopt, ok);
  router.add("PATCH", "/api/v1/organisations/{id}", std::nullopt, ok);
  auto none = router.match("GET", "/api/v1/nothing");
  EXPECT_FALSE(none.route);
  EXPECT_TRUE(none.allowed_methods.empty());
  auto wrong = router.match("DELETE", "/api/v1/organisations/abc");
  EXPECT_FALSE(wrong.route);
  EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));
  EXPECT_FALSE(router.match("GET", "/api/v1/organisations/").route);  // empty id
  EXPECT_FALSE(router.match("GET", "").route);
}

TEST(JsonBody, ContentTypeSyntaxAndShape) {
  EXPECT_EQ(std::get<HttpResponse>(read_json_object(json_request("{}", "text/plain"), "/x")).status, 415);
  EXPECT_EQ(std::get<HttpResponse>(read_json_object(json_request("{"), "/x")).status, 400);
  EXPECT_EQ(std::get<HttpResponse>(read_json_object(json_request("[1]"), "/x")).status, 422);
  EXPECT_TRUE(std::holds_alternative<nlohmann::json>(
      read_json_object(json_request("{}", "Application/JSON; charset=utf-8"), "/x")));
}

TEST(JsonBody, FieldErrorsCarryPointers) {
  const auto body = nlohmann::json::parse(R"({"name": 5, "flag": "yes", "kind": "other", "a/b~c": 1})");
  FieldReader r(body);
  r.reject_unknown({"name", "flag", "kind", "missing"});
  EXPECT_FALSE(r.string("name", Presence::required));
  EXPECT_FALSE(r.boolean("flag", Presence::required));
  EXPECT_FALSE(r.one_of("kind", Presence::required, {"member", "donor"}));
  EXPECT_FALSE(r.string("missing", Presence::required));
  EXPECT_FALSE(r.string("absent", Presence::optional));
  std::vector<std::string> pointers;
  for (const auto& e : r.errors()) pointers.push_back(e.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/a~1b~0c", "/name", "/flag", "/kind", "/missing"}));
}

// Amounts above 10^15 minor units are refused, so that no sum of a request's
// amounts can overflow.
TEST(JsonBody, MoneyBeyondTheLargestAmountIsOutOfRange) {
  const auto body = nlohmann::json::parse(
      R"({"ok": {"currency": "THB", "amount": "10000000000000.00"},
          "big": {"currency": "THB", "amount": "10000000000000.01"},
          "vnd": {"currency": "VND", "amount": "1000000000000001"}})");
  FieldReader r(body);
  ASSERT_TRUE(r.money("ok", Presence::required));
  EXPECT_EQ(r.money("ok", Presence::required)->minor, mswa::domain::kMaxAmountMinor);
  EXPECT_FALSE(r.money("big", Presence::required));
  EXPECT_FALSE(r.money("vnd", Presence::required));
  ASSERT_EQ(r.errors().size(), 2u);
  EXPECT_EQ(r.errors()[0].pointer, "/big/amount");
  EXPECT_EQ(r.errors()[0].code, "out_of_range");
  EXPECT_EQ(r.errors()[1].pointer, "/vnd/amount");
}

TEST(JsonBody, NullableStrings) {
  const auto body = nlohmann::json::parse(R"({"a": null, "b": "x"})");
  FieldReader r(body);
  auto a = r.nullable_string("a", Presence::optional);
  auto b = r.nullable_string("b", Presence::optional);
  auto c = r.nullable_string("c", Presence::optional);
  ASSERT_TRUE(a);
  EXPECT_FALSE(*a);
  ASSERT_TRUE(b);
  EXPECT_EQ(**b, "x");
  EXPECT_FALSE(c);
  EXPECT_TRUE(r.ok());
}

TEST(Problem, Rfc9457Shape) {
  auto r = problem(422, "invalid-input", "invalid_input", "Invalid", "Bad fields", "/api/v1/users",
                   {{"/email", "must be an e-mail address", "invalid_email"},
                    {"/name", "must be at most 200 characters", "too_long", {{"max", "200"}}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j.at("status"), 422);
  EXPECT_EQ(j.at("instance"), "/api/v1/users");
  EXPECT_EQ(j.at("code"), "invalid_input");
  EXPECT_EQ(j.at("errors").at(0).at("pointer"), "/email");
  EXPECT_EQ(j.at("errors").at(0).at("code"), "invalid_email");
  EXPECT_FALSE(j.at("errors").at(0).contains("params"));  // only where a translation needs them
  EXPECT_EQ(j.at("errors").at(1).at("params"), (nlohmann::json{{"max", "200"}}));
  EXPECT_TRUE(j.contains("type") && j.contains("title") && j.contains("detail"));
}

// docs/openapi.yaml: each ProblemCode in the enum has one line of meaning,
// and each line of meaning is in the enum.
TEST(Problem, EveryDocumentedCodeHasOneMeaning) {
  const auto& codes = mswa::test::documented_problem_codes();
  const auto meanings = mswa::test::documented_problem_code_meanings();
  EXPECT_GT(codes.size(), 50u);
  for (const auto& code : codes) {
    EXPECT_TRUE(meanings.count(code) && !meanings.at(code).empty()) << code << " has no meaning";
    EXPECT_EQ(code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string::npos) << code;
  }
  for (const auto& [code, meaning] : meanings) EXPECT_TRUE(codes.count(code)) << code << " is not in the enum";
  // The codes clients already use stay.
  for (const char* kept : {"invalid_date", "not_a_quarter_end", "period_not_ended", "edition_exists", "out_of_range",
                           "too_large", "busy"})
    EXPECT_TRUE(codes.count(kept)) << kept;
}

TEST(Problem, ACodeIsRequiredOfEveryProblemAndFieldError) {
  using mswa::test::HasDocumentedCodes;
  EXPECT_TRUE(HasDocumentedCodes(R"({"status":404,"code":"not_found"})"));
  EXPECT_FALSE(HasDocumentedCodes(R"({"status":404})"));
  EXPECT_FALSE(HasDocumentedCodes(R"({"status":409,"code":"conflict"})"));  // generic: a 409 says which
  EXPECT_FALSE(HasDocumentedCodes(R"({"code":"invalid_input","errors":[{"pointer":"/a","detail":"x"}]})"));
  EXPECT_FALSE(HasDocumentedCodes(R"({"code":"invalid_input","errors":[{"pointer":"/a","code":"too_long","params":{"max":4}}]})"));
  EXPECT_TRUE(HasDocumentedCodes(R"({"code":"invalid_input","errors":[{"pointer":"/a","code":"too_long","params":{"max":"4"}}]})"));
  // An Error that names no code still answers with the generic one of its kind.
  const auto r = from_error(mswa::domain::Error{mswa::domain::ErrorCode::forbidden, "no"}, "/x");
  EXPECT_EQ(nlohmann::json::parse(r.body).at("code"), "forbidden");
}

TEST(Problem, ThrottleAndOutageCarryRetryAfter) {
  mswa::domain::Error e{mswa::domain::ErrorCode::too_many_requests, "slow down"};
  e.retry_after_seconds = 42;
  auto r = from_error(e, "/x");
  EXPECT_EQ(r.status, 429);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Retry-After", "42"}));
  EXPECT_EQ(from_error({mswa::domain::ErrorCode::unavailable, "db"}, "/x").status, 503);
}

TEST(Problem, BusyDatabaseAnswers503WithItsCodeAndRetryAfter) {
  mswa::domain::Error e{mswa::domain::ErrorCode::unavailable, "The database is busy; try again shortly."};
  e.retry_after_seconds = 1;
  e.reason = "busy";
  e.retry = true;
  auto r = from_error(e, "/api/v1/applications/{id}/decision");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(r.headers, (std::vector<std::pair<std::string, std::string>>{{"Retry-After", "1"}}));
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j.at("status"), 503);
  EXPECT_EQ(j.at("code"), "busy");
  // An outage that names no reason carries the generic code, and the default wait.
  auto outage = from_error({mswa::domain::ErrorCode::unavailable, "db"}, "/x");
  EXPECT_EQ(nlohmann::json::parse(outage.body).at("code"), "unavailable");
  EXPECT_EQ(outage.headers, (std::vector<std::pair<std::string, std::string>>{{"Retry-After", "5"}}));
}

namespace {

// What a pipeline without authenticated routes needs of its collaborators:
// nothing is ever called on them.
struct NoStore final : mswa::domain::Store {
  std::unique_ptr<mswa::domain::UnitOfWork> begin(mswa::domain::Access) override {
    throw std::logic_error("no store in this test");
  }
};
struct NoHasher final : mswa::domain::PasswordHasher {
  std::string hash(std::string_view) const override { return "-"; }
  bool verify(const std::string&, std::string_view) const override { return false; }
  bool needs_rehash(const std::string&) const override { return false; }
};
struct NoTokens final : mswa::domain::TokenIssuer {
  std::string new_token() const override { return "-"; }
  std::string digest(std::string_view) const override { return "-"; }
  std::string new_temporary_password() const override { return "-"; }
};

// One unauthenticated POST route whose handler fails `failures` times with
// `error`, then answers 201; counts how often it ran.
struct FlakyWrite {
  explicit FlakyWrite(mswa::domain::Error error, int failures) {
    router.add("POST", "/x", std::nullopt, [this, error, failures](RequestContext&) {
      if (++runs <= failures) throw mswa::domain::Failure(error);
      HttpResponse r;
      r.status = 201;
      return r;
    });
  }
  HttpResponse post() {
    RequestPipeline pipeline(router, auth, store, clock);
    HttpRequest req;
    req.method = "POST";
    req.path = "/x";
    return pipeline.handle(req);
  }
  static mswa::domain::Error busy() {
    return {mswa::domain::ErrorCode::unavailable, "The database is busy; try again shortly.", {}, 1, "busy", true};
  }

  NoStore store;
  mswa::domain::ManualClock clock{0};
  NoHasher hasher;
  NoTokens tokens;
  mswa::domain::AuthService auth{store, clock, hasher, tokens, {}, {}};
  Router router;
  int runs = 0;
};

}  // namespace

TEST(Pipeline, AWriteTheDatabaseRolledBackIsRunAgain) {
  FlakyWrite write(FlakyWrite::busy(), 2);
  EXPECT_EQ(write.post().status, 201);
  EXPECT_EQ(write.runs, 3);
}

TEST(Pipeline, AWriteStillBusyAfterThreeTriesAnswers503Busy) {
  FlakyWrite write(FlakyWrite::busy(), 1000);
  const auto r = write.post();
  EXPECT_EQ(write.runs, 3);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.headers, (std::vector<std::pair<std::string, std::string>>{{"Retry-After", "1"}}));
  EXPECT_EQ(nlohmann::json::parse(r.body).at("code"), "busy");
}

TEST(Pipeline, AWriteThatMetAnOutageIsNotRunAgain) {
  // A lost connection may have lost the answer of a committed write.
  FlakyWrite write({mswa::domain::ErrorCode::unavailable, "The database is unavailable; try again shortly."}, 1000);
  EXPECT_EQ(write.post().status, 503);
  EXPECT_EQ(write.runs, 1);
}

TEST(Responses, IfMatch) {
  HttpRequest r;
  EXPECT_FALSE(if_match_version(r));
  r.headers = {{"if-match", "\"7\""}};
  EXPECT_EQ(if_match_version(r), 7);
  r.headers = {{"if-match", "W/\"7\""}};
  EXPECT_EQ(if_match_version(r), 7);
  r.headers = {{"if-match", "*"}};
  EXPECT_FALSE(if_match_version(r));
  r.headers = {{"if-match", "\"seven\""}};
  EXPECT_EQ(if_match_version(r), -1);
}

TEST(Responses, Paging) {
  HttpRequest req;
  RequestContext ctx{req, {}, std::nullopt, {}, "/x"};
  EXPECT_EQ(std::get<mswa::domain::PageRequest>(read_page(ctx)).limit, 50);
  req.query = {{"limit", "1000"}};
  EXPECT_EQ(std::get<mswa::domain::PageRequest>(read_page(ctx)).limit, 200);  // capped
  req.query = {{"limit", "99999999999999999999"}};
  EXPECT_EQ(std::get<mswa::domain::PageRequest>(read_page(ctx)).limit, 200);
  for (const char* bad : {"0", "-1", "ten", ""}) {
    req.query = {{"limit", bad}};
    EXPECT_EQ(std::get<HttpResponse>(read_page(ctx)).status, 422) << bad;
  }
  req.query = {{"cursor", "!!"}};
  EXPECT_EQ(std::get<HttpResponse>(read_page(ctx)).status, 422);
  const auto page = page_json(nlohmann::json::array(), std::string("1:abc"));
  req.query = {{"cursor", page.at("next_cursor").get<std::string>()}};
  EXPECT_EQ(std::get<mswa::domain::PageRequest>(read_page(ctx)).after, "1:abc");
}

TEST(Responses, Rfc3339) {
  EXPECT_EQ(rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339(1795341600000), "2026-11-22T10:00:00Z");
  EXPECT_EQ(rfc3339(1795341600999), "2026-11-22T10:00:00Z");
  EXPECT_EQ(rfc3339(951782400000), "2000-02-29T00:00:00Z");
}

TEST(Query, Decoding) {
  auto q = parse_query("a=1&b=x%20y&c=p+q&d&=e&bad=%zz");
  EXPECT_EQ(q.at("a"), "1");
  EXPECT_EQ(q.at("b"), "x y");
  EXPECT_EQ(q.at("c"), "p q");
  EXPECT_EQ(q.at("d"), "");
  EXPECT_FALSE(q.count("bad"));
  EXPECT_FALSE(percent_decode("%4", false));
  EXPECT_EQ(percent_decode("%E0%B8%81", false), "ก");
}
