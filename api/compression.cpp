#include "api/compression.hpp"

#include <zlib.h>

#include <sstream>
#include <stdexcept>

namespace mswa::api {

bool accepts_encoding(const HttpRequest& req, std::string_view coding) {
  const auto header = req.header("accept-encoding");
  if (!header) return false;
  std::stringstream items(*header);
  std::string item;
  while (std::getline(items, item, ',')) {
    const auto semi = item.find(';');
    std::string name = item.substr(0, semi);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name != coding) continue;
    if (semi == std::string::npos) return true;
    // "q=0", "q=0.0", "q=0.000": refused; any other weight accepts.
    const auto q = item.find("q=", semi);
    if (q == std::string::npos) return true;
    return item.find_first_of("123456789", q + 2) != std::string::npos;
  }
  return false;
}

std::string gzip(std::string_view data) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  return out;
}

void gzip_json_answer(const HttpRequest& req, HttpResponse& res) {
  const bool json = res.content_type == "application/json" || res.content_type == "application/problem+json";
  if (!json || res.body.size() <= 1024 || req.method == "HEAD" || !accepts_encoding(req, "gzip")) return;
  for (const auto& [name, value] : res.headers)
    if (name == "ETag" || name == "Content-Encoding") return;
  res.body = gzip(res.body);
  res.set_header("Content-Encoding", "gzip");
  res.set_header("Vary", "Accept-Encoding");
}

}  // namespace mswa::api
