#include "api/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "api/compression.hpp"
#include "api/problem.hpp"
#include "api/rate_limiter.hpp"
#include "api/sodium_credentials.hpp"
#include "domain/text.hpp"

namespace mswa::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using std::chrono::milliseconds;

void add_standard_headers(HttpResponse& r, const std::string& request_id) {
  const auto absent = [&r](std::string_view name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return false;
    return true;
  };
  r.set_header("X-Request-Id", request_id);
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Referrer-Policy", "no-referrer");
  // The web app's files set their own caching and policy; everything else is never stored.
  if (absent("Cache-Control")) r.set_header("Cache-Control", "no-store");
  if (absent("Content-Security-Policy"))
    r.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
  r.set_header("Cross-Origin-Opener-Policy", "same-origin");
  r.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

namespace {

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = true;  // waiting for the first byte of a request; touched on the connection's strand only
};

// The path of a request target, without the query.
std::string target_path(std::string_view target) { return std::string(target.substr(0, target.find('?'))); }

bool sane_request_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

HttpRequest to_request(const http::request<http::string_body>& msg, const std::string& remote) {
  HttpRequest req;
  req.method = std::string(msg.method_string());
  const std::string_view target = msg.target();
  const auto q = target.find('?');
  req.path = percent_decode(target.substr(0, q), false).value_or(std::string(target.substr(0, q)));
  if (q != std::string_view::npos) req.query = parse_query(target.substr(q + 1));
  for (const auto& field : msg) req.headers.emplace_back(domain::ascii_lower(field.name_string()), std::string(field.value()));
  req.body = msg.body();
  req.remote = remote;
  const auto id = req.header("x-request-id");
  req.request_id = id && sane_request_id(*id) ? *id : random_hex(16);
  return req;
}

http::response<http::string_body> to_beast(const HttpResponse& r, unsigned version, bool keep_alive, bool head) {
  http::response<http::string_body> out{static_cast<http::status>(r.status), version};
  out.set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(r.body.size());
  } else {
    out.body() = r.body;
    out.prepare_payload();
  }
  return out;
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(ServerOptions o, Dispatch d)
      : options(std::move(o)),
        dispatch(std::move(d)),
        ioc(static_cast<int>(options.io_threads)),
        acceptor(ioc),
        signals(ioc),
        control(asio::make_strand(ioc)),
        grace_timer(control),
        workers(options.workers),
        limiter(options.rate_limit_per_second, options.rate_limit_burst) {}

  ServerOptions options;
  Dispatch dispatch;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::strand<asio::io_context::executor_type> control;  // serialises stopping
  asio::steady_timer grace_timer;
  asio::thread_pool workers;
  std::vector<std::thread> io_threads;
  std::atomic<bool> stopping{false};
  std::atomic<bool> drained{false};  // the grace period is over: no new requests
  std::atomic<std::size_t> queued{0};
  mutable std::mutex connections_mutex;
  std::unordered_set<std::shared_ptr<Connection>> connections;
  RateLimiter limiter;

  // Answers the server makes itself (bad framing, limits, overload); the
  // connection closes next. Asynchronous with a timeout like every write,
  // so a client that does not read cannot hold an I/O thread.
  asio::awaitable<void> send_local(const std::shared_ptr<Connection>& conn, HttpResponse r) {
    const std::string id = random_hex(16);
    add_standard_headers(r, id);
    auto out = to_beast(r, 11, false, false);
    conn->stream.expires_after(milliseconds(options.write_timeout_ms));
    boost::system::error_code ec;
    co_await http::async_write(conn->stream, out, asio::redirect_error(asio::use_awaitable, ec));
  }

  static HttpResponse too_large(std::size_t limit, const std::string& path) {
    return problem(413, "payload-too-large", "too_large_body", "Payload too large",
                   "The body exceeds " + std::to_string(limit) + " bytes.", path);
  }

  // On a worker for database routes, so compressing a large list never
  // holds an I/O thread.
  HttpResponse run_handler(HttpRequest& req) {
    try {
      HttpResponse res = dispatch.handle(req);
      gzip_json_answer(req, res);
      return res;
    } catch (...) {
      return internal_problem(req.path);
    }
  }

  asio::awaitable<HttpResponse> answer(HttpRequest& req) {
    if (!dispatch.needs_worker(req)) co_return run_handler(req);
    if (queued.fetch_add(1) >= options.queue_limit) {
      queued.fetch_sub(1);
      auto busy = problem(503, "unavailable", "overloaded", "Service unavailable",
                          "The server is busy; try again shortly.", req.path);
      busy.set_header("Retry-After", "1");
      co_return busy;
    }
    // The caller's session keeps this Impl alive. No temporary with a
    // destructor inside the co_await expression: GCC 12 may destroy such
    // temporaries twice.
    auto work = [this, &req]() -> asio::awaitable<HttpResponse> { co_return run_handler(req); };
    auto on_worker = asio::co_spawn(workers.get_executor(), std::move(work), asio::use_awaitable);
    HttpResponse res = co_await std::move(on_worker);
    queued.fetch_sub(1);
    co_return res;
  }

  asio::awaitable<void> session(std::shared_ptr<Connection> conn) {
    auto self = shared_from_this();
    auto& stream = conn->stream;
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    std::string remote;
    {
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    bool first = true;
    for (;;) {
      if (drained.load()) break;
      http::request_parser<http::string_body> parser;
      parser.body_limit(options.body_limit_bytes);
      parser.header_limit(16 * 1024);
      conn->idle = true;
      stream.expires_after(milliseconds(first ? options.header_timeout_ms : options.keep_alive_timeout_ms));
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      conn->idle = false;
      first = false;
      if (ec) {
        if (ec == http::error::body_limit)  // a declared Content-Length over the limit
          co_await send_local(conn, too_large(options.body_limit_bytes, target_path(parser.get().target())));
        else if (ec == http::error::header_limit)
          co_await send_local(conn, problem(431, "header-too-large", "headers_too_large", "Request header fields too large",
                                            "The request headers exceed 16 KiB.", ""));
        else if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
                 ec != http::error::end_of_stream && ec != http::error::partial_message)
          co_await send_local(conn, problem(400, "bad-request", "bad_request", "Bad request",
                                            "The request is not valid HTTP/1.1.", ""));
        break;
      }
      // Over its address's rate: refused before the body is read, and the
      // connection closes, so the unread body costs nothing more.
      if (const auto wait = limiter.take(remote, std::chrono::steady_clock::now())) {
        auto limited = problem(429, "too-many-requests", "rate_limited", "Too many requests",
                               "This address sends requests faster than the server allows; slow down.",
                               target_path(parser.get().target()));
        limited.set_header("Retry-After", std::to_string(*wait));
        co_await send_local(conn, std::move(limited));
        break;
      }
      const auto started = std::chrono::steady_clock::now();
      stream.expires_after(milliseconds(options.body_timeout_ms));
      co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == http::error::body_limit)
          co_await send_local(conn, too_large(options.body_limit_bytes, target_path(parser.get().target())));
        break;
      }
      const auto& msg = parser.get();
      HttpRequest req = to_request(msg, remote);
      HttpResponse res = co_await answer(req);
      add_standard_headers(res, req.request_id);
      const bool keep_alive = msg.keep_alive() && !res.close && !stopping.load();
      auto out = to_beast(res, msg.version(), keep_alive, msg.method() == http::verb::head);
      stream.expires_after(milliseconds(options.write_timeout_ms));
      co_await http::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
      if (dispatch.completed)
        dispatch.completed(req, res,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      if (ec || !keep_alive) break;
    }
    // Lingering close: send FIN, then drain what the client still sends, so
    // unread bytes never turn the close into a reset.
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    char scratch[1024];
    for (int i = 0; i < 64; ++i) {
      stream.expires_after(milliseconds(500));
      co_await stream.async_read_some(asio::buffer(scratch), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
    stream.socket().close(ec);
  }

  asio::awaitable<void> accept_loop() {
    auto self = shared_from_this();
    for (;;) {
      boost::system::error_code ec;
      auto strand = asio::make_strand(ioc);  // a local: see the note on temporaries in answer()
      tcp::socket socket = co_await acceptor.async_accept(strand, asio::redirect_error(asio::use_awaitable, ec));
      if (stopping.load() || ec == asio::error::operation_aborted) co_return;
      if (ec) {  // e.g. out of file descriptors: back off instead of spinning
        asio::steady_timer pause(ioc, milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(connections_mutex);
        // At the cap a new connection is closed unread: cheaper than any answer.
        if (connections.size() >= options.max_connections) {
          conn->stream.socket().close(ec);
          continue;
        }
        connections.insert(conn);
      }
      asio::co_spawn(conn->stream.get_executor(), session(conn), [self, conn](std::exception_ptr) {
        std::lock_guard lock(self->connections_mutex);
        self->connections.erase(conn);
        // The last connection gone while stopping: no need to wait out the grace.
        if (self->stopping.load() && self->connections.empty())
          asio::post(self->control, [self] { self->grace_timer.cancel(); });
      });
    }
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    boost::system::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    // Busy keep-alive connections get one more request (answered with
    // Connection: close); the idle ones are closed when the grace ends.
    grace_timer.expires_after(milliseconds(options.shutdown_grace_ms));
    grace_timer.async_wait([self = shared_from_this()](boost::system::error_code) {
      self->drained.store(true);
      std::lock_guard lock(self->connections_mutex);
      for (const auto& conn : self->connections)
        asio::post(conn->stream.get_executor(), [conn] {
          if (conn->idle) conn->stream.cancel();
        });
    });
    std::lock_guard lock(connections_mutex);
    if (connections.empty()) grace_timer.cancel();
  }
};

Server::Server(ServerOptions options, Dispatch dispatch)
    : impl_(std::make_shared<Impl>(std::move(options), std::move(dispatch))) {}

Server::~Server() {
  if (!impl_->io_threads.empty()) {
    request_stop();
    wait();
  }
}

std::uint16_t Server::start() {
  auto& i = *impl_;
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(i.options.bind, ec);
  if (ec) throw std::runtime_error("bind: '" + i.options.bind + "' is not an IP address");
  const tcp::endpoint endpoint(address, i.options.port);
  i.acceptor.open(endpoint.protocol());
  i.acceptor.set_option(asio::socket_base::reuse_address(true));
  i.acceptor.bind(endpoint, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + i.options.bind + ":" + std::to_string(i.options.port) + ": " +
                             ec.message());
  i.acceptor.listen(asio::socket_base::max_listen_connections);
  const auto port = i.acceptor.local_endpoint().port();

  asio::co_spawn(i.ioc, i.accept_loop(), asio::detached);
  if (i.options.handle_signals) {
    i.signals.add(SIGINT);
    i.signals.add(SIGTERM);
    i.signals.async_wait([impl = impl_](boost::system::error_code e, int) {
      if (!e) asio::post(impl->control, [impl] { impl->begin_stop(); });
    });
  }
  for (std::size_t n = 0; n < i.options.io_threads; ++n) i.io_threads.emplace_back([impl = impl_] { impl->ioc.run(); });
  return port;
}

void Server::request_stop() {
  asio::post(impl_->control, [impl = impl_] { impl->begin_stop(); });
}

void Server::wait() {
  for (auto& t : impl_->io_threads)
    if (t.joinable()) t.join();
  impl_->io_threads.clear();
  impl_->workers.join();
}

std::size_t Server::queue_depth() const { return impl_->queued.load(); }

std::size_t Server::open_connections() const {
  std::lock_guard lock(impl_->connections_mutex);
  return impl_->connections.size();
}

}  // namespace mswa::api
