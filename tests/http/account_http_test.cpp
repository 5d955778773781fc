// The signed-in user's own account (DESIGN §4.1): GET/PATCH /me, POST
// /me/password, an admin's password reset with a forced change, and browser
// sessions by HttpOnly cookie with the Origin check.
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class AccountHttp : public HttpTest {
 protected:
  // A member with a known address, signed in; returns its token.
  std::string member_session(const std::string& email = "m@example.org") {
    server().create_user(email, "member", member_org());
    return server().login(email);
  }
  HttpResult patch_me(const nlohmann::json& body, const std::string& token) {
    return http().patch(kApi + "/me", body, token);
  }
  HttpResult change_password(const std::string& current, const std::string& next, const std::string& token) {
    return http().post(kApi + "/me/password", {{"current_password", current}, {"new_password", next}}, token);
  }
  HttpResult reset(const std::string& user_id, const std::string& token) {
    return http().request("POST", kApi + "/users/" + user_id + "/password-reset", std::nullopt, bearer(token));
  }
  // A request authenticated by the session cookie alone, with an Origin header unless empty.
  HttpResult by_cookie(const std::string& method, const std::string& path, const std::string& token,
                       const std::string& origin = {}, const std::optional<nlohmann::json>& body = std::nullopt) {
    std::map<std::string, std::string> headers{{"Cookie", "theme=dark; mswa_session=" + token}};
    if (!origin.empty()) headers["Origin"] = origin;
    return http().request(method, kApi + path, body ? std::optional(body->dump()) : std::nullopt, headers);
  }
  static std::string code_of(const HttpResult& r) { return r.json().value("code", ""); }
  static std::string field_code(const HttpResult& r, const std::string& pointer) {
    const auto body = r.json();
    for (const auto& e : body.at("errors"))
      if (e.at("pointer") == pointer) return e.value("code", "");
    return "(no error at " + pointer + ")";
  }
};

TEST_P(AccountHttp, MeShowsLanguageAndEmailChoiceAndPatchChangesThem) {
  const auto token = member_session();
  auto me_now = me(token).json();
  EXPECT_EQ(me_now.at("locale"), "en");
  EXPECT_EQ(me_now.at("email_notifications"), "daily");
  EXPECT_EQ(me_now.at("password_change_required"), false);

  auto r = patch_me({{"name", "ស្រីពៅ"}, {"locale", "km"}, {"email_notifications", "off"}}, token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("locale"), "km");
  me_now = me(token).json();
  EXPECT_EQ(me_now.at("name"), "ស្រីពៅ");
  EXPECT_EQ(me_now.at("locale"), "km");
  EXPECT_EQ(me_now.at("email_notifications"), "off");
  // Any subset; each of the six languages.
  for (const auto* locale : {"th", "lo", "my", "vi", "en"})
    EXPECT_EQ(patch_me({{"locale", locale}}, token).json().at("locale"), locale);
  EXPECT_EQ(me(token).json().at("name"), "ស្រីពៅ");
  const auto trail = all_pages(kApi + "/audit?entity_type=user&entity_id=" + me_now.at("id").get<std::string>(), admin());
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail[0].at("action"), "user.update_self");
  EXPECT_EQ(trail[0].at("details").at("locale"), "vi -> en");
}

TEST_P(AccountHttp, PatchMeRefusesBadValuesAndAnythingElse) {
  const auto token = member_session();
  const auto before = me(token).json();
  auto r = patch_me({{"locale", "fr"}, {"email_notifications", "weekly"}, {"name", ""}}, token);
  EXPECT_TRUE(IsInvalid(r, {"/email_notifications", "/locale", "/name"}));
  // A user cannot give themselves another role or organisation.
  EXPECT_TRUE(IsInvalid(patch_me({{"role", "admin"}}, token), {"/role"}));
  EXPECT_TRUE(IsInvalid(patch_me({{"organisation_id", donor_org()}}, token), {"/organisation_id"}));
  EXPECT_TRUE(IsInvalid(patch_me({{"locale", 3}}, token), {"/locale"}));
  EXPECT_TRUE(IsProblem(send("PATCH", kApi + "/me", "{", token), 400));
  EXPECT_TRUE(IsProblem(send("PATCH", kApi + "/me", "{}", token, "text/plain"), 415));
  EXPECT_TRUE(IsProblem(patch_me({{"locale", "km"}}, "not-a-token"), 401));
  EXPECT_EQ(me(token).json(), before);
}

TEST_P(AccountHttp, ChangingTheOwnPasswordEndsTheOtherSessionsOnly) {
  const auto token = member_session();
  const auto other = server().login("m@example.org");
  auto wrong = change_password("not-my-password", "a-new-long-password", token);
  EXPECT_TRUE(IsInvalid(wrong, {"/current_password"}));
  EXPECT_EQ(field_code(wrong, "/current_password"), "wrong_password");
  EXPECT_TRUE(IsInvalid(change_password(kPassword, "short", token), {"/new_password"}));
  auto same = change_password(kPassword, kPassword, token);
  EXPECT_TRUE(IsInvalid(same, {"/new_password"}));
  EXPECT_EQ(field_code(same, "/new_password"), "same_password");
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/me/password", {{"new_password", "a-new-long-password"}}, token),
                        {"/current_password"}));
  EXPECT_EQ(me(other).status, 200);  // refusals changed nothing

  auto ok = change_password(kPassword, "a-new-long-password", token);
  ASSERT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(me(token).status, 200);
  EXPECT_TRUE(IsProblem(me(other), 401));
  EXPECT_TRUE(IsProblem(login("m@example.org", kPassword), 401));
  EXPECT_EQ(login("m@example.org", "a-new-long-password").status, 200);
}

TEST_P(AccountHttp, WrongCurrentPasswordsCountTowardsTheLoginThrottle) {
  const auto token = member_session();
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(IsInvalid(change_password("guess-" + std::to_string(i), "a-new-long-password", token),
                          {"/current_password"}));
  auto locked = change_password(kPassword, "a-new-long-password", token);
  EXPECT_TRUE(IsProblem(locked, 429));
  EXPECT_FALSE(locked.header("retry-after").empty());
  EXPECT_TRUE(IsProblem(login("m@example.org", kPassword), 429));
}

TEST_P(AccountHttp, AnAdminResetForcesANewPasswordAtTheNextSignIn) {
  const auto token = member_session();
  const auto id = me(token).json().at("id").get<std::string>();
  auto r = reset(id, admin());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto temporary = r.json().at("temporary_password").get<std::string>();
  EXPECT_GE(temporary.size(), 12u);
  EXPECT_NE(reset(id, admin()).json().at("temporary_password"), temporary);  // a new one each time
  const auto second = reset(id, admin()).json().at("temporary_password").get<std::string>();
  EXPECT_TRUE(IsProblem(me(token), 401));  // every session ended
  EXPECT_TRUE(IsProblem(login("m@example.org", kPassword), 401));
  EXPECT_TRUE(IsProblem(login("m@example.org", temporary), 401));  // only the latest counts

  auto signed_in = login("m@example.org", second);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(signed_in.json().at("password_change_required"), true);
  const auto fresh = signed_in.json().at("token").get<std::string>();
  EXPECT_EQ(me(fresh).json().at("password_change_required"), true);
  // Everything else waits for the new password.
  for (const auto& path : {"/calls", "/applications", "/logframe"}) {
    auto refused = http().get(kApi + path, fresh);
    EXPECT_TRUE(IsProblem(refused, 403)) << path;
    EXPECT_EQ(code_of(refused), "password_change_required") << path;
  }
  EXPECT_EQ(code_of(patch_me({{"locale", "km"}}, fresh)), "password_change_required");
  ASSERT_EQ(change_password(second, "my-own-new-password", fresh).status, 204);
  EXPECT_EQ(me(fresh).json().at("password_change_required"), false);
  EXPECT_EQ(http().get(kApi + "/calls", fresh).status, 200);
  EXPECT_EQ(login("m@example.org", "my-own-new-password").json().at("password_change_required"), false);
}

TEST_P(AccountHttp, OnlyAnAdminResetsAndAnUnknownIdIs404) {
  const auto token = member_session();
  const auto id = me(token).json().at("id").get<std::string>();
  for (const auto* role : {"programme", "finance", "reviewer", "member", "donor"})
    EXPECT_TRUE(IsProblem(reset(id, token_as(role)), 403)) << role;
  EXPECT_TRUE(IsProblem(reset(id, ""), 401));
  EXPECT_TRUE(IsProblem(reset(kUnknownId, admin()), 404));
  EXPECT_TRUE(IsProblem(reset("not-a-uuid", admin()), 404));
  EXPECT_EQ(me(token).status, 200);  // nothing happened to the user
}

TEST_P(AccountHttp, LoginSetsAnHttpOnlyCookieThatAuthenticatesAlone) {
  server().create_user("c@example.org", "member", member_org());
  auto r = login("c@example.org", kPassword);
  ASSERT_EQ(r.status, 200);
  const auto token = r.json().at("token").get<std::string>();
  const auto cookie = r.header("set-cookie");
  EXPECT_EQ(cookie, "mswa_session=" + token + "; HttpOnly; SameSite=Strict; Path=/api/; Secure");
  auto me_by_cookie = by_cookie("GET", "/me", token);
  ASSERT_EQ(me_by_cookie.status, 200) << me_by_cookie.body;
  EXPECT_EQ(me_by_cookie.json().at("email"), "c@example.org");
  // The Authorization header wins over the cookie.
  auto headers = bearer("not-a-token");
  headers["Cookie"] = "mswa_session=" + token;
  EXPECT_TRUE(IsProblem(http().request("GET", kApi + "/me", std::nullopt, headers), 401));
  EXPECT_TRUE(IsProblem(by_cookie("GET", "/me", "not-a-token"), 401));
}

TEST_P(AccountHttp, CookieWritesFromAnotherOriginAre403) {
  const auto token = member_session("o@example.org");
  const nlohmann::json body{{"locale", "km"}};
  for (const auto* origin : {"https://evil.example", "http://127.0.0.1.evil.example", "null"}) {
    auto r = by_cookie("PATCH", "/me", token, origin, body);
    EXPECT_TRUE(IsProblem(r, 403)) << origin;
    EXPECT_EQ(code_of(r), "cross_origin") << origin;
  }
  EXPECT_EQ(me(token).json().at("locale"), "en");
  // Reads are not refused, and neither is a bearer token (no browser sends it on its own).
  EXPECT_EQ(by_cookie("GET", "/me", token, "https://evil.example").status, 200);
  auto headers = bearer(token);
  headers["Origin"] = "https://evil.example";
  EXPECT_EQ(http().request("PATCH", kApi + "/me", body.dump(), headers).status, 200);
  // The server's own origin (the Host it was reached at), or no Origin at all, may write.
  EXPECT_EQ(by_cookie("PATCH", "/me", token, "http://127.0.0.1", nlohmann::json{{"locale", "th"}}).status, 200);
  EXPECT_EQ(by_cookie("PATCH", "/me", token, "", nlohmann::json{{"locale", "lo"}}).status, 200);
  EXPECT_EQ(me(token).json().at("locale"), "lo");
  // Signing in from another site's page is refused too.
  auto elsewhere = http().request("POST", kApi + "/auth/login",
                                  nlohmann::json{{"email", "o@example.org"}, {"password", kPassword}}.dump(),
                                  {{"Origin", "https://evil.example"}});
  EXPECT_TRUE(IsProblem(elsewhere, 403));
  EXPECT_EQ(elsewhere.header("set-cookie"), "");
}

TEST_P(AccountHttp, LogoutClearsTheCookieAndTheSiteData) {
  const auto token = member_session();
  auto r = by_cookie("POST", "/auth/logout", token, "http://127.0.0.1");
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(r.header("set-cookie"), "mswa_session=; HttpOnly; SameSite=Strict; Path=/api/; Secure; Max-Age=0");
  EXPECT_EQ(r.header("clear-site-data"), "\"cache\", \"storage\"");
  EXPECT_TRUE(IsProblem(by_cookie("GET", "/me", token), 401));
}

MSWA_HTTP_ON_EVERY_BACKEND(AccountHttp);

// For plain HTTP on one machine the cookie drops Secure; with public_url the
// origin is that URL's, whatever Host the request names.
class AccountPlainHttp : public AccountHttp {
 protected:
  std::function<void(config::AppConfig&)> tweak() override {
    return [](config::AppConfig& c) {
      c.cookie_secure = false;
      c.public_url = "https://grants.example.org/app";
    };
  }
};

TEST_P(AccountPlainHttp, CookieWithoutSecureAndOriginFromPublicUrl) {
  server().create_user("p@example.org", "member", member_org());
  auto r = login("p@example.org", kPassword);
  const auto token = r.json().at("token").get<std::string>();
  EXPECT_EQ(r.header("set-cookie"), "mswa_session=" + token + "; HttpOnly; SameSite=Strict; Path=/api/");
  EXPECT_EQ(by_cookie("PATCH", "/me", token, "https://grants.example.org", nlohmann::json{{"locale", "vi"}}).status,
            200);
  EXPECT_EQ(code_of(by_cookie("PATCH", "/me", token, "http://127.0.0.1", nlohmann::json{{"locale", "th"}})),
            "cross_origin");
  EXPECT_EQ(me(token).json().at("locale"), "vi");
}

MSWA_HTTP_ON_EVERY_BACKEND(AccountPlainHttp);

}  // namespace mswa::test
