#include <nlohmann/json.hpp>

#include "api/dto/portfolio_json.hpp"
#include "api/handlers/handlers.hpp"
#include "api/responses.hpp"

namespace mswa::api {

// Staff's view of the whole pipeline; every other role is refused by the router.
void add_portfolio_routes(Router& router, Services& s) {
  using domain::Role;
  router.add("GET", std::string(kBase) + "/portfolio", domain::RoleSet{Role::admin, Role::programme, Role::finance},
             [&s](RequestContext&) { return json_response(200, to_json(s.donor_summaries.portfolio())); });
}

}  // namespace mswa::api
