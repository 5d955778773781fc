#include "api/app.hpp"

#include <filesystem>

#include "api/access_log.hpp"
#include "api/domain_services.hpp"
#include "api/handlers/handlers.hpp"
#include "api/maintenance_loop.hpp"
#include "api/metrics.hpp"
#include "api/pipeline.hpp"
#include "api/server.hpp"
#include "api/sodium_credentials.hpp"
#include "domain/auth_service.hpp"
#include "domain/maintenance_service.hpp"
#include "demo/seed.hpp"
#include "persistence/database.hpp"
#include "persistence/migrator.hpp"
#include "persistence/soci_store.hpp"

namespace mswa::api {

namespace {
// A path next to the running binary (build/mswa-grants -> build/NAME).
std::string beside_binary(const std::string& name) {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? name : (exe.parent_path() / name).string();
}

std::size_t init_sodium_once() {
  init_sodium();
  return 0;
}
}  // namespace

struct App::Impl {
  Impl(config::AppConfig c, const domain::Clock& clk)
      : config(std::move(c)),
        clock(clk),
        sodium_ready(init_sodium_once()),
        database(persistence::DatabaseUrl::parse(config.db), config.db_pool_size),
        migrated((persistence::migrate(database), true)),
        store(database),
        hasher(config.password_ops_limit, config.password_mem_limit_bytes),
        auth(store, clock, hasher, tokens, session_policy(), throttle_policy()),
        core(store, clock, hasher),
        // Two processes on one database hold different names for the lease.
        maintenance(store, clock,
                    domain::MaintenancePolicy{session_policy(), throttle_policy(),
                                              domain::DisbursementService::kKeyLifetimeMs,
                                              2 * domain::EpochMs{config.maintenance_interval_seconds} * 1000},
                    "serve-" + random_hex(8)) {}

  domain::SessionPolicy session_policy() const {
    return {domain::minutes_ms(config.session_idle_minutes), domain::hours_ms(config.session_absolute_hours),
            domain::minutes_ms(1)};
  }
  domain::LoginThrottlePolicy throttle_policy() const {
    return {config.login_max_failures, domain::minutes_ms(config.login_window_minutes)};
  }

  config::AppConfig config;
  const domain::Clock& clock;
  std::size_t sodium_ready;
  persistence::Database database;
  bool migrated;
  persistence::SociStore store;
  SodiumPasswordHasher hasher;
  SodiumTokenIssuer tokens;
  domain::AuthService auth;
  DomainServices core;
  domain::MaintenanceService maintenance;
  std::unique_ptr<MaintenanceLoop> maintenance_loop;
  std::unique_ptr<Metrics> metrics;
  std::unique_ptr<Services> services;  // handlers hold references into it
  StaticFiles web;
  std::unique_ptr<RequestPipeline> pipeline;
  std::unique_ptr<Server> server;
};

App::App(config::AppConfig config, const domain::Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(config), clock)) {}

App::~App() {
  if (impl_->server) {
    impl_->server->request_stop();
    impl_->server->wait();
  }
}

std::optional<App::Bootstrap> App::bootstrap_admin(const std::string& email,
                                                    const std::optional<std::string>& password) {
  const std::string chosen = password ? *password : random_hex(12);
  auto admin = impl_->core.users.bootstrap_admin(email, chosen);
  if (!admin) return std::nullopt;
  return Bootstrap{*admin, password ? std::nullopt : std::optional(chosen)};
}

std::vector<std::string> App::seed_demo(const std::string& password) {
  auto& i = *impl_;
  std::vector<std::string> lines;
  for (const auto& login : demo::seed_demo(i.store, i.clock, i.hasher, password))
    lines.push_back(login.email + "  " + login.role + "  " + login.organisation);
  return lines;
}

domain::Result<domain::User> App::add_user(domain::NewUser user) {
  return impl_->core.users.create(domain::Actor::system("cli"), std::move(user));
}

std::uint16_t App::start(bool handle_signals) {
  auto& i = *impl_;
  ServerOptions options{i.config.bind,
                        i.config.port,
                        i.config.io_threads,
                        i.config.db_pool_size,
                        i.config.db_queue_limit,
                        i.config.body_limit_bytes,
                        i.config.header_timeout_ms,
                        i.config.body_timeout_ms,
                        i.config.keep_alive_timeout_ms,
                        i.config.shutdown_grace_ms,
                        i.config.write_timeout_ms,
                        i.config.max_connections,
                        static_cast<double>(i.config.rate_limit_per_second),
                        static_cast<double>(i.config.rate_limit_burst),
                        handle_signals};
  i.metrics = std::make_unique<Metrics>(
      [&i] { return static_cast<double>(i.database.in_use()); }, static_cast<double>(i.database.pool_size()),
      [&i] { return i.server ? static_cast<double>(i.server->queue_depth()) : 0.0; });
  i.services = std::make_unique<Services>(
      Services{i.auth, i.core.users, i.core.organisations, i.core.logframe, i.core.funding, i.core.calls,
               i.core.applications, i.core.reviews, i.core.decisions, i.core.awards, i.core.disbursements,
               i.core.progress_reports, i.core.donor_summaries, i.core.editions, i.core.audit, *i.metrics,
               [&i] { return i.database.ping(); },
               BrowserSessionConfig{i.config.cookie_secure, origin_of(i.config.public_url)}});
  Router router;
  add_ops_routes(router, *i.services);
  add_auth_routes(router, *i.services);
  add_user_routes(router, *i.services);
  add_organisation_routes(router, *i.services);
  add_audit_routes(router, *i.services);
  add_logframe_routes(router, *i.services);
  add_funding_routes(router, *i.services);
  add_fx_rate_routes(router, *i.services);
  add_call_routes(router, *i.services);
  add_application_routes(router, *i.services);
  add_review_routes(router, *i.services);
  add_award_routes(router, *i.services);
  add_disbursement_routes(router, *i.services);
  add_progress_report_routes(router, *i.services);
  add_report_routes(router, *i.services);
  add_edition_routes(router, *i.services);
  add_portfolio_routes(router, *i.services);
  i.maintenance_loop = std::make_unique<MaintenanceLoop>(
      i.maintenance, std::chrono::seconds(i.config.maintenance_interval_seconds));
  const std::string web_root = i.config.web_root.empty() ? beside_binary("web") : i.config.web_root;
  i.web = StaticFiles::load(web_root);
  log_info(i.web.empty() ? "web app: no index.html in " + web_root + "; serving the API only"
                         : "web app: " + std::to_string(i.web.size()) + " files from " + web_root);
  i.pipeline = std::make_unique<RequestPipeline>(std::move(router), i.auth, i.store, i.clock, i.services->browser,
                                                 i.web.empty() ? nullptr : &i.web);

  const bool access_log = i.config.access_log;
  Dispatch dispatch{
      [&i](const HttpRequest& req) { return i.pipeline->needs_worker(req); },
      [&i](HttpRequest& req) { return i.pipeline->handle(req); },
      [&i, access_log](const HttpRequest& req, const HttpResponse& res, double seconds) {
        i.metrics->observe(req.method, res.route.empty() ? "unmatched" : res.route, res.status, seconds);
        if (access_log) log_access(req, res, seconds);
      }};
  i.server = std::make_unique<Server>(options, std::move(dispatch));
  return i.server->start();
}

void App::request_stop() {
  if (impl_->server) impl_->server->request_stop();
}

void App::wait() {
  if (impl_->server) impl_->server->wait();
}

}  // namespace mswa::api
