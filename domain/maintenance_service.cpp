#include "domain/maintenance_service.hpp"

namespace mswa::domain {

MaintenanceService::MaintenanceService(Store& store, const Clock& clock, MaintenancePolicy policy, std::string holder)
    : store_(store), clock_(clock), policy_(policy), holder_(std::move(holder)) {}

MaintenanceRun MaintenanceService::run_once() {
  const EpochMs now = clock_.now_ms();
  MaintenanceRun run;
  auto uow = store_.begin(Access::write);
  if (!uow->leases().acquire(kLease, holder_, now, now + policy_.lease_ms)) {
    uow->commit();
    return run;
  }
  run.ran = true;
  run.sessions = uow->sessions().purge_ended(now, now - policy_.sessions.idle_ms);
  // Failures older than the throttle's window no longer count for anything.
  run.login_failures = uow->login_failures().purge(now - policy_.logins.window_ms);
  run.idempotency_keys = uow->idempotency().purge(now - policy_.idempotency_key_lifetime_ms);
  uow->commit();
  return run;
}

}  // namespace mswa::domain
