#pragma once
// The web app's built files (DESIGN §8), served by the same process: read
// into memory once at start-up (a few hundred KB), so a request is a map
// lookup on the I/O thread. Paths outside /api/ that name no file answer
// index.html, for the client's own routing.
#include <map>
#include <optional>
#include <string>

#include "api/http_types.hpp"

namespace mswa::api {

// The Content-Security-Policy of the web app's pages (DESIGN §8, contract).
inline constexpr const char* kWebAppPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

class StaticFiles {
 public:
  // Loads every file under `root`; an empty store when root holds no index.html.
  static StaticFiles load(const std::string& root);

  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }
  // GET or HEAD of a path outside /api/: the file, index.html, or nullopt
  // (a missing file under /assets/, which no client route can be).
  std::optional<HttpResponse> answer(const HttpRequest& req) const;

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string etag;  // quoted, strong: of these exact bytes
    std::string cache_control;
    std::optional<std::string> brotli, gzip;  // prebuilt twins, when the build made them
  };
  HttpResponse serve(const HttpRequest& req, const File& file) const;

  std::map<std::string, File> files_;  // by URL path, e.g. "/assets/index-3f2a.js"
};

}  // namespace mswa::api
