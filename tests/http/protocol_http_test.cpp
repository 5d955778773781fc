// HTTP itself: unknown routes, wrong methods, body limits, broken framing,
// the headers every response carries, request ids, and no 5xx for bad input.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <thread>

#include "tests/http/http_fixture.hpp"
#include "tests/support/problem_codes.hpp"

namespace mswa::test {
namespace {

// Writes raw bytes to the server and reads until it closes: for requests the
// client library refuses to build. Answers the status and the raw head.
struct RawAnswer {
  int status = 0;
  std::string text;
  bool has_header(const std::string& lower_line) const {
    std::string lower = text.substr(0, text.find("\r\n\r\n"));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("\r\n" + lower_line) != std::string::npos;
  }
};

RawAnswer raw_exchange(std::uint16_t port, const std::string& bytes) {
  RawAnswer answer;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return answer;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  timeval timeout{10, 0};  // a server that never answers fails the test instead of hanging it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    for (std::size_t sent = 0; sent < bytes.size();) {
      const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;  // the server may stop reading once it has refused the request
      sent += static_cast<std::size_t>(n);
    }
    char buffer[4096];
    for (;;) {
      const auto n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      answer.text.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  if (answer.text.rfind("HTTP/1.1 ", 0) == 0) answer.status = std::atoi(answer.text.c_str() + 9);
  return answer;
}

// X-Request-Id values the server makes itself.
bool looks_generated(const std::string& id) {
  return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

::testing::AssertionResult HasSecurityHeaders(const HttpResult& r) {
  const std::vector<std::pair<std::string, std::string>> required = {
      {"x-content-type-options", "nosniff"}, {"referrer-policy", "no-referrer"}, {"cache-control", "no-store"}};
  for (const auto& [name, value] : required)
    if (r.header(name) != value)
      return ::testing::AssertionFailure() << r.status << ": " << name << " is '" << r.header(name) << "'";
  if (r.header("content-security-policy").empty())
    return ::testing::AssertionFailure() << r.status << ": no Content-Security-Policy";
  if (r.headers.count("server"))
    return ::testing::AssertionFailure() << r.status << ": a Server header '" << r.header("server") << "'";
  if (r.header("x-request-id").empty()) return ::testing::AssertionFailure() << r.status << ": no X-Request-Id";
  return ::testing::AssertionSuccess();
}

}  // namespace

class ProtocolHttp : public HttpTest {
 protected:
  RawAnswer raw(const std::string& bytes) { return raw_exchange(server().port(), bytes); }

  struct BadRequest {
    std::string method;
    std::string path;  // under /api/v1
    std::optional<std::string> body;
    std::string token;
  };
  // Each is answered, with a status below 500, and the server still serves.
  void expect_no_5xx(const std::vector<BadRequest>& requests) {
    for (const auto& [method, path, body, token] : requests) {
      auto r = http().request(method, kApi + path, body, bearer(token));
      EXPECT_GE(r.status, 200) << method << " " << path.substr(0, 100);
      EXPECT_LT(r.status, 500) << method << " " << path.substr(0, 100) << ": " << r.body;
    }
    EXPECT_EQ(http().get(kApi + "/readyz").status, 200) << "the server survived";
  }
};

// A small body limit, so over-limit bodies stay cheap.
class SmallBodyHttp : public HttpTest {
 protected:
  std::function<void(config::AppConfig&)> tweak() override {
    return [](config::AppConfig& c) { c.body_limit_bytes = 2048; };
  }
  static std::string organisation_of_size(std::size_t bytes) {
    nlohmann::json body = {{"name", ""}, {"kind", "member"}, {"country", "KH"}, {"sex_worker_led", true},
                           {"publication", "public"}};
    body["name"] = std::string(bytes - body.dump().size(), 'x');
    return body.dump();
  }
  std::size_t organisation_count() { return all_pages(kApi + "/organisations", admin()).size(); }
};

TEST_P(ProtocolHttp, UnknownRouteIs404ProblemJson) {
  for (const std::string path : {"/api/v1/nothing", "/", "/api/v2/organisations", "/api/v1/organisations/a/b",
                                 "/api/v1/organisations/", "/api/v1//organisations", "/API/V1/ME"}) {
    auto r = http().get(path, admin());
    EXPECT_TRUE(IsProblem(r, 404)) << path;
    EXPECT_TRUE(HasSecurityHeaders(r)) << path;
  }
  EXPECT_TRUE(IsProblem(http().post("/api/v1/nothing", nlohmann::json::object()), 404));
}

TEST_P(ProtocolHttp, WrongMethodIs405WithAllow) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"DELETE", "/api/v1/organisations", "POST, GET"},
      {"PUT", "/api/v1/organisations/" + kUnknownId, "GET, PATCH"},
      {"DELETE", "/api/v1/users/" + kUnknownId, "GET, PATCH"},
      {"GET", "/api/v1/auth/login", "POST"},
      {"GET", "/api/v1/auth/logout", "POST"},
      {"POST", "/api/v1/me", "GET, PATCH"},
      {"PATCH", "/api/v1/audit", "GET"},
      {"POST", "/api/v1/healthz", "GET"},
  };
  for (const auto& [method, path, allow] : cases) {
    auto r = http().request(method, path, std::nullopt, bearer(admin()));
    EXPECT_TRUE(IsProblem(r, 405)) << method << " " << path;
    EXPECT_EQ(r.header("allow"), allow) << method << " " << path;
  }
}

TEST_P(ProtocolHttp, EveryKindOfAnswerCarriesTheSecurityHeaders) {
  const auto member = token_as("member");
  const auto spare = server().login(kAdminEmail, kAdminPassword);
  const auto org = server().create_organisation("member", "TH");
  std::vector<HttpResult> answers = {
      http().get(kApi + "/me", admin()),                                                               // 200
      http().post(kApi + "/organisations",
                  {{"name", "N"}, {"kind", "member"}, {"country", "TH"}, {"sex_worker_led", true},
                   {"publication", "public"}},
                  admin()),                                                                            // 201
      http().request("POST", kApi + "/auth/logout", std::nullopt, bearer(spare)),                       // 204
      send("POST", kApi + "/organisations", "{", admin()),                                             // 400
      http().get(kApi + "/me"),                                                                        // 401
      http().get(kApi + "/users", member),                                                             // 403
      http().get(kApi + "/organisations/" + kUnknownId, member),                                       // 404
      http().request("DELETE", kApi + "/me"),                                                          // 405
      http().patch(kApi + "/organisations/" + org, {{"name", "N"}}, admin(), {{"If-Match", "\"9\""}}),  // 412
      send("POST", kApi + "/organisations", "{}", admin(), "text/plain"),                              // 415
      http().post(kApi + "/organisations", nlohmann::json::object(), admin()),                         // 422
      http().get(kApi + "/healthz"),
      http().get(kApi + "/readyz"),
      http().get(kApi + "/metrics"),
      http().request("HEAD", kApi + "/healthz"),
  };
  std::vector<int> statuses;
  for (const auto& r : answers) {
    EXPECT_TRUE(HasSecurityHeaders(r));
    statuses.push_back(r.status);
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 201, 204, 400, 401, 403, 404, 405, 412, 415, 422, 200, 200, 200, 200}));
}

TEST_P(ProtocolHttp, ThrottledLoginCarriesTheSecurityHeaders) {
  for (int i = 0; i < 10; ++i) ASSERT_EQ(login(kAdminEmail, "wrong-password").status, 401);
  auto r = login(kAdminEmail, kAdminPassword);
  ASSERT_EQ(r.status, 429);
  EXPECT_TRUE(HasSecurityHeaders(r));
}

TEST_P(ProtocolHttp, SaneRequestIdIsEchoed) {
  for (const auto& id : std::vector<std::string>{"abc-123_X.y:z", "0f8fad5b-d9cb-469f-a165-70867728950e",
                                                  std::string(128, 'r')}) {
    auto r = http().request("GET", kApi + "/healthz", std::nullopt, {{"X-Request-Id", id}});
    EXPECT_EQ(r.header("x-request-id"), id);
  }
}

TEST_P(ProtocolHttp, UnsaneOrMissingRequestIdIsReplaced) {
  for (const auto& id : std::vector<std::string>{"has space", "<script>alert(1)</script>", "quote\"d",
                                                  std::string(129, 'r'), "", "ไทย", "semi;colon"}) {
    auto r = http().request("GET", kApi + "/healthz", std::nullopt, {{"X-Request-Id", id}});
    EXPECT_NE(r.header("x-request-id"), id);
    EXPECT_TRUE(looks_generated(r.header("x-request-id"))) << "'" << id << "' gave '" << r.header("x-request-id") << "'";
  }
  const auto first = http().get(kApi + "/healthz").header("x-request-id");
  const auto second = http().get(kApi + "/healthz").header("x-request-id");
  EXPECT_TRUE(looks_generated(first)) << first;
  EXPECT_NE(first, second);
}

TEST_P(ProtocolHttp, BrokenHttpIs400) {
  for (const auto& bytes : {std::string("GARBAGE\r\n\r\n"),
                                  std::string("GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
                                  std::string("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                              "Content-Length: 3\r\n\r\n{}")}) {
    auto r = raw(bytes);
    EXPECT_EQ(r.status, 400) << r.text;
    EXPECT_TRUE(r.has_header("x-content-type-options: nosniff")) << r.text;
    EXPECT_TRUE(HasDocumentedCodes(r.text.substr(r.text.find("\r\n\r\n") + 4))) << r.text;
  }
}

TEST_P(ProtocolHttp, OversizedHeadersAre431) {
  auto r = http().request("GET", kApi + "/healthz", std::nullopt, {{"X-Padding", std::string(20000, 'p')}});
  EXPECT_TRUE(IsProblem(r, 431));
  EXPECT_TRUE(HasSecurityHeaders(r));
}

// Bad input of every kind: never a 5xx. Ids and query values are data, even
// when they are not valid UTF-8, hold NUL bytes or are very long.
TEST_P(ProtocolHttp, InvalidUtf8InPathIdsNeverGets5xx) {
  expect_no_5xx({
      {"GET", "/organisations/%FF%FE", std::nullopt, admin()},
      {"GET", "/organisations/%C3%28", std::nullopt, admin()},
      {"GET", "/organisations/%C3%28", std::nullopt, token_as("member")},  // out of scope: audited
      {"PATCH", "/organisations/%FF", R"({"name":"x"})", admin()},
      {"GET", "/users/%FF", std::nullopt, admin()},
      {"PATCH", "/users/%E2%82", R"({"name":"x"})", admin()},
  });
}

TEST_P(ProtocolHttp, OddPathIdsNeverGet5xx) {
  expect_no_5xx({
      {"GET", "/organisations/%00", std::nullopt, admin()},
      {"GET", "/organisations/" + std::string(5000, 'a'), std::nullopt, admin()},
      {"GET", "/organisations/" + std::string(5000, 'a'), std::nullopt, token_as("member")},
      {"GET", "/users/%27%3B%20DROP%20TABLE%20users%3B--", std::nullopt, admin()},
      {"PATCH", "/users/%00", R"({"name":"x"})", admin()},
  });
  EXPECT_EQ(all_pages(kApi + "/users", admin()).size(), 2u);
}

// An id that is not a UUID names no record: the same 404 as a missing one,
// before any database work, so a long random id never reaches an index or
// the audit trail.
TEST_P(ProtocolHttp, IdsThatAreNotUuidsAnswerAsMissingOnes) {
  const auto missing = http().get(kApi + "/organisations/8f0c3a52-3e1d-4b7a-9a4c-2f6b1d0e7c55", admin());
  ASSERT_EQ(missing.status, 404);
  const std::string member = token_as("member");
  const auto audited_before = audit_trail().size();
  for (const auto& id : {std::string("not-a-uuid"), std::string(3000, 'a'), std::string("8f0c3a52-3e1d-4b7a-9a4c-2f6b1d0e7c5")})
    for (const auto& token : {admin(), std::string(), member}) {
      const auto r = http().get(kApi + "/organisations/" + id, token);
      EXPECT_EQ(r.status, 404) << id.substr(0, 40);
      EXPECT_EQ(r.body, missing.body);
    }
  EXPECT_EQ(audit_trail().size(), audited_before);
}

TEST_P(ProtocolHttp, InvalidUtf8InQueryValuesNeverGets5xx) {
  expect_no_5xx({
      {"GET", "/users?organisation_id=%FF", std::nullopt, admin()},
      {"GET", "/users?role=%FF", std::nullopt, admin()},
      {"GET", "/audit?entity_id=%FF&entity_type=%FE", std::nullopt, admin()},
      {"GET", "/organisations?limit=%FF", std::nullopt, admin()},
      {"GET", "/organisations?limit=1%00", std::nullopt, admin()},
  });
}

TEST_P(ProtocolHttp, ForgedCursorsNeverGet5xx) {
  expect_no_5xx({
      {"GET", "/organisations?cursor=MTc5NTM0MTYwMDAwMDr_", std::nullopt, admin()},  // "1795341600000:\xff"
      {"GET", "/users?cursor=MTc5NTM0MTYwMDAwMDr_", std::nullopt, admin()},
      {"GET", "/organisations?cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmE", std::nullopt, admin()},  // a 21-digit time
      {"GET", "/audit?cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk5", std::nullopt, admin()},              // a 21-digit seq
      {"GET", "/audit?cursor=LTE", std::nullopt, admin()},                                        // "-1"
  });
}

TEST_P(ProtocolHttp, HostileJsonBodiesNeverGet5xx) {
  expect_no_5xx({
      {"POST", "/organisations",
       R"({"name":"x","kind":"member","country":"KH","sex_worker_led":1e999,"publication":"public"})", admin()},
      {"POST", "/organisations", R"({"name":"x","kind":"member","country":"KH","sex_worker_led":-1e999})", admin()},
      {"POST", "/auth/login", R"({"email":1e400,"password":"x"})", ""},
      {"POST", "/users",
       R"({"email":"nul@example.org","name":"a\u0000b","role":"member","password":"a-long-enough-password"})", admin()},
      {"POST", "/organisations",
       R"({"name":"\u0000","kind":"member","country":"K\u0000","sex_worker_led":true,"publication":"public"})",
       admin()},
      {"POST", "/organisations", R"({"name":"\ud800","kind":"member"})", admin()},
      {"POST", "/organisations", "{\"name\":\"\xff\xfe\"}", admin()},
      {"POST", "/organisations", std::string(5000, '[') + std::string(5000, ']'), admin()},
      {"POST", "/organisations", "{\"name\":" + std::string(5000, '[') + std::string(5000, ']') + "}", admin()},
      {"POST", "/organisations", R"({"name":"x","name":"y"})", admin()},
      {"PATCH", "/organisations/" + kUnknownId, "null", admin()},
      {"PATCH", "/users/" + kUnknownId, "[]", admin()},
  });
}

TEST_P(ProtocolHttp, HostileLoginsNeverGet5xx) {
  expect_no_5xx({
      {"POST", "/auth/login", R"({"email":"admin@mswa.test\u0000x","password":"x"})", ""},
      {"POST", "/auth/login", R"({"email":"\u00ff@example.org","password":"x"})", ""},
      {"POST", "/auth/login", "{\"email\":\"" + std::string(100000, 'e') + "\",\"password\":\"x\"}", ""},
      {"POST", "/auth/login", "{\"email\":\"a@b.c\",\"password\":\"" + std::string(100000, 'p') + "\"}", ""},
  });
}

TEST_P(ProtocolHttp, WeirdHeadersNeverGet5xx) {
  const std::vector<std::map<std::string, std::string>> cases = {
      {{"Authorization", "Bearer \xff\xfe\xfd"}},
      {{"Authorization", "Bearer " + std::string(8000, 't')}},
      {{"Authorization", "Bearer"}},
      {{"X-Request-Id", "\xff\xfe"}},
      {{"If-Match", "\"99999999999999999999\""}},
      {{"If-Match", "W/\"1\""}},
      {{"If-Match", "*"}},
      {{"Content-Type", "application/json; charset=\xff"}},
  };
  const auto org = server().create_organisation("member", "TH");
  for (auto headers : cases) {
    const auto auth = headers.count("Authorization") ? headers.at("Authorization") : "Bearer " + admin();
    headers["Authorization"] = auth;
    auto r = http().request("PATCH", kApi + "/organisations/" + org, R"({"name":"y"})", headers);
    EXPECT_LT(r.status, 500) << headers.begin()->first << ": " << r.body;
    EXPECT_TRUE(HasSecurityHeaders(r));
  }
}

TEST_P(SmallBodyHttp, BodyOverTheLimitIs413AndWritesNothing) {
  const auto before = organisation_count();
  auto r = send("POST", kApi + "/organisations", organisation_of_size(4096), admin());
  EXPECT_TRUE(IsProblem(r, 413));
  EXPECT_TRUE(HasSecurityHeaders(r));
  auto unauthenticated = send("POST", kApi + "/auth/login", std::string(2049, ' ') + "{}", "");
  EXPECT_TRUE(IsProblem(unauthenticated, 413));
  EXPECT_EQ(organisation_count(), before);
}

TEST_P(SmallBodyHttp, BodyAtTheLimitIsRead) {
  auto r = send("POST", kApi + "/organisations", organisation_of_size(2048), admin());
  EXPECT_TRUE(IsInvalid(r, {"/name"})) << "read, parsed and refused for its long name, not for its size";
}

TEST_P(SmallBodyHttp, ChunkedBodyOverTheLimitIs413) {
  const std::string chunk(1500, ' ');
  std::string request = "POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin() +
                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  for (int i = 0; i < 3; ++i) request += size + chunk + "\r\n";
  request += "0\r\n\r\n";
  const auto before = organisation_count();
  auto r = raw_exchange(server().port(), request);
  EXPECT_EQ(r.status, 413) << r.text;
  EXPECT_TRUE(r.has_header("x-content-type-options: nosniff")) << r.text;
  EXPECT_EQ(organisation_count(), before);
}

// gunzip of a whole body, for checking what the server compressed.
std::string gunzip(const std::string& data) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out;
  char buffer[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string("(not gzip)");
}

TEST_P(ProtocolHttp, JsonOverOneKilobyteIsGzippedForClientsThatAcceptIt) {
  for (int i = 0; i < 12; ++i) server().create_organisation("member", "KH");
  auto headers = bearer(admin());
  auto plain = http().request("GET", kApi + "/organisations?limit=200", std::nullopt, headers);
  ASSERT_EQ(plain.status, 200);
  ASSERT_GT(plain.body.size(), 1024u);
  EXPECT_EQ(plain.header("content-encoding"), "");
  headers["Accept-Encoding"] = "gzip, deflate, br";
  auto zipped = http().request("GET", kApi + "/organisations?limit=200", std::nullopt, headers);
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.header("vary"), "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), plain.body.size() / 2);
  EXPECT_EQ(gunzip(zipped.body), plain.body);
  // Refused by weight, or too small to be worth it: sent as it is.
  headers["Accept-Encoding"] = "gzip;q=0";
  EXPECT_EQ(http().request("GET", kApi + "/organisations?limit=200", std::nullopt, headers).header("content-encoding"), "");
  headers["Accept-Encoding"] = "gzip";
  EXPECT_EQ(http().request("GET", kApi + "/me", std::nullopt, headers).header("content-encoding"), "");
}

// DESIGN §11: per-address rate limits and a cap on open connections.
class LimitedHttp : public HttpTest {
 protected:
  std::function<void(config::AppConfig&)> tweak() override {
    return [](config::AppConfig& c) {
      c.rate_limit_per_second = 1;
      c.rate_limit_burst = 5;
      c.max_connections = 3;
    };
  }
  // A connection that is open and says nothing.
  static int idle_connection(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    return fd;
  }
};

TEST_P(LimitedHttp, AnAddressOverItsRateGets429WithRetryAfterBeforeItsBodyIsRead) {
  // The fixture's own set-up requests (the admin's login) took one token.
  int ok = 0, limited = 0;
  HttpResult refusal;
  for (int i = 0; i < 14; ++i) {
    auto r = http().get(kApi + "/healthz");
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      refusal = r;
    }
  }
  // A burst of 5 less the login, plus at most a token or two refilled while the loop ran.
  EXPECT_GE(ok, 3);
  EXPECT_LE(ok, 6);
  EXPECT_EQ(ok + limited, 14);
  ASSERT_GT(limited, 0);
  EXPECT_TRUE(IsProblem(refusal, 429));
  EXPECT_EQ(refusal.json().at("code"), "rate_limited");
  EXPECT_GE(std::stoi(refusal.header("retry-after")), 1);
  EXPECT_TRUE(HasSecurityHeaders(refusal));
  // A write refused for its rate writes nothing.
  auto write = http().post(kApi + "/organisations", {{"name", "X"}}, admin());
  EXPECT_EQ(write.status, 429);
}

TEST_P(LimitedHttp, ConnectionsOverTheCapAreClosedUnanswered) {
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(idle_connection(server().port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the server accept them
  auto refused = raw_exchange(server().port(), "GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(refused.status, 0) << refused.text;
  EXPECT_TRUE(refused.text.empty()) << refused.text;
  for (int fd : held) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the server see them go
  auto answered = raw_exchange(server().port(), "GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answered.status, 200) << answered.text;
}

MSWA_HTTP_ON_EVERY_BACKEND(ProtocolHttp);
MSWA_HTTP_ON_EVERY_BACKEND(SmallBodyHttp);
MSWA_HTTP_ON_EVERY_BACKEND(LimitedHttp);

}  // namespace mswa::test
