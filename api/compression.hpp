#pragma once
// gzip for JSON API answers over 1 KB (DESIGN §8): a list of 200
// applications shrinks about tenfold, which matters on mobile data.
#include <string>
#include <string_view>

#include "api/http_types.hpp"

namespace mswa::api {

// Whether the request's Accept-Encoding takes `coding` (an explicit q=0 refuses it).
bool accepts_encoding(const HttpRequest& req, std::string_view coding);

// Compresses `res` in place when the client accepts gzip and it is JSON of
// more than 1 KB. Answers with an entity tag are left alone: a resource's
// version and an edition file's hash name these exact bytes, and If-Match
// and If-None-Match compare them exactly.
void gzip_json_answer(const HttpRequest& req, HttpResponse& res);

// RFC 1952 gzip of `data` at zlib's default level.
std::string gzip(std::string_view data);

}  // namespace mswa::api
