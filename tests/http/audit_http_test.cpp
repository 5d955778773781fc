// GET /audit: logins, denials and writes land in the trail with their actor,
// and no secret ever does.
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class AuditHttp : public HttpTest {
 protected:
  // The events that carry every key/value of `subset`.
  std::vector<nlohmann::json> events(const nlohmann::json& subset) {
    std::vector<nlohmann::json> out;
    for (const auto& e : audit_trail()) {
      bool match = true;
      for (const auto& [key, value] : subset.items()) match = match && e.contains(key) && e.at(key) == value;
      if (match) out.push_back(e);
    }
    return out;
  }
  std::size_t count(const nlohmann::json& subset) { return events(subset).size(); }

  // A request with a JSON body, a token and our own request id.
  HttpResult traced(const std::string& method, const std::string& target, const std::optional<nlohmann::json>& body,
                    const std::string& token, const std::string& request_id) {
    auto headers = bearer(token);
    headers["X-Request-Id"] = request_id;
    return http().request(method, target, body ? std::optional(body->dump()) : std::nullopt, headers);
  }
  std::string user_id_of(const std::string& token) { return me(token).json().at("id").get<std::string>(); }
};

TEST_P(AuditHttp, SuccessfulLoginIsRecordedWithTheUser) {
  const auto id = server().create_user("m@example.org", "member", member_org());
  ASSERT_EQ(traced("POST", kApi + "/auth/login", nlohmann::json{{"email", "m@example.org"}, {"password", kPassword}}, "",
                   "login-ok-1")
                .status,
            200);
  auto found = events({{"action", "auth.login"}, {"outcome", "success"}, {"entity_id", id}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].at("actor_id"), id);
  EXPECT_EQ(found[0].at("actor_role"), "member");
  EXPECT_EQ(found[0].at("actor_organisation_id"), member_org());
  EXPECT_EQ(found[0].at("request_id"), "login-ok-1");
  EXPECT_EQ(found[0].at("at"), "2026-11-22T10:00:00Z");
}

TEST_P(AuditHttp, FailedLoginsAreRecordedForKnownAndUnknownEmails) {
  const auto id = server().create_user("m@example.org", "member", member_org());
  ASSERT_EQ(login("m@example.org", "wrong-password").status, 401);
  ASSERT_EQ(login("nobody@example.org", "wrong-password").status, 401);
  auto known = events({{"action", "auth.login"}, {"outcome", "failure"}, {"entity_id", id}});
  ASSERT_EQ(known.size(), 1u);
  EXPECT_EQ(known[0].at("actor_role"), "anonymous");
  EXPECT_TRUE(known[0].at("actor_id").is_null());
  EXPECT_EQ(count({{"action", "auth.login"}, {"outcome", "failure"}}), 2u);
}

TEST_P(AuditHttp, ThrottledLoginsAreRecorded) {
  server().create_user("m@example.org", "member", member_org());
  for (int i = 0; i < 10; ++i) ASSERT_EQ(login("m@example.org", "wrong-password").status, 401);
  ASSERT_EQ(login("m@example.org", kPassword).status, 429);
  EXPECT_EQ(count({{"action", "auth.login"}, {"outcome", "failure"}}), 10u);
  EXPECT_EQ(count({{"action", "auth.login"}, {"outcome", "throttled"}}), 1u);
}

TEST_P(AuditHttp, UnauthenticatedRequestsAreSummarisedOncePerAddressAndMinute) {
  ASSERT_EQ(traced("GET", kApi + "/users", std::nullopt, "", "deny-401-a").status, 401);
  auto no_token = events({{"request_id", "deny-401-a"}});
  ASSERT_EQ(no_token.size(), 1u);
  EXPECT_EQ(no_token[0].at("action"), "request.denied");
  EXPECT_EQ(no_token[0].at("outcome"), "denied");
  EXPECT_EQ(no_token[0].at("actor_role"), "anonymous");
  EXPECT_TRUE(no_token[0].at("actor_id").is_null());
  EXPECT_EQ(no_token[0].at("entity_id"), "GET /api/v1/users");
  EXPECT_EQ(no_token[0].at("details"), (nlohmann::json{{"status", "401"}, {"address", "127.0.0.1"}}));

  // A flood from the same address in the same minute writes nothing more...
  const auto before = events({{"action", "request.denied"}}).size();
  for (int i = 0; i < 50; ++i)
    ASSERT_EQ(traced("POST", kApi + "/organisations", nlohmann::json::object(), "bogus-token",
                     "deny-401-b" + std::to_string(i))
                  .status,
              401);
  EXPECT_EQ(events({{"action", "request.denied"}}).size(), before);
  // ...and the next minute gets its one row again.
  server().clock().set(server().clock().now_ms() + 60'000);
  ASSERT_EQ(traced("POST", kApi + "/organisations", nlohmann::json::object(), "bogus-token", "deny-401-c").status, 401);
  auto next_minute = events({{"request_id", "deny-401-c"}});
  ASSERT_EQ(next_minute.size(), 1u);
  EXPECT_EQ(next_minute[0].at("entity_id"), "POST /api/v1/organisations");
}

TEST_P(AuditHttp, ForbiddenRequestsAreRecordedWithTheActor) {
  const auto& token = token_as("member");
  const auto id = user_id_of(token);
  ASSERT_EQ(traced("PATCH", kApi + "/organisations/" + member_org(), nlohmann::json{{"name", "X"}}, token, "deny-403")
                .status,
            403);
  auto found = events({{"request_id", "deny-403"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].at("action"), "request.denied");
  EXPECT_EQ(found[0].at("outcome"), "denied");
  EXPECT_EQ(found[0].at("actor_id"), id);
  EXPECT_EQ(found[0].at("actor_role"), "member");
  EXPECT_EQ(found[0].at("actor_organisation_id"), member_org());
  EXPECT_EQ(found[0].at("entity_id"), "PATCH /api/v1/organisations/{id}");
  EXPECT_EQ(found[0].at("details"), (nlohmann::json{{"status", "403"}}));
}

TEST_P(AuditHttp, OutOfScopeReadsAreRecorded) {
  const auto other = server().create_organisation("member", "LA");
  const auto& token = token_as("donor");
  const auto id = user_id_of(token);
  ASSERT_EQ(traced("GET", kApi + "/organisations/" + other, std::nullopt, token, "scope-1").status, 404);
  auto found = events({{"request_id", "scope-1"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].at("action"), "organisation.read");
  EXPECT_EQ(found[0].at("outcome"), "denied");
  EXPECT_EQ(found[0].at("entity_type"), "organisation");
  EXPECT_EQ(found[0].at("entity_id"), other);
  EXPECT_EQ(found[0].at("actor_id"), id);
  EXPECT_EQ(found[0].at("actor_role"), "donor");
}

TEST_P(AuditHttp, WritesAreRecordedWithTheActorAndRequestId) {
  const auto admin_id = user_id_of(admin());
  auto org = traced("POST", kApi + "/organisations",
                    nlohmann::json{{"name", "ស្ថាប័ន"}, {"kind", "member"}, {"country", "KH"}, {"sex_worker_led", true},
                                   {"publication", "public"}},
                    admin(), "write-org");
  ASSERT_EQ(org.status, 201) << org.body;
  const auto org_id = org.json().at("id").get<std::string>();
  auto user = traced("POST", kApi + "/users",
                     nlohmann::json{{"email", "m@example.org"}, {"name", "M"}, {"role", "member"},
                                    {"organisation_id", org_id}, {"password", kPassword}},
                     admin(), "write-user");
  ASSERT_EQ(user.status, 201) << user.body;
  const auto user_id = user.json().at("id").get<std::string>();
  ASSERT_EQ(traced("PATCH", kApi + "/users/" + user_id, nlohmann::json{{"active", false}}, admin(), "write-deact").status,
            200);
  ASSERT_EQ(traced("PATCH", kApi + "/organisations/" + org_id, nlohmann::json{{"publication", "confidential"}}, admin(),
                   "write-pub")
                .status,
            200);

  const nlohmann::json by_admin = {{"actor_id", admin_id}, {"actor_role", "admin"}, {"outcome", "success"}};
  auto expect_event = [&](const std::string& request_id, const std::string& action, const std::string& entity_id,
                          const nlohmann::json& details) {
    auto subset = by_admin;
    subset["request_id"] = request_id;
    auto found = events(subset);
    ASSERT_EQ(found.size(), 1u) << request_id;
    EXPECT_EQ(found[0].at("action"), action);
    EXPECT_EQ(found[0].at("entity_id"), entity_id);
    EXPECT_EQ(found[0].at("actor_organisation_id"), server().alliance_id());
    for (const auto& [key, value] : details.items()) EXPECT_EQ(found[0].at("details").at(key), value) << request_id;
  };
  expect_event("write-org", "organisation.create", org_id, {{"kind", "member"}});
  expect_event("write-user", "user.create", user_id, {{"role", "member"}});
  expect_event("write-deact", "user.update", user_id, {{"active", "true -> false"}});
  expect_event("write-pub", "organisation.update", org_id, {{"publication", "public -> confidential"}});
}

TEST_P(AuditHttp, LogoutIsRecorded) {
  const auto& token = token_as("finance");
  const auto id = user_id_of(token);
  ASSERT_EQ(traced("POST", kApi + "/auth/logout", std::nullopt, token, "bye").status, 204);
  auto found = events({{"request_id", "bye"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].at("action"), "auth.logout");
  EXPECT_EQ(found[0].at("actor_id"), id);
}

TEST_P(AuditHttp, RefusedWritesLeaveNoSuccessBehind) {
  const auto creates_before = count({{"action", "user.create"}});
  nlohmann::json user = {{"email", "dup@example.org"}, {"name", "D"}, {"role", "member"},
                         {"organisation_id", member_org()}, {"password", kPassword}};
  ASSERT_EQ(http().post(kApi + "/users", user, admin()).status, 201);
  ASSERT_EQ(http().post(kApi + "/users", user, admin()).status, 409);
  user["email"] = "other@example.org";
  user["organisation_id"] = donor_org();
  ASSERT_EQ(http().post(kApi + "/users", user, admin()).status, 422);
  EXPECT_EQ(count({{"action", "user.create"}}), creates_before + 1);
  const auto org_creates = count({{"action", "organisation.create"}});
  ASSERT_EQ(http().post(kApi + "/organisations", {{"name", "X"}}, admin()).status, 422);
  EXPECT_EQ(count({{"action", "organisation.create"}}), org_creates);
}

TEST_P(AuditHttp, NeverHoldsPasswordsOrTokens) {
  const std::string first_password = "first-secret-Pa55word";
  const std::string second_password = "second-secret-Pa55word";
  const std::string guessed_password = "guessed-secret-Pa55word";
  const std::string bogus_token = "bogus-secret-token-0123456789";
  auto created = http().post(kApi + "/users",
                             {{"email", "s@example.org"}, {"name", "S"}, {"role", "member"},
                              {"organisation_id", member_org()}, {"password", first_password}},
                             admin());
  ASSERT_EQ(created.status, 201);
  const auto id = created.json().at("id").get<std::string>();
  const auto first_token = server().login("s@example.org", first_password);
  ASSERT_EQ(http().patch(kApi + "/users/" + id, {{"password", second_password}}, admin()).status, 200);
  ASSERT_EQ(login("s@example.org", guessed_password).status, 401);
  ASSERT_EQ(login("nobody@example.org", guessed_password).status, 401);
  const auto second_token = server().login("s@example.org", second_password);
  ASSERT_EQ(me(bogus_token).status, 401);
  ASSERT_EQ(logout(second_token).status, 204);

  auto r = http().get(kApi + "/audit?limit=200", admin());
  ASSERT_EQ(r.status, 200);
  ASSERT_TRUE(r.json().at("next_cursor").is_null()) << "the whole trail fits one page";
  ASSERT_GE(r.json().at("items").size(), 8u);
  for (const auto& secret : {first_password, second_password, guessed_password, std::string(kPassword),
                             std::string(kAdminPassword), bogus_token, first_token, second_token, admin()}) {
    EXPECT_EQ(r.body.find(secret), std::string::npos) << "the audit trail holds a secret: " << secret;
  }
  EXPECT_EQ(r.body.find("argon2"), std::string::npos) << "the audit trail holds a password hash";
}

TEST_P(AuditHttp, FiltersByEntity) {
  const auto org = server().create_organisation("member", "VN");
  ASSERT_EQ(http().patch(kApi + "/organisations/" + org, {{"name", "Renamed"}}, admin()).status, 200);
  server().create_organisation("member", "TH");
  auto found = audit_trail("entity_type=organisation&entity_id=" + org);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].at("action"), "organisation.update") << "newest first";
  EXPECT_EQ(found[1].at("action"), "organisation.create");
  for (const auto& e : audit_trail("entity_type=user"))
    EXPECT_EQ(e.at("entity_type"), "user");
}

TEST_P(AuditHttp, PagesAreNewestFirstWithoutGapsOrRepeats) {
  for (const std::string country : {"KH", "LA", "MM", "TH", "VN"}) server().create_organisation("member", country);
  const auto whole = audit_trail();
  const auto paged = all_pages(kApi + "/audit", admin(), 3);
  ASSERT_EQ(paged.size(), whole.size());
  ASSERT_GE(whole.size(), 8u);
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(paged[i], whole[i]);
    if (i > 0) {
      EXPECT_LT(whole[i].at("seq").get<long long>(), whole[i - 1].at("seq").get<long long>());
    }
    EXPECT_EQ(whole[i].at("hash").get<std::string>().size(), 64u);
  }
}

TEST_P(AuditHttp, IsAdminOnly) {
  for (const auto& role : kNonAdminRoles) EXPECT_TRUE(IsProblem(http().get(kApi + "/audit", token_as(role)), 403)) << role;
  EXPECT_TRUE(IsProblem(http().get(kApi + "/audit"), 401));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/audit", "bogus"), 401));
}

TEST_P(AuditHttp, BadPagingIs422) {
  EXPECT_TRUE(IsProblem(http().get(kApi + "/audit?limit=0", admin()), 422));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/audit?cursor=%25%25", admin()), 422));
  EXPECT_EQ(http().get(kApi + "/audit?limit=5000", admin()).status, 200);
}

MSWA_HTTP_ON_EVERY_BACKEND(AuditHttp);

}  // namespace mswa::test
