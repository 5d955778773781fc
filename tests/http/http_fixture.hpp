#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar_date.hpp"
#include "tests/support/test_server.hpp"

namespace mswa::test {

inline const std::string kApi = "/api/v1";

// The roles that must not pass an admin-only route.
inline const std::vector<std::string> kNonAdminRoles = {"programme", "finance", "reviewer", "member", "donor"};

// A well-formed id that names nothing.
inline const std::string kUnknownId = "3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b";

// The sorted errors[].pointer values of a problem body.
inline std::vector<std::string> error_pointers(const HttpResult& r) {
  std::vector<std::string> out;
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (body.is_object() && body.contains("errors"))
    for (const auto& e : body.at("errors")) out.push_back(e.at("pointer").get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

// An RFC 9457 answer with that status.
inline ::testing::AssertionResult IsProblem(const HttpResult& r, int status) {
  if (r.status != status)
    return ::testing::AssertionFailure() << "status " << r.status << ", expected " << status << ": " << r.body;
  if (r.header("content-type") != "application/problem+json")
    return ::testing::AssertionFailure() << "content-type '" << r.header("content-type") << "': " << r.body;
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("type") || !body.contains("title") || body.value("status", 0) != status)
    return ::testing::AssertionFailure() << "not a problem document for " << status << ": " << r.body;
  return ::testing::AssertionSuccess();
}

// A 422 whose errors[] names exactly these pointers.
inline ::testing::AssertionResult IsInvalid(const HttpResult& r, std::vector<std::string> pointers) {
  if (auto p = IsProblem(r, 422); !p) return p;
  std::sort(pointers.begin(), pointers.end());
  const auto got = error_pointers(r);
  if (got != pointers) {
    auto failure = ::testing::AssertionFailure() << "pointers [";
    for (const auto& g : got) failure << g << " ";
    return failure << "], expected a different set: " << r.body;
  }
  return ::testing::AssertionSuccess();
}

// A fresh server over a fresh database for each test, on the backend under test.
class HttpTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { server_ = std::make_unique<TestServer>(GetParam(), tweak()); }
  void TearDown() override { server_.reset(); }
  // Override to adjust the server's configuration before it starts.
  virtual std::function<void(config::AppConfig&)> tweak() { return {}; }

  TestServer& server() { return *server_; }
  HttpClient& http() { return server_->client(); }
  const std::string& admin() { return server_->admin_token(); }

  // A member and a donor organisation, made on first use.
  const std::string& member_org() {
    if (member_org_.empty()) member_org_ = server().create_organisation("member", "KH");
    return member_org_;
  }
  const std::string& donor_org() {
    if (donor_org_.empty()) donor_org_ = server().create_organisation("donor", "GB");
    return donor_org_;
  }
  // The organisation a new user of that role gets: members and donors their
  // kind of organisation, staff the alliance, reviewers none.
  std::optional<std::string> home_org(const std::string& role) {
    if (role == "member") return member_org();
    if (role == "donor") return donor_org();
    if (role == "reviewer") return std::nullopt;
    return server().alliance_id();
  }
  // A logged-in user of that role, one per role and test.
  const std::string& token_as(const std::string& role) {
    auto it = tokens_.find(role);
    if (it == tokens_.end()) it = tokens_.emplace(role, server().token_for(role, home_org(role))).first;
    return it->second;
  }

  // Moves the server's clock to an RFC 3339 instant. Sessions idle that long
  // have ended, so every cached token (the admin's too) is made anew.
  void travel_to(const std::string& instant) {
    server().clock().set(*domain::parse_instant(instant));
    tokens_.clear();
    server().refresh_admin_token();
  }

  // Requests with a raw body (any bytes, any Content-Type).
  HttpResult send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& token, const std::string& content_type = "application/json") {
    auto headers = bearer(token);
    headers["Content-Type"] = content_type;
    return http().request(method, target, body, headers);
  }
  HttpResult login(const std::string& email, const std::string& password) {
    return http().post(kApi + "/auth/login", {{"email", email}, {"password", password}});
  }
  HttpResult me(const std::string& token) { return http().get(kApi + "/me", token); }
  HttpResult logout(const std::string& token) {
    return http().request("POST", kApi + "/auth/logout", std::nullopt, bearer(token));
  }

  // Every item of a list route, following next_cursor with this page size.
  std::vector<nlohmann::json> all_pages(const std::string& path, const std::string& token, int limit = 200) {
    std::vector<nlohmann::json> items;
    std::string cursor;
    for (int page = 0; page < 1000; ++page) {
      const char sep = path.find('?') == std::string::npos ? '?' : '&';
      auto r = http().get(path + sep + "limit=" + std::to_string(limit) + (cursor.empty() ? "" : "&cursor=" + cursor),
                          token);
      EXPECT_EQ(r.status, 200) << path << ": " << r.body;
      if (r.status != 200) break;
      const auto body = r.json();
      EXPECT_LE(body.at("items").size(), static_cast<std::size_t>(limit));
      for (const auto& item : body.at("items")) items.push_back(item);
      if (body.at("next_cursor").is_null()) break;
      cursor = body.at("next_cursor").get<std::string>();
    }
    return items;
  }
  std::vector<std::string> ids_of(const std::vector<nlohmann::json>& items) {
    std::vector<std::string> ids;
    for (const auto& item : items) ids.push_back(item.at("id").get<std::string>());
    return ids;
  }
  // The whole audit trail, newest first.
  std::vector<nlohmann::json> audit_trail(const std::string& query = "") {
    return all_pages(kApi + "/audit" + (query.empty() ? "" : "?" + query), admin());
  }

  std::unique_ptr<TestServer> server_;

 private:
  std::string member_org_;
  std::string donor_org_;
  std::map<std::string, std::string> tokens_;
};

#define MSWA_HTTP_ON_EVERY_BACKEND(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::mswa::test::test_backends()), ::mswa::test::BackendName())

}  // namespace mswa::test
