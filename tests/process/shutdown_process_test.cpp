#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <thread>

#include "tests/process/subprocess.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/scratch_database.hpp"

namespace mswa::test {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

struct LoadCounts {
  std::atomic<long> answered{0};
  std::atomic<long> lost_in_flight{0};  // a request was sent and no complete answer came back
  std::atomic<long> server_errors{0};
};

// Keep-alive GET /me in a loop; reconnects after "Connection: close"; stops
// when the server no longer accepts connections.
void hammer(std::uint16_t port, const std::string& token, LoadCounts& counts) {
  asio::io_context ioc;
  for (;;) {
    asio::ip::tcp::socket socket(ioc);
    boost::system::error_code ec;
    socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    if (ec) return;  // refused: the server has stopped accepting
    boost::beast::flat_buffer buffer;
    for (bool open = true; open;) {
      http::request<http::empty_body> req{http::verb::get, "/api/v1/me", 11};
      req.set(http::field::host, "127.0.0.1");
      req.set(http::field::authorization, "Bearer " + token);
      req.keep_alive(true);
      http::write(socket, req, ec);
      if (ec) {
        ++counts.lost_in_flight;
        return;
      }
      http::response<http::string_body> res;
      http::read(socket, buffer, res, ec);
      if (ec) {
        ++counts.lost_in_flight;
        return;
      }
      ++counts.answered;
      if (res.result_int() >= 500) ++counts.server_errors;
      open = res.keep_alive();
    }
  }
}

}  // namespace

class Shutdown : public ::testing::TestWithParam<Backend> {};

TEST_P(Shutdown, SigtermUnderLoadAnswersEveryRequestInFlightAndExitsZero) {
  ScratchDatabase db(GetParam());
  Subprocess serve({"serve", "--port", "0", "--db", db.url()},
                   {{"MSWA_ACCESS_LOG", "false"}, {"MSWA_RATE_LIMIT_PER_SECOND", "0"},
                    {"MSWA_ADMIN_EMAIL", "admin@mswa.test"}, {"MSWA_ADMIN_PASSWORD", "admin-password-1"},
                    {"MSWA_PASSWORD_MEM_LIMIT_BYTES", "19922944"}});
  const auto serving = serve.wait_for_line("serving http://");
  ASSERT_TRUE(serving) << serve.stderr_text();
  const auto port = port_of(*serving);
  HttpClient client(port);
  auto login = client.post("/api/v1/auth/login", {{"email", "admin@mswa.test"}, {"password", "admin-password-1"}});
  ASSERT_EQ(login.status, 200);
  const auto token = login.json().at("token").get<std::string>();

  LoadCounts counts;
  std::vector<std::thread> clients;
  for (int i = 0; i < 16; ++i) clients.emplace_back([&] { hammer(port, token, counts); });
  while (counts.answered.load() < 300) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  serve.signal(SIGTERM);
  for (auto& c : clients) c.join();

  EXPECT_EQ(serve.wait(), 0) << serve.stderr_text();
  EXPECT_NE(serve.rest_of_stdout().find("stopped"), std::string::npos);
  EXPECT_GE(counts.answered.load(), 300);
  EXPECT_EQ(counts.lost_in_flight.load(), 0);
  EXPECT_EQ(counts.server_errors.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Shutdown, ::testing::ValuesIn(test_backends()), BackendName());

}  // namespace mswa::test
