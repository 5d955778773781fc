#pragma once
// Every request: route -> authenticate -> check the role -> handler, with
// denials audited and domain failures turned into problem+json.
#include <mutex>
#include <unordered_set>

#include "api/browser_session.hpp"
#include "api/router.hpp"
#include "api/static_files.hpp"
#include "domain/auth_service.hpp"

namespace mswa::api {

class RequestPipeline {
 public:
  RequestPipeline(Router router, domain::AuthService& auth, domain::Store& store, const domain::Clock& clock,
                  BrowserSessionConfig browser = {}, const StaticFiles* web = nullptr);

  bool needs_worker(const HttpRequest& req) const;
  HttpResponse handle(HttpRequest& req) const;

 private:
  HttpResponse run(HttpRequest& req, const RouteMatch& match) const;
  void audit_denial(const domain::Actor& actor, const HttpRequest& req, const Route& route, int status,
                    const std::string& code = {}) const;
  // Requests without valid credentials are counted in the request metrics;
  // the audit trail gets at most one row per client address per minute, so
  // a flood of them cannot turn into a flood of writes.
  bool first_anonymous_denial_this_minute(const std::string& address) const;

  Router router_;
  domain::AuthService& auth_;
  domain::Store& store_;
  const domain::Clock& clock_;
  BrowserSessionConfig browser_;
  const StaticFiles* web_;
  mutable std::mutex denials_mutex_;
  mutable long long denials_minute_ = -1;
  mutable std::unordered_set<std::string> denied_addresses_;
};

}  // namespace mswa::api
