#pragma once
// Browser sessions (DESIGN §4.1): the web app never holds the token in
// JavaScript. Login sets it as an HttpOnly cookie scoped to the API; writes
// authenticated by that cookie must come from the server's own origin.
#include <optional>
#include <string>

#include "api/http_types.hpp"

namespace mswa::api {

struct BrowserSessionConfig {
  bool secure = true;                        // false only for plain HTTP on one machine
  std::optional<std::string> public_origin;  // scheme://host[:port] of public_url, when configured
};

inline constexpr const char* kSessionCookie = "mswa_session";

// The Set-Cookie value that hands a browser its session, and the one that takes it away.
std::string session_cookie(const std::string& token, const BrowserSessionConfig& config);
std::string cleared_session_cookie(const BrowserSessionConfig& config);

// The session token in the request's Cookie header, or empty.
std::string session_cookie_token(const HttpRequest& req);

// True unless the request carries an Origin header naming another origin
// than the server's own (public_origin, or the Host it was reached at).
bool same_origin_or_none(const HttpRequest& req, const BrowserSessionConfig& config);

// "https://grants.example.org" from "https://grants.example.org/path"; nullopt when not an http(s) URL.
std::optional<std::string> origin_of(const std::string& url);

}  // namespace mswa::api
