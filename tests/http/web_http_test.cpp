// The web app's files (DESIGN §8): client routing, caching, compressed
// twins, entity tags and the page policy, beside an API that answers as before.
#include <filesystem>
#include <fstream>

#include "api/static_files.hpp"
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

namespace fs = std::filesystem;

class WebHttp : public HttpTest {
 protected:
  WebHttp() : root_(fs::temp_directory_path() / ("mswa-web-" + std::to_string(::getpid()) + "-" + std::to_string(++runs_))) {
    fs::create_directories(root_ / "assets");
    write("index.html", kIndex);
    write("sw.js", "self.addEventListener('install', () => {});");
    write("assets/index-3f2a9c.js", kScript);
    write("assets/index-3f2a9c.js.br", "BROTLI-BYTES");
    write("assets/index-3f2a9c.js.gz", "GZIP-BYTES");
    write("assets/app-77aa.css", "body{margin:0}");
  }
  ~WebHttp() override { fs::remove_all(root_); }
  std::function<void(config::AppConfig&)> tweak() override {
    return [root = root_.string()](config::AppConfig& c) { c.web_root = root; };
  }
  void write(const std::string& name, const std::string& text) { std::ofstream(root_ / name, std::ios::binary) << text; }
  HttpResult fetch(const std::string& path, std::map<std::string, std::string> headers = {},
                   const std::string& method = "GET") {
    return http().request(method, path, std::nullopt, headers);
  }

  static constexpr const char* kIndex = "<!doctype html><html lang=\"en\"><title>MSWA Grants</title><div id=app></div>";
  static constexpr const char* kScript = "console.log('the app');";
  fs::path root_;
  static inline int runs_ = 0;
};

TEST_P(WebHttp, TheAppIsServedAtTheRootWithItsPagePolicy) {
  auto r = fetch("/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, kIndex);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("content-security-policy"), api::kWebAppPolicy);
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(r.header("cross-origin-opener-policy"), "same-origin");
  EXPECT_EQ(r.header("permissions-policy"), "camera=(), microphone=(), geolocation=()");
  EXPECT_FALSE(r.header("etag").empty());
  EXPECT_EQ(fetch("/index.html").body, kIndex);
}

TEST_P(WebHttp, EveryOtherPathOutsideTheApiIsTheAppForClientRouting) {
  for (const std::string path : {"/calls/123", "/applications/x/edit", "/km/sign-in", "/../../etc/passwd", "/sw.jsx"}) {
    auto r = fetch(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
  }
  // The API keeps its own answers: an unknown API path is still problem+json.
  EXPECT_TRUE(IsProblem(fetch("/api/x"), 404));
  EXPECT_TRUE(IsProblem(fetch("/api/v1/nothing"), 404));
  EXPECT_EQ(fetch("/api/v1/healthz").status, 200);
  // A file of an older build is gone, not a page.
  EXPECT_TRUE(IsProblem(fetch("/assets/index-0000.js"), 404));
  // Only GET and HEAD reach the files.
  EXPECT_NE(fetch("/calls/123", {}, "POST").status, 200);
}

TEST_P(WebHttp, HashedAssetsAreImmutableAndTheShellIsRevalidated) {
  auto js = fetch("/assets/index-3f2a9c.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.body, kScript);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(fetch("/assets/app-77aa.css").header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(fetch("/sw.js").header("cache-control"), "no-cache");
  // The page policy is for pages; a script keeps the API's strict default.
  EXPECT_NE(js.header("content-security-policy"), api::kWebAppPolicy);
}

TEST_P(WebHttp, PrebuiltTwinsFollowAcceptEncoding) {
  const std::string path = "/assets/index-3f2a9c.js";
  auto br = fetch(path, {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(br.header("vary"), "Accept-Encoding");
  auto gz = fetch(path, {{"Accept-Encoding", "br;q=0, gzip"}});
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  auto plain = fetch(path, {{"Accept-Encoding", "identity"}});
  EXPECT_EQ(plain.body, kScript);
  EXPECT_EQ(plain.header("content-encoding"), "");
  // Other bytes, other tags.
  EXPECT_NE(br.header("etag"), gz.header("etag"));
  EXPECT_NE(gz.header("etag"), plain.header("etag"));
  // No twin on disk: the file itself, whatever is accepted.
  auto css = fetch("/assets/app-77aa.css", {{"Accept-Encoding", "br, gzip"}});
  EXPECT_EQ(css.body, "body{margin:0}");
  EXPECT_EQ(css.header("content-encoding"), "");
}

TEST_P(WebHttp, AMatchingEntityTagAnswers304) {
  const auto etag = fetch("/").header("etag");
  auto again = fetch("/calls/9", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(fetch("/", {{"If-None-Match", "W/" + etag}}).status, 304);
  EXPECT_EQ(fetch("/", {{"If-None-Match", "\"other\", " + etag}}).status, 304);
  EXPECT_EQ(fetch("/", {{"If-None-Match", "\"other\""}}).status, 200);
  const auto br = fetch("/assets/index-3f2a9c.js", {{"Accept-Encoding", "br"}}).header("etag");
  EXPECT_EQ(fetch("/assets/index-3f2a9c.js", {{"Accept-Encoding", "br"}, {"If-None-Match", br}}).status, 304);
  EXPECT_EQ(fetch("/assets/index-3f2a9c.js", {{"If-None-Match", br}}).status, 200);  // the plain bytes differ
}

TEST_P(WebHttp, HeadAnswersTheHeadersWithoutTheBody) {
  auto r = fetch("/", {}, "HEAD");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.header("content-length"), std::to_string(std::string(kIndex).size()));
}

MSWA_HTTP_ON_EVERY_BACKEND(WebHttp);

}  // namespace mswa::test
