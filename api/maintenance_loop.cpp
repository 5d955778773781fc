#include "api/maintenance_loop.hpp"

#include <exception>

#include "api/access_log.hpp"
#include "domain/error.hpp"

namespace mswa::api {

MaintenanceLoop::MaintenanceLoop(domain::MaintenanceService& service, std::chrono::milliseconds interval)
    : service_(service), interval_(interval), thread_([this] { run(); }) {}

MaintenanceLoop::~MaintenanceLoop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void MaintenanceLoop::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      service_.run_once();
    } catch (const domain::Failure& f) {
      // The database is away or busy: the next round tries again.
      log_error("maintenance", "maintenance", f.error().detail);
    } catch (const std::exception&) {
      log_error("maintenance", "maintenance", "the house-keeping run failed");
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace mswa::api
