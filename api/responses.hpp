#pragma once
// Small helpers every handler uses: JSON bodies, ETags, pages, instants.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <variant>

#include "api/http_types.hpp"
#include "api/router.hpp"
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/page.hpp"

namespace mswa::api {

HttpResponse json_response(int status, const nlohmann::json& body);
HttpResponse no_content();
// A response for a versioned resource: the ETag carries the version.
HttpResponse versioned_response(int status, const nlohmann::json& body, long long version);

// If-Match as a version: nullopt when absent or "*"; an unreadable value
// yields a version no resource has, so it fails as stale.
std::optional<long long> if_match_version(const HttpRequest& req);
// Whether If-None-Match names `etag` (quoted): "*", a list, W/ prefixes (RFC 9110's weak comparison).
bool if_none_match(const HttpRequest& req, const std::string& etag);

// ?limit= (default 50, capped at 200) and ?cursor=; 422 naming the parameter when malformed.
std::variant<domain::PageRequest, HttpResponse> read_page(const RequestContext& ctx);
// {"items": [...], "next_cursor": ...}
nlohmann::json page_json(nlohmann::json items, const std::optional<std::string>& next_after);

// The value, or JSON null for an absent optional.
// (Json is a parameter so this header needs only json_fwd.hpp.)
template <class T, class Json = nlohmann::json>
Json nullable_json(const std::optional<T>& v);

// RFC 3339 UTC with seconds, e.g. 2026-11-22T10:00:00Z.
std::string rfc3339(domain::EpochMs t);

// Sets Content-Disposition to download as "<reference>-<date>-<suffix>",
// the reference reduced to letters, digits, dot, dash and underscore so it
// is safe in the quoted filename.
void set_download_name(HttpResponse& r, const std::string& reference, const std::string& date,
                       const std::string& suffix);
// The same, or JSON null for an instant that has not happened.
template <class Json = nlohmann::json>
Json nullable_rfc3339(const std::optional<domain::EpochMs>& t) {
  return t ? Json(rfc3339(*t)) : Json(nullptr);
}

// Runs a domain result through `render`, or turns its error into problem+json.
template <class T, class F>
HttpResponse respond(const domain::Result<T>& result, const RequestContext& ctx, F&& render);

HttpResponse error_response(const domain::Error& error, const RequestContext& ctx);

template <class T, class Json>
Json nullable_json(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

template <class T, class F>
HttpResponse respond(const domain::Result<T>& result, const RequestContext& ctx, F&& render) {
  if (!result.ok()) return error_response(result.error(), ctx);
  return render(result.value());
}

}  // namespace mswa::api
