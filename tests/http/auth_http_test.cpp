#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class AuthHttp : public HttpTest {};

TEST_P(AuthHttp, LoginMeLogout) {
  auto login = http().post("/api/v1/auth/login", {{"email", kAdminEmail}, {"password", kAdminPassword}});
  ASSERT_EQ(login.status, 200) << login.body;
  const auto token = login.json().at("token").get<std::string>();
  EXPECT_EQ(login.json().at("user").at("role"), "admin");
  EXPECT_EQ(login.json().at("expires_at"), "2026-11-22T22:00:00Z");

  auto me = http().get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("email"), kAdminEmail);

  EXPECT_EQ(http().request("POST", "/api/v1/auth/logout", std::nullopt, bearer(token)).status, 204);
  auto after = http().get("/api/v1/me", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.header("content-type"), "application/problem+json");
}

MSWA_HTTP_ON_EVERY_BACKEND(AuthHttp);

}  // namespace mswa::test
