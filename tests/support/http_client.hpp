#pragma once
// A plain blocking HTTP/1.1 client over a real socket, for driving the server.
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mswa::test {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();

  // Extra headers as name -> value; Content-Type defaults to application/json when a body is sent.
  HttpResult request(const std::string& method, const std::string& target, const std::optional<std::string>& body = {},
                     const std::map<std::string, std::string>& headers = {});

  HttpResult get(const std::string& target, const std::string& token = {});
  HttpResult del(const std::string& target, const std::string& token = {});
  HttpResult post(const std::string& target, const nlohmann::json& body, const std::string& token = {});
  HttpResult patch(const std::string& target, const nlohmann::json& body, const std::string& token = {},
                   const std::map<std::string, std::string>& headers = {});

  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
};

std::map<std::string, std::string> bearer(const std::string& token);

}  // namespace mswa::test
