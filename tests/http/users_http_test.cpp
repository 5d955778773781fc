// POST/GET /users, GET/PATCH /users/{id}: admin only.
#include <latch>
#include <thread>

#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class UsersHttp : public HttpTest {
 protected:
  nlohmann::json new_user(const std::string& email = "new@example.org", const std::string& role = "member") {
    nlohmann::json body = {{"email", email}, {"name", "New Person"}, {"role", role}, {"password", kPassword}};
    if (auto org = home_org(role)) body["organisation_id"] = *org;
    return body;
  }
  HttpResult create(const nlohmann::json& body, const std::string& token = {}) {
    return http().post(kApi + "/users", body, token.empty() ? admin() : token);
  }
  HttpResult get_user(const std::string& id) { return http().get(kApi + "/users/" + id, admin()); }
  HttpResult patch_user(const std::string& id, const nlohmann::json& body,
                        const std::map<std::string, std::string>& headers = {}) {
    return http().patch(kApi + "/users/" + id, body, admin(), headers);
  }
  std::string admin_id() { return me(admin()).json().at("id").get<std::string>(); }

  std::vector<std::string> all_emails() {
    std::vector<std::string> out;
    for (const auto& u : all_pages(kApi + "/users", admin())) out.push_back(u.at("email").get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
  }
  // No user with that e-mail exists and it cannot log in.
  void expect_no_user(const std::string& email) {
    const auto emails = all_emails();
    EXPECT_EQ(std::count(emails.begin(), emails.end(), email), 0) << email << " was written";
    EXPECT_EQ(login(email, kPassword).status, 401);
  }
  // The user is as it was: same body, version 1.
  void expect_unchanged(const std::string& id, const HttpResult& before) {
    auto now = get_user(id);
    EXPECT_EQ(now.body, before.body) << "the user changed";
    EXPECT_EQ(now.header("etag"), before.header("etag"));
  }
};

TEST_P(UsersHttp, CreateAnswersTheUserWithoutItsPassword) {
  auto r = create(new_user());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("etag"), "\"1\"");
  const auto body = r.json();
  EXPECT_FALSE(body.at("id").get<std::string>().empty());
  EXPECT_EQ(body.at("email"), "new@example.org");
  EXPECT_EQ(body.at("name"), "New Person");
  EXPECT_EQ(body.at("role"), "member");
  EXPECT_EQ(body.at("organisation_id"), member_org());
  EXPECT_EQ(body.at("active"), true);
  EXPECT_EQ(body.at("version"), 1);
  EXPECT_EQ(body.at("created_at"), "2026-11-22T10:00:00Z");
  EXPECT_FALSE(body.contains("password"));
  EXPECT_FALSE(body.contains("password_hash"));
  EXPECT_EQ(r.body.find(kPassword), std::string::npos);
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
}

TEST_P(UsersHttp, CreatedUserCanBeReadAndLogIn) {
  auto created = create(new_user());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json().at("id").get<std::string>();
  auto got = get_user(id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json(), created.json());
  EXPECT_EQ(got.header("etag"), "\"1\"");
  auto logged_in = login("new@example.org", kPassword);
  ASSERT_EQ(logged_in.status, 200) << logged_in.body;
  EXPECT_EQ(logged_in.json().at("user").at("id"), id);
}

TEST_P(UsersHttp, NamesInEveryAllianceScriptRoundTrip) {
  const std::vector<std::string> names = {"สมหญิง ใจดี", "សុខា ចាន់", "ບົວລະພາ ສີສຸກ", "မအေးအေး ခင်", "Nguyễn Thị Hương"};
  int n = 0;
  for (const auto& name : names) {
    auto body = new_user("script" + std::to_string(++n) + "@example.org");
    body["name"] = name;
    auto created = create(body);
    ASSERT_EQ(created.status, 201) << created.body;
    auto got = get_user(created.json().at("id").get<std::string>());
    EXPECT_EQ(got.json().at("name").get<std::string>(), name);
    EXPECT_NE(got.body.find(name), std::string::npos) << "not sent as raw UTF-8: " << got.body;
  }
}

TEST_P(UsersHttp, CreateNamesEveryMissingField) {
  EXPECT_TRUE(IsInvalid(create(nlohmann::json::object()), {"/email", "/name", "/password", "/role"}));
  EXPECT_EQ(all_emails(), std::vector<std::string>{kAdminEmail});
}

TEST_P(UsersHttp, CreateNamesEveryWrongType) {
  auto r = create({{"email", 42},
                   {"name", true},
                   {"role", "wizard"},
                   {"organisation_id", 7},
                   {"password", 12345678}});
  EXPECT_TRUE(IsInvalid(r, {"/email", "/name", "/organisation_id", "/password", "/role"}));
  EXPECT_EQ(all_emails(), std::vector<std::string>{kAdminEmail});
}

TEST_P(UsersHttp, CreateRejectsUnknownFields) {
  auto body = new_user();
  body["is_superuser"] = true;
  body["a/b~c"] = 1;
  EXPECT_TRUE(IsInvalid(create(body), {"/a~1b~0c", "/is_superuser"}));
  expect_no_user("new@example.org");
}

TEST_P(UsersHttp, CreateValidatesValues) {
  auto r = create({{"email", "not-an-address"}, {"name", ""}, {"role", "member"}, {"organisation_id", member_org()},
                   {"password", "short"}});
  EXPECT_TRUE(IsInvalid(r, {"/email", "/name", "/password"}));
  EXPECT_EQ(all_emails(), std::vector<std::string>{kAdminEmail});
}

TEST_P(UsersHttp, PasswordLengthIsCountedInCharactersFrom8To128) {
  auto body = new_user("len@example.org");
  body["password"] = "ผ่านได้ไหม";  // 10 characters, 30 bytes
  EXPECT_EQ(create(body).status, 201);
  body = new_user("seven@example.org");
  body["password"] = "ก1234ข6";  // 7 characters, 11 bytes
  EXPECT_TRUE(IsInvalid(create(body), {"/password"}));
  body = new_user("long@example.org");
  body["password"] = std::string(129, 'x');
  EXPECT_TRUE(IsInvalid(create(body), {"/password"}));
  body["password"] = std::string(128, 'x');
  EXPECT_EQ(create(body).status, 201);
}

TEST_P(UsersHttp, CreateReportsTypeAndValueErrorsTogether) {
  // A wrong type in one field and a bad value in another: both are named.
  auto body = new_user();
  body["name"] = 5;
  body["password"] = "short";
  EXPECT_TRUE(IsInvalid(create(body), {"/name", "/password"}));
}

TEST_P(UsersHttp, CreateMalformedJsonIs400AndWritesNothing) {
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/users", R"({"email":"new@example.org","name":)", admin()), 400));
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/users", "{\"email\":\"new@example.org\"}}", admin()), 400));
  expect_no_user("new@example.org");
}

TEST_P(UsersHttp, CreateWrongContentTypeIs415AndWritesNothing) {
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/users", new_user().dump(), admin(), "text/plain"), 415));
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/users", new_user().dump(), admin(), "application/xml"), 415));
  expect_no_user("new@example.org");
}

TEST_P(UsersHttp, CreateAcceptsJsonWithCharset) {
  auto r = send("POST", kApi + "/users", new_user().dump(), admin(), "application/json; charset=utf-8");
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_P(UsersHttp, DuplicateEmailIs409IgnoringCase) {
  ASSERT_EQ(create(new_user("dup@example.org")).status, 201);
  EXPECT_TRUE(IsProblem(create(new_user("DUP@Example.org")), 409));
  const auto emails = all_emails();
  EXPECT_EQ(std::count(emails.begin(), emails.end(), "dup@example.org"), 1);
}

TEST_P(UsersHttp, MemberNeedsAMemberOrganisation) {
  auto without = new_user();
  without.erase("organisation_id");
  EXPECT_TRUE(IsInvalid(create(without), {"/organisation_id"}));
  auto with_null = new_user();
  with_null["organisation_id"] = nullptr;
  EXPECT_TRUE(IsInvalid(create(with_null), {"/organisation_id"}));
  auto in_donor_org = new_user();
  in_donor_org["organisation_id"] = donor_org();
  EXPECT_TRUE(IsInvalid(create(in_donor_org), {"/organisation_id"}));
  auto in_missing_org = new_user();
  in_missing_org["organisation_id"] = kUnknownId;
  EXPECT_TRUE(IsInvalid(create(in_missing_org), {"/organisation_id"}));
  expect_no_user("new@example.org");
}

TEST_P(UsersHttp, OtherRolesNeedTheirKindOfOrganisation) {
  auto donor_in_member_org = new_user("d@example.org", "donor");
  donor_in_member_org["organisation_id"] = member_org();
  EXPECT_TRUE(IsInvalid(create(donor_in_member_org), {"/organisation_id"}));
  auto staff_in_member_org = new_user("p@example.org", "programme");
  staff_in_member_org["organisation_id"] = member_org();
  EXPECT_TRUE(IsInvalid(create(staff_in_member_org), {"/organisation_id"}));
  auto reviewer_in_donor_org = new_user("r@example.org", "reviewer");
  reviewer_in_donor_org["organisation_id"] = donor_org();
  EXPECT_TRUE(IsInvalid(create(reviewer_in_donor_org), {"/organisation_id"}));
  EXPECT_EQ(all_emails(), std::vector<std::string>{kAdminEmail});

  auto reviewer_in_member_org = new_user("peer@example.org", "reviewer");
  reviewer_in_member_org["organisation_id"] = member_org();
  EXPECT_EQ(create(reviewer_in_member_org).status, 201);
}

TEST_P(UsersHttp, ListPagesThroughEveryUserOnce) {
  std::vector<std::string> expected{kAdminEmail};
  for (int i = 0; i < 5; ++i) {
    expected.push_back("page" + std::to_string(i) + "@example.org");
    ASSERT_EQ(create(new_user(expected.back())).status, 201);
  }
  std::sort(expected.begin(), expected.end());

  auto first = http().get(kApi + "/users?limit=2", admin());
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json().at("items").size(), 2u);
  EXPECT_TRUE(first.json().at("next_cursor").is_string());

  const auto items = all_pages(kApi + "/users", admin(), 2);
  std::vector<std::string> emails;
  for (const auto& u : items) emails.push_back(u.at("email").get<std::string>());
  std::sort(emails.begin(), emails.end());
  EXPECT_EQ(emails, expected);
}

TEST_P(UsersHttp, ListWithoutLimitHasNoNextPage) {
  auto r = http().get(kApi + "/users", admin());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("items").size(), 1u);
  EXPECT_TRUE(r.json().at("next_cursor").is_null());
}

TEST_P(UsersHttp, ListLimitOverTheMaximumIsCappedNotRefused) {
  for (const auto& limit : {"201", "100000", "99999999999999999999"}) {
    auto r = http().get(kApi + "/users?limit=" + std::string(limit), admin());
    EXPECT_EQ(r.status, 200) << "limit=" << limit << ": " << r.body;
  }
}

TEST_P(UsersHttp, ListRefusesBadLimitsAndCursors) {
  for (const auto& query : {"limit=0", "limit=-1", "limit=abc", "limit=", "limit=1.5", "cursor=%21%21%21", "cursor=", "cursor=Zm9v"}) {
    EXPECT_TRUE(IsProblem(http().get(kApi + "/users?" + std::string(query), admin()), 422)) << query;
  }
}

TEST_P(UsersHttp, ListFiltersByRoleAndOrganisation) {
  ASSERT_EQ(create(new_user("m@example.org", "member")).status, 201);
  ASSERT_EQ(create(new_user("d@example.org", "donor")).status, 201);
  auto members = all_pages(kApi + "/users?role=member", admin());
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].at("email"), "m@example.org");
  auto in_donor_org = all_pages(kApi + "/users?organisation_id=" + donor_org(), admin());
  ASSERT_EQ(in_donor_org.size(), 1u);
  EXPECT_EQ(in_donor_org[0].at("email"), "d@example.org");
  EXPECT_TRUE(IsProblem(http().get(kApi + "/users?role=wizard", admin()), 422));
}

TEST_P(UsersHttp, UnknownIdIs404) {
  EXPECT_TRUE(IsProblem(get_user(kUnknownId), 404));
  EXPECT_TRUE(IsProblem(patch_user(kUnknownId, {{"name", "X"}}), 404));
}

TEST_P(UsersHttp, PatchChangesFieldsAndBumpsTheETag) {
  const auto id = server().create_user("p@example.org", "member", member_org());
  auto before = get_user(id);
  ASSERT_EQ(before.header("etag"), "\"1\"");
  auto r = patch_user(id, {{"name", "Renamed"}, {"role", "reviewer"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("etag"), "\"2\"");
  EXPECT_EQ(r.json().at("name"), "Renamed");
  EXPECT_EQ(r.json().at("role"), "reviewer");
  EXPECT_EQ(r.json().at("version"), 2);
  auto after = get_user(id);
  EXPECT_EQ(after.json(), r.json());
  EXPECT_EQ(after.header("etag"), "\"2\"");
}

TEST_P(UsersHttp, PatchWithAStaleETagIs412AndChangesNothing) {
  const auto id = server().create_user("p@example.org", "member", member_org());
  ASSERT_EQ(patch_user(id, {{"name", "First"}}, {{"If-Match", "\"1\""}}).status, 200);
  auto now = get_user(id);
  EXPECT_TRUE(IsProblem(patch_user(id, {{"name", "Second"}}, {{"If-Match", "\"1\""}}), 412));
  EXPECT_TRUE(IsProblem(patch_user(id, {{"name", "Second"}}, {{"If-Match", "garbage"}}), 412));
  expect_unchanged(id, now);
}

TEST_P(UsersHttp, PatchNamesEveryBadField) {
  const auto id = server().create_user("p@example.org", "member", member_org());
  auto before = get_user(id);
  EXPECT_TRUE(IsInvalid(patch_user(id, {{"name", 5}, {"role", "wizard"}, {"active", "no"}, {"email", "x@y.z"}}),
                        {"/active", "/email", "/name", "/role"}));
  EXPECT_TRUE(IsInvalid(patch_user(id, {{"password", "short"}}), {"/password"}));
  EXPECT_TRUE(IsInvalid(patch_user(id, {{"name", ""}}), {"/name"}));
  EXPECT_TRUE(IsInvalid(patch_user(id, {{"name", "bad\x07" "bell"}}), {"/name"}));
  EXPECT_TRUE(IsProblem(send("PATCH", kApi + "/users/" + id, "{\"name\":", admin()), 400));
  EXPECT_TRUE(IsProblem(send("PATCH", kApi + "/users/" + id, R"({"name":"X"})", admin(), "text/plain"), 415));
  expect_unchanged(id, before);
}

TEST_P(UsersHttp, PatchToAMemberWithoutAMemberOrganisationIs422) {
  const auto id = server().create_user("p@example.org", "member", member_org());
  auto before = get_user(id);
  EXPECT_TRUE(IsInvalid(patch_user(id, {{"organisation_id", nullptr}}), {"/organisation_id"}));
  EXPECT_TRUE(IsInvalid(patch_user(id, {{"organisation_id", donor_org()}}), {"/organisation_id"}));
  EXPECT_TRUE(IsInvalid(patch_user(id, {{"role", "programme"}}), {"/organisation_id"}));
  expect_unchanged(id, before);
}

TEST_P(UsersHttp, DeactivatingTheLastAdminIs409) {
  const auto self = admin_id();
  auto before = get_user(self);
  EXPECT_TRUE(IsProblem(patch_user(self, {{"active", false}}), 409));
  EXPECT_TRUE(IsProblem(patch_user(self, {{"role", "programme"}}), 409));
  expect_unchanged(self, before);
  EXPECT_EQ(me(admin()).status, 200);
}

TEST_P(UsersHttp, AnAdminMayGoWhenAnotherRemains) {
  const auto second = server().create_user("admin2@example.org", "admin", server().alliance_id());
  auto r = patch_user(admin_id(), {{"active", false}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("active"), false);
  const auto token = server().login("admin2@example.org");
  EXPECT_TRUE(IsProblem(http().patch(kApi + "/users/" + second, {{"active", false}}, token), 409));
}

// Two admins deactivate each other at the same moment: one must be refused,
// or nobody could administer the service any more.
TEST_P(UsersHttp, ConcurrentDeactivationsLeaveAnActiveAdmin) {
  const auto first = admin_id();
  const auto second = server().create_user("admin2@example.org", "admin", server().alliance_id());
  for (int round = 0; round < 20; ++round) {
    const auto first_token = server().login(kAdminEmail, kAdminPassword);
    const auto second_token = server().login("admin2@example.org");
    std::latch start(2);
    HttpResult by_first, by_second;
    std::thread a([&] {
      start.arrive_and_wait();
      by_first = http().patch(kApi + "/users/" + second, {{"active", false}}, first_token);
    });
    std::thread b([&] {
      start.arrive_and_wait();
      by_second = http().patch(kApi + "/users/" + first, {{"active", false}}, second_token);
    });
    a.join();
    b.join();
    ASSERT_FALSE(by_first.status == 200 && by_second.status == 200)
        << "round " << round << ": both admins were deactivated";
    // Whoever remains brings the other back for the next round.
    const bool first_remains = by_first.status == 200;
    const auto token = first_remains ? first_token : second_token;
    const auto other = first_remains ? second : first;
    ASSERT_EQ(http().patch(kApi + "/users/" + other, {{"active", true}}, token).status, 200) << "round " << round;
  }
}

TEST_P(UsersHttp, DeactivationEndsTheUsersSessionsAtOnce) {
  const auto id = server().create_user("p@example.org", "member", member_org());
  const auto first = server().login("p@example.org");
  const auto second = server().login("p@example.org");
  ASSERT_EQ(me(first).status, 200);
  ASSERT_EQ(patch_user(id, {{"active", false}}).status, 200);
  EXPECT_TRUE(IsProblem(me(first), 401));
  EXPECT_TRUE(IsProblem(me(second), 401));
  EXPECT_TRUE(IsProblem(login("p@example.org", kPassword), 401));
  EXPECT_EQ(me(admin()).status, 200) << "other users keep their sessions";
}

TEST_P(UsersHttp, ReactivatedUserMayLogInButOldSessionsStayDead) {
  const auto id = server().create_user("p@example.org", "member", member_org());
  const auto old_token = server().login("p@example.org");
  ASSERT_EQ(patch_user(id, {{"active", false}}).status, 200);
  ASSERT_EQ(patch_user(id, {{"active", true}}).status, 200);
  EXPECT_TRUE(IsProblem(me(old_token), 401));
  EXPECT_EQ(login("p@example.org", kPassword).status, 200);
}

TEST_P(UsersHttp, RoleChangeTakesEffectOnTheNextRequest) {
  const auto id = server().create_user("p@example.org", "programme", server().alliance_id());
  const auto token = server().login("p@example.org");
  const nlohmann::json org = {{"name", "N"}, {"kind", "member"}, {"country", "TH"}, {"sex_worker_led", true},
                              {"publication", "public"}};
  ASSERT_EQ(http().post(kApi + "/organisations", org, token).status, 201);
  ASSERT_EQ(patch_user(id, {{"role", "finance"}}).status, 200);
  EXPECT_TRUE(IsProblem(http().post(kApi + "/organisations", org, token), 403));
  EXPECT_EQ(me(token).json().at("role"), "finance");
}

TEST_P(UsersHttp, PasswordChangeEndsTheUsersSessionsAtOnce) {
  const auto id = server().create_user("p@example.org", "member", member_org());
  const auto token = server().login("p@example.org");
  ASSERT_EQ(patch_user(id, {{"password", "a-brand-new-password"}}).status, 200);
  EXPECT_TRUE(IsProblem(me(token), 401));
  EXPECT_TRUE(IsProblem(login("p@example.org", kPassword), 401));
  EXPECT_EQ(login("p@example.org", "a-brand-new-password").status, 200);
}

TEST_P(UsersHttp, EveryRouteNeedsAToken) {
  const auto id = admin_id();
  for (const auto& token : {std::string(), std::string("not-a-token")}) {
    EXPECT_TRUE(IsProblem(http().post(kApi + "/users", new_user(), token), 401));
    EXPECT_TRUE(IsProblem(http().get(kApi + "/users", token), 401));
    EXPECT_TRUE(IsProblem(http().get(kApi + "/users/" + id, token), 401));
    EXPECT_TRUE(IsProblem(http().patch(kApi + "/users/" + id, {{"name", "X"}}, token), 401));
  }
  expect_no_user("new@example.org");
}

TEST_P(UsersHttp, EveryRouteIsAdminOnly) {
  const auto id = admin_id();
  auto before = get_user(id);
  for (const auto& role : kNonAdminRoles) {
    const auto& token = token_as(role);
    EXPECT_TRUE(IsProblem(http().post(kApi + "/users", new_user(), token), 403)) << role;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/users", token), 403)) << role;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/users/" + id, token), 403)) << role;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/users/" + kUnknownId, token), 403)) << role;
    EXPECT_TRUE(IsProblem(http().patch(kApi + "/users/" + id, {{"active", false}}, token), 403)) << role;
  }
  expect_no_user("new@example.org");
  expect_unchanged(id, before);
}

TEST_P(UsersHttp, ForbiddenIsCheckedBeforeTheBody) {
  // A non-admin learns nothing about the body's validity.
  const auto& token = token_as("member");
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/users", "{not json", token), 403));
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/users", "{}", token, "text/plain"), 403));
}

MSWA_HTTP_ON_EVERY_BACKEND(UsersHttp);

}  // namespace mswa::test
