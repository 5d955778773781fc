#include "tests/support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "tests/support/problem_codes.hpp"

namespace mswa::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;

std::map<std::string, std::string> bearer(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}

HttpClient::HttpClient(std::uint16_t port) : port_(port) {}
HttpClient::~HttpClient() = default;

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::optional<std::string>& body,
                               const std::map<std::string, std::string>& headers) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), port_});

  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (body) {
    req.set(http::field::content_type, "application/json");
    req.body() = *body;
  }
  for (const auto& [name, value] : headers) req.set(name, value);
  req.keep_alive(false);
  req.prepare_payload();
  http::write(socket, req);

  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  http::read(socket, buffer, parser);
  const auto& res = parser.get();

  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  boost::system::error_code ec;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  // Every refusal any test provokes must carry documented codes (DESIGN §4.1).
  if (out.header("content-type") == "application/problem+json" && method != "HEAD") {
    EXPECT_TRUE(HasDocumentedCodes(out.body)) << method << " " << target;
  }
  return out;
}

HttpResult HttpClient::get(const std::string& target, const std::string& token) {
  return request("GET", target, std::nullopt, bearer(token));
}

HttpResult HttpClient::del(const std::string& target, const std::string& token) {
  return request("DELETE", target, std::nullopt, bearer(token));
}

HttpResult HttpClient::post(const std::string& target, const nlohmann::json& body, const std::string& token) {
  return request("POST", target, body.dump(), bearer(token));
}

HttpResult HttpClient::patch(const std::string& target, const nlohmann::json& body, const std::string& token,
                             const std::map<std::string, std::string>& headers) {
  auto all = bearer(token);
  all.insert(headers.begin(), headers.end());
  return request("PATCH", target, body.dump(), all);
}

}  // namespace mswa::test
