#include "config/app_config.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace mswa::config {
namespace {

// One entry per setting: its file key, its environment variable (MSWA_ +
// upper-case key), and how to set it from text.
struct Setting {
  std::string key;
  std::function<void(AppConfig&, const std::string& value, const std::string& where)> set;
};

template <class T>
T parse_integer(const std::string& value, const std::string& where, T min, T max) {
  T out{};
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || ptr != value.data() + value.size() || value.empty() || out < min || out > max)
    throw ConfigError(where + ": expected a whole number from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", got '" + value + "'");
  return out;
}

bool parse_bool(const std::string& value, const std::string& where) {
  if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "0" || value == "no" || value == "off") return false;
  throw ConfigError(where + ": expected true or false, got '" + value + "'");
}

template <class T>
Setting integer(std::string key, T AppConfig::*field, T min, T max) {
  return {std::move(key), [=](AppConfig& c, const std::string& v, const std::string& where) {
            c.*field = parse_integer<T>(v, where, min, max);
          }};
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = {
      {"bind",
       [](AppConfig& c, const std::string& v, const std::string& where) {
         if (v.empty() || v.find_first_of(" /") != std::string::npos)
           throw ConfigError(where + ": expected an IP address such as 127.0.0.1 or 0.0.0.0, got '" + v + "'");
         c.bind = v;
       }},
      integer<std::uint16_t>("port", &AppConfig::port, 0, 65535),
      {"db",
       [](AppConfig& c, const std::string& v, const std::string& where) {
         const bool ok = (v.rfind("sqlite:", 0) == 0 && v.size() > 7) || v.rfind("postgresql://", 0) == 0 ||
                         v.rfind("postgres://", 0) == 0;
         if (!ok) throw ConfigError(where + ": expected sqlite:PATH or postgresql://…, got '" + v + "'");
         c.db = v;
       }},
      integer<std::size_t>("io_threads", &AppConfig::io_threads, 1, 256),
      integer<std::size_t>("db_pool_size", &AppConfig::db_pool_size, 1, 256),
      integer<std::size_t>("db_queue_limit", &AppConfig::db_queue_limit, 1, 1'000'000),
      integer<std::size_t>("body_limit_bytes", &AppConfig::body_limit_bytes, 1024, 64 * 1024 * 1024),
      integer<int>("header_timeout_ms", &AppConfig::header_timeout_ms, 100, 600'000),
      integer<int>("body_timeout_ms", &AppConfig::body_timeout_ms, 100, 600'000),
      integer<int>("keep_alive_timeout_ms", &AppConfig::keep_alive_timeout_ms, 100, 3'600'000),
      integer<int>("shutdown_grace_ms", &AppConfig::shutdown_grace_ms, 0, 60'000),
      integer<int>("write_timeout_ms", &AppConfig::write_timeout_ms, 100, 600'000),
      integer<std::size_t>("max_connections", &AppConfig::max_connections, 1, 1'000'000),
      integer<int>("rate_limit_per_second", &AppConfig::rate_limit_per_second, 0, 1'000'000),
      integer<int>("rate_limit_burst", &AppConfig::rate_limit_burst, 1, 1'000'000),
      integer<int>("maintenance_interval_seconds", &AppConfig::maintenance_interval_seconds, 1, 24 * 3600),
      integer<int>("session_idle_minutes", &AppConfig::session_idle_minutes, 1, 24 * 60),
      integer<int>("session_absolute_hours", &AppConfig::session_absolute_hours, 1, 24 * 30),
      integer<int>("login_max_failures", &AppConfig::login_max_failures, 1, 1000),
      integer<int>("login_window_minutes", &AppConfig::login_window_minutes, 1, 24 * 60),
      // The OWASP floor for argon2id: t >= 2 and m >= 19 MiB.
      integer<unsigned long long>("password_ops_limit", &AppConfig::password_ops_limit, 2, 64),
      integer<std::size_t>("password_mem_limit_bytes", &AppConfig::password_mem_limit_bytes, 19 * 1024 * 1024,
                           std::size_t{4} * 1024 * 1024 * 1024),
      {"access_log", [](AppConfig& c, const std::string& v, const std::string& where) {
         c.access_log = parse_bool(v, where);
       }},
      {"cookie_secure", [](AppConfig& c, const std::string& v, const std::string& where) {
         c.cookie_secure = parse_bool(v, where);
       }},
      {"web_root", [](AppConfig& c, const std::string& v, const std::string&) { c.web_root = v; }},
      {"public_url",
       [](AppConfig& c, const std::string& v, const std::string& where) {
         const bool ok = (v.rfind("http://", 0) == 0 && v.size() > 7) || (v.rfind("https://", 0) == 0 && v.size() > 8);
         if (!ok || v.find_first_of(" \t\r\n") != std::string::npos)
           throw ConfigError(where + ": expected an http:// or https:// URL, got '" + v + "'");
         c.public_url = v;
       }},
  };
  return all;
}

const Setting* find_setting(const std::string& key) {
  for (const auto& s : settings())
    if (s.key == key) return &s;
  return nullptr;
}

std::string env_name(const std::string& key) {
  std::string name = "MSWA_";
  for (char c : key) name.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
  return name;
}

void apply_file(AppConfig& config, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("config file " + path + ": cannot be read");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError("config file " + path + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!doc.is_object()) throw ConfigError("config file " + path + ": expected a JSON object");
  for (const auto& [key, value] : doc.items()) {
    const Setting* s = find_setting(key);
    if (!s) throw ConfigError("config file " + path + ": unknown setting '" + key + "'");
    std::string text;
    if (value.is_string()) text = value.get<std::string>();
    else if (value.is_number_integer() || value.is_number_unsigned() || value.is_boolean()) text = value.dump();
    else throw ConfigError("config file " + path + ": " + key + ": expected a string, whole number or boolean");
    s->set(config, text, "config file " + path + ": " + key);
  }
}

}  // namespace

std::optional<std::string> process_env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? std::optional<std::string>(v) : std::nullopt;
}

AppConfig load_config(const ConfigSources& sources) {
  AppConfig config;
  if (sources.file) apply_file(config, *sources.file);
  if (sources.env) {
    for (const auto& s : settings()) {
      const std::string name = env_name(s.key);
      if (auto v = sources.env(name)) s.set(config, *v, name);
    }
  }
  for (const auto& [key, value] : sources.flags) {
    const Setting* s = find_setting(key);
    if (!s) throw ConfigError("--" + key + ": unknown option");
    s->set(config, value, "--" + key);
  }
  return config;
}

}  // namespace mswa::config
