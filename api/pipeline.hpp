#pragma once
// Every request: route -> authenticate -> check the role -> handler, with
// denials audited and domain failures turned into problem+json.
#include "api/router.hpp"
#include "domain/auth_service.hpp"

namespace mswa::api {

class RequestPipeline {
 public:
  RequestPipeline(Router router, domain::AuthService& auth, domain::Store& store, const domain::Clock& clock);

  bool needs_worker(const HttpRequest& req) const;
  HttpResponse handle(HttpRequest& req) const;

 private:
  HttpResponse run(HttpRequest& req, const RouteMatch& match) const;
  void audit_denial(const domain::Actor& actor, const HttpRequest& req, const Route& route, int status) const;

  Router router_;
  domain::AuthService& auth_;
  domain::Store& store_;
  const domain::Clock& clock_;
};

}  // namespace mswa::api
