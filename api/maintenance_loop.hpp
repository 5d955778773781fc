#pragma once
// Runs the house-keeping every interval on a thread of its own (never an
// I/O thread: it does SOCI work), from start until destruction.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/maintenance_service.hpp"

namespace mswa::api {

class MaintenanceLoop {
 public:
  MaintenanceLoop(domain::MaintenanceService& service, std::chrono::milliseconds interval);
  ~MaintenanceLoop();
  MaintenanceLoop(const MaintenanceLoop&) = delete;
  MaintenanceLoop& operator=(const MaintenanceLoop&) = delete;

 private:
  void run();

  domain::MaintenanceService& service_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mswa::api
