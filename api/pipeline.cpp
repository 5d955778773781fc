#include "api/pipeline.hpp"

#include <chrono>
#include <exception>
#include <thread>

#include "api/access_log.hpp"
#include "api/problem.hpp"
#include "domain/text.hpp"

namespace mswa::api {

namespace {

// Tries of a read that met a lost connection, or of any request the
// database rolled back whole (a deadlock or serialization failure).
constexpr int kAttempts = 3;

std::string bearer_token(const HttpRequest& req) {
  const auto value = req.header("authorization");
  if (!value || value->size() < 7) return {};
  std::string scheme = value->substr(0, 7);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  auto token = value->substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  return token;
}

bool is_write(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// What a user who must choose a new password may still do.
bool open_before_password_change(const Route& route) {
  return (route.method == "GET" && route.pattern == "/api/v1/me") ||
         (route.method == "POST" && route.pattern == "/api/v1/me/password") ||
         (route.method == "POST" && route.pattern == "/api/v1/auth/logout");
}

HttpResponse cross_origin_problem(const std::string& instance) {
  return problem(403, "forbidden", "cross_origin", "Not allowed",
                 "A browser request from another site may not change anything.", instance);
}

// Beyond this many addresses in one minute the trail gets no more rows
// (the metrics still count every denial): memory stays bounded.
constexpr std::size_t kMaxDeniedAddressesPerMinute = 10'000;

// Ids and filters travel on into SQL, JSON and the audit trail: UTF-8, and
// no NUL (PostgreSQL's driver would stop reading there and match a prefix).
bool clean_text(const std::string& s) { return s.find('\0') == std::string::npos && domain::utf8_length(s); }

bool target_is_clean(const HttpRequest& req) {
  if (!clean_text(req.path)) return false;
  for (const auto& [key, value] : req.query)
    if (!clean_text(key) || !clean_text(value)) return false;
  return true;
}

// 8-4-4-4-12 hexadecimal digits: the shape of every id the service makes.
bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

}  // namespace

RequestPipeline::RequestPipeline(Router router, domain::AuthService& auth, domain::Store& store,
                                 const domain::Clock& clock, BrowserSessionConfig browser, const StaticFiles* web)
    : router_(std::move(router)),
      auth_(auth),
      store_(store),
      clock_(clock),
      browser_(std::move(browser)),
      web_(web) {}

bool RequestPipeline::needs_worker(const HttpRequest& req) const {
  const auto match = router_.match(req.method, req.path);
  return match.route && (match.route->uses_db || match.route->roles);
}

HttpResponse RequestPipeline::handle(HttpRequest& req) const {
  if (!target_is_clean(req)) {
    auto r = problem(400, "bad-request", "bad_request", "Bad request",
                     "The path and query must be valid UTF-8 without NUL.", "");
    r.route = "unmatched";
    return r;
  }
  // The web app owns every GET outside /api/ (DESIGN §8).
  if (web_ && (req.method == "GET" || req.method == "HEAD") && req.path.rfind("/api/", 0) != 0) {
    if (auto r = web_->answer(req)) {
      r->route = "web";
      return *r;
    }
  }
  const auto match = router_.match(req.method, req.path);
  if (!match.route) {
    if (match.allowed_methods.empty()) {
      auto r = not_found_problem(req.path);
      r.route = "unmatched";
      return r;
    }
    std::string allow;
    for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
    auto r = problem(405, "method-not-allowed", "method_not_allowed", "Method not allowed",
                     "This path answers " + allow + ".", req.path);
    r.set_header("Allow", allow);
    r.route = "unmatched";
    return r;
  }
  // An id no record can have answers as a missing one does, before any
  // database work: a long random id never reaches an index.
  if (const auto id = match.params.find("id"); id != match.params.end() && !is_uuid(id->second)) {
    auto r = not_found_problem(match.route->pattern);
    r.route = match.route->pattern;
    return r;
  }
  HttpResponse r;
  // A read that met a dropped connection (a database restart) is tried again
  // on a reopened one: the caller sees the restart only if it lasts.
  const bool safe = req.method == "GET" || req.method == "HEAD";
  try {
    for (int attempt = 1;; ++attempt) {
      try {
        r = run(req, match);
        break;
      } catch (const domain::Failure& f) {
        // A write is run again only when the database rolled it back whole.
        const bool again = (safe && f.error().code == domain::ErrorCode::unavailable) || f.error().retry;
        if (!again || attempt == kAttempts) throw;
        if (f.error().retry) std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
      }
    }
  } catch (const domain::Failure& f) {
    r = from_error(f.error(), match.route->pattern);
  } catch (const std::exception& e) {
    // The log keeps the cause for operators; the client gets no internals.
    log_error(req.request_id, match.route->pattern, e.what());
    r = internal_problem(match.route->pattern);
  }
  r.route = match.route->pattern;
  return r;
}

HttpResponse RequestPipeline::run(HttpRequest& req, const RouteMatch& match) const {
  const Route& route = *match.route;
  RequestContext ctx{req, match.params, std::nullopt, {}, route.pattern};
  if (route.roles) {
    // The Authorization header wins; a browser's cookie counts only without it.
    ctx.bearer_token = bearer_token(req);
    const bool by_cookie = ctx.bearer_token.empty() && !(ctx.bearer_token = session_cookie_token(req)).empty();
    auto who = auth_.authenticate(ctx.bearer_token);
    if (!who.ok()) {
      if (first_anonymous_denial_this_minute(req.remote))
        audit_denial(domain::Actor::anonymous(req.request_id), req, route, 401);
      return from_error(who.error(), route.pattern);
    }
    const auto actor = domain::Actor::of(who.value(), req.request_id);
    // A page elsewhere cannot make a signed-in browser write on its behalf.
    if (by_cookie && is_write(req.method) && !same_origin_or_none(req, browser_)) {
      audit_denial(actor, req, route, 403, "cross_origin");
      return cross_origin_problem(route.pattern);
    }
    if (!route.roles->contains(who.value().role)) {
      audit_denial(actor, req, route, 403);
      return problem(403, "forbidden", "forbidden", "Not allowed", "Your role may not use this route.", route.pattern);
    }
    if (who.value().password_change_required && !open_before_password_change(route)) {
      audit_denial(actor, req, route, 403, "password_change_required");
      return problem(403, "forbidden", "password_change_required", "Not allowed",
                     "Choose a new password first (POST /api/v1/me/password): yours was reset by an admin.",
                     route.pattern);
    }
    ctx.principal = who.value();
  } else if (route.method == "POST" && !same_origin_or_none(req, browser_)) {
    // Public writes (signing in) from another site's page are refused too.
    return cross_origin_problem(route.pattern);
  }
  return route.handler(ctx);
}

bool RequestPipeline::first_anonymous_denial_this_minute(const std::string& address) const {
  const long long minute = clock_.now_ms() / 60'000;
  std::lock_guard lock(denials_mutex_);
  if (minute != denials_minute_) {
    denials_minute_ = minute;
    denied_addresses_.clear();
  }
  if (denied_addresses_.size() >= kMaxDeniedAddressesPerMinute) return false;
  return denied_addresses_.insert(address).second;
}

void RequestPipeline::audit_denial(const domain::Actor& actor, const HttpRequest& req, const Route& route, int status,
                                   const std::string& code) const {
  std::vector<std::pair<std::string, std::string>> details{{"status", std::to_string(status)}};
  if (!code.empty()) details.emplace_back("code", code);
  // Anonymous denials are summarised: this row stands for every one from
  // the address in this minute (the request metrics count them all).
  if (!actor.user_id) details.emplace_back("address", req.remote);
  auto uow = store_.begin(domain::Access::write);
  uow->audit().append({clock_.now_ms(), actor, "request.denied", "route", req.method + " " + route.pattern, "denied",
                       std::move(details)});
  uow->commit();
}

}  // namespace mswa::api
