#include "api/responses.hpp"

#include "domain/calendar_date.hpp"

#include <sodium.h>

#include <charconv>
#include <chrono>
#include <sstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "api/problem.hpp"
#include "domain/text.hpp"

namespace mswa::api {

HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse no_content() {
  HttpResponse r;
  r.status = 204;
  return r;
}

HttpResponse versioned_response(int status, const nlohmann::json& body, long long version) {
  HttpResponse r = json_response(status, body);
  r.set_header("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

std::optional<long long> if_match_version(const HttpRequest& req) {
  auto value = req.header("if-match");
  if (!value) return std::nullopt;
  std::string v = *value;
  if (v == "*") return std::nullopt;
  if (v.rfind("W/", 0) == 0) v = v.substr(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  long long version = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || ptr != v.data() + v.size() || v.empty()) return -1;
  return version;
}

namespace {

std::string base64url(const std::string& in) {
  std::vector<char> out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING));
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out.data();
}

std::optional<std::string> unbase64url(const std::string& in) {
  std::vector<unsigned char> out(in.size());
  std::size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), in.data(), in.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

}  // namespace

std::variant<domain::PageRequest, HttpResponse> read_page(const RequestContext& ctx) {
  domain::PageRequest page;
  const auto& q = ctx.request.query;
  if (auto it = q.find("limit"); it != q.end()) {
    int limit = 0;
    const auto& v = it->second;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), limit);
    if (ec == std::errc::result_out_of_range && !v.empty() && v.front() != '-') limit = domain::kMaxPageSize;
    else if (ec != std::errc() || ptr != v.data() + v.size() || limit < 1)
      return invalid_parameter_problem(ctx.route, "limit", "must be a whole number from 1 to 200");
    page.limit = std::min(limit, domain::kMaxPageSize);
  }
  if (auto it = q.find("cursor"); it != q.end()) {
    auto key = unbase64url(it->second);
    if (!key || key->empty() || !domain::utf8_length(*key))
      return invalid_parameter_problem(ctx.route, "cursor", "is not a cursor this server gave out");
    page.after = *key;
  }
  return page;
}

nlohmann::json page_json(nlohmann::json items, const std::optional<std::string>& next_after) {
  return {{"items", std::move(items)},
          {"next_cursor", next_after ? nlohmann::json(base64url(*next_after)) : nlohmann::json(nullptr)}};
}

std::string rfc3339(domain::EpochMs t) { return domain::instant_text(t); }

void set_download_name(HttpResponse& r, const std::string& reference, const std::string& date,
                       const std::string& suffix) {
  std::string safe;
  for (const char c : reference) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    safe += ok ? c : '_';
  }
  r.set_header("Content-Disposition", "attachment; filename=\"" + safe + "-" + date + "-" + suffix + "\"");
}

HttpResponse error_response(const domain::Error& error, const RequestContext& ctx) {
  return from_error(error, ctx.route);
}

bool if_none_match(const HttpRequest& req, const std::string& etag) {
  const auto header = req.header("if-none-match");
  if (!header) return false;
  if (*header == "*") return true;
  // Weak comparison (RFC 9110 §13.1.2): W/ is ignored, any listed tag may match.
  std::stringstream items(*header);
  std::string item;
  while (std::getline(items, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    if (item.rfind("W/", 0) == 0) item.erase(0, 2);
    item.erase(item.find_last_not_of(' ') + 1);
    if (item == etag) return true;
  }
  return false;
}

}  // namespace mswa::api
