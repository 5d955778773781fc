#include "api/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/compression.hpp"
#include "api/responses.hpp"
#include "domain/sha256.hpp"

namespace mswa::api {

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string content_type_of(const std::string& ext) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},          {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".ico", "image/x-icon"},               {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},  {".map", "application/json"}};
  const auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

StaticFiles StaticFiles::load(const std::string& root) {
  StaticFiles out;
  std::error_code ec;
  if (root.empty() || !fs::is_regular_file(fs::path(root) / "index.html", ec)) return out;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const fs::path& p = it->path();
    const std::string ext = p.extension().string();
    if (ext == ".br" || ext == ".gz") continue;  // twins are attached to their file below
    const std::string url = "/" + fs::relative(p, root).generic_string();
    File f;
    f.content_type = content_type_of(ext);
    f.body = read_all(p);
    f.etag = "\"" + domain::sha256_hex(f.body).substr(0, 32) + "\"";
    // Built files under /assets/ carry their content hash in the name: they never change.
    f.cache_control = url.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache";
    if (fs::exists(p.string() + ".br")) f.brotli = read_all(p.string() + ".br");
    if (fs::exists(p.string() + ".gz")) f.gzip = read_all(p.string() + ".gz");
    out.files_.emplace(url, std::move(f));
  }
  return out;
}

std::optional<HttpResponse> StaticFiles::answer(const HttpRequest& req) const {
  if (files_.empty()) return std::nullopt;
  if (const auto it = files_.find(req.path); it != files_.end()) return serve(req, it->second);
  if (req.path.rfind("/assets/", 0) == 0) return std::nullopt;  // an old build's file: 404, not a page
  return serve(req, files_.at("/index.html"));
}

HttpResponse StaticFiles::serve(const HttpRequest& req, const File& file) const {
  HttpResponse r;
  r.content_type = file.content_type;
  r.set_header("Cache-Control", file.cache_control);
  r.set_header("Vary", "Accept-Encoding");
  if (file.content_type.rfind("text/html", 0) == 0) r.set_header("Content-Security-Policy", kWebAppPolicy);
  // The compressed twins are other bytes, so other entity tags.
  const std::string* body = &file.body;
  std::string etag = file.etag;
  if (file.brotli && accepts_encoding(req, "br")) {
    body = &*file.brotli;
    etag.insert(etag.size() - 1, "-br");
    r.set_header("Content-Encoding", "br");
  } else if (file.gzip && accepts_encoding(req, "gzip")) {
    body = &*file.gzip;
    etag.insert(etag.size() - 1, "-gz");
    r.set_header("Content-Encoding", "gzip");
  }
  r.set_header("ETag", etag);
  if (if_none_match(req, etag)) {
    r.status = 304;
    return r;
  }
  r.body = *body;
  return r;
}

}  // namespace mswa::api
