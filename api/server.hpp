#pragma once
// The HTTP server: Beast with C++20 coroutines on N I/O threads. Requests that
// touch the database run on a separate, bounded worker pool, so no I/O thread
// ever waits on SOCI. SIGINT/SIGTERM stop accepting, finish what is in flight
// and return from wait().
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http_types.hpp"

namespace mswa::api {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t io_threads = 2;
  std::size_t workers = 4;
  std::size_t queue_limit = 1024;
  std::size_t body_limit_bytes = 1024 * 1024;
  int header_timeout_ms = 10'000;
  int body_timeout_ms = 30'000;
  int keep_alive_timeout_ms = 60'000;
  int shutdown_grace_ms = 1'000;
  int write_timeout_ms = 30'000;       // a client that stops reading loses its connection
  std::size_t max_connections = 1'000;  // beyond it, new connections are closed at once
  double rate_limit_per_second = 0;     // per client address; 0: no limit
  double rate_limit_burst = 1;
  bool handle_signals = true;
};

// What the server asks of the application.
struct Dispatch {
  std::function<bool(const HttpRequest&)> needs_worker;  // false: answer on the I/O thread
  std::function<HttpResponse(HttpRequest&)> handle;      // never throws
  std::function<void(const HttpRequest&, const HttpResponse&, double seconds)> completed;
};

class Server {
 public:
  Server(ServerOptions options, Dispatch dispatch);
  ~Server();
  // Binds and starts serving; returns the bound port (useful with port 0).
  std::uint16_t start();
  // Begins a graceful stop; safe from any thread.
  void request_stop();
  // Blocks until the server has stopped and every request has been answered.
  void wait();
  std::size_t queue_depth() const;
  std::size_t open_connections() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Headers every response carries (DESIGN §5).
void add_standard_headers(HttpResponse& r, const std::string& request_id);

}  // namespace mswa::api
