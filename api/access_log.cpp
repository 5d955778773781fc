#include "api/access_log.hpp"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/responses.hpp"

namespace mswa::api {
namespace {

std::string now_text() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return rfc3339(ms);
}

// One fwrite per line: lines from several threads never interleave.
void emit(const nlohmann::ordered_json& line) {
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

void log_access(const HttpRequest& req, const HttpResponse& res, double seconds) {
  emit({{"ts", now_text()},
        {"level", "info"},
        {"request_id", req.request_id},
        {"method", req.method},
        {"route", res.route.empty() ? "unmatched" : res.route},
        {"status", res.status},
        {"duration_ms", static_cast<double>(static_cast<long long>(seconds * 1e6)) / 1000.0},
        {"remote", req.remote}});
}

void log_error(const std::string& request_id, const std::string& route, const std::string& what) {
  emit({{"ts", now_text()}, {"level", "error"}, {"request_id", request_id}, {"route", route}, {"error", what}});
}

void log_info(const std::string& message) { emit({{"ts", now_text()}, {"level", "info"}, {"message", message}}); }

}  // namespace mswa::api
