#include "api/browser_session.hpp"

#include <string_view>

namespace mswa::api {

namespace {

std::string attributes(const BrowserSessionConfig& config) {
  return std::string("; HttpOnly; SameSite=Strict; Path=/api/") + (config.secure ? "; Secure" : "");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::string session_cookie(const std::string& token, const BrowserSessionConfig& config) {
  // No Max-Age: the cookie dies with the browser; the server ends the session sooner or later anyway.
  return std::string(kSessionCookie) + "=" + token + attributes(config);
}

std::string cleared_session_cookie(const BrowserSessionConfig& config) {
  return std::string(kSessionCookie) + "=" + attributes(config) + "; Max-Age=0";
}

std::string session_cookie_token(const HttpRequest& req) {
  for (const auto& [name, value] : req.headers) {
    if (name != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      const std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == kSessionCookie)
        return std::string(trim(pair.substr(eq + 1)));
    }
  }
  return {};
}

std::optional<std::string> origin_of(const std::string& url) {
  const std::string l = lower(url);
  std::size_t start = 0;
  if (l.rfind("http://", 0) == 0) start = 7;
  else if (l.rfind("https://", 0) == 0) start = 8;
  else return std::nullopt;
  const auto end = l.find_first_of("/?#", start);
  const std::string origin = l.substr(0, end);
  if (origin.size() == start) return std::nullopt;
  return origin;
}

bool same_origin_or_none(const HttpRequest& req, const BrowserSessionConfig& config) {
  const auto origin = req.header("origin");
  if (!origin) return true;
  const std::string sent = lower(trim(*origin));
  if (config.public_origin) return sent == *config.public_origin;
  // Without public_url the server knows itself only by the Host it was
  // reached at; the scheme is whatever a proxy in front terminates.
  const auto host = req.header("host");
  if (!host || host->empty()) return false;
  const std::string h = lower(trim(*host));
  return sent == "http://" + h || sent == "https://" + h;
}

}  // namespace mswa::api
