#pragma once
// Reading request bodies field by field: every problem becomes a FieldError
// with a JSON pointer, and unknown fields are refused.
#include <initializer_list>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api/http_types.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"

namespace mswa::api {

// 415 for a Content-Type other than JSON, 400 for malformed JSON, 422 when the
// body is not an object; otherwise the parsed object.
std::variant<nlohmann::json, HttpResponse> read_json_object(const HttpRequest& req, const std::string& instance);

enum class Presence { required, optional };

// Adds the errors of `more` about fields `into` says nothing of yet (neither
// the same pointer nor one inside the other), so one answer lists every bad
// field once: type errors first, then rule errors.
void merge_field_errors(std::vector<domain::FieldError>& into, const std::vector<domain::FieldError>& more);

class FieldReader {
 public:
  explicit FieldReader(const nlohmann::json& object, std::string prefix = "");

  bool has(const char* key) const;
  std::optional<std::string> string(const char* key, Presence presence);
  // Present as a string or null: the outer optional is "present", the inner "not null".
  std::optional<std::optional<std::string>> nullable_string(const char* key, Presence presence);
  std::optional<bool> boolean(const char* key, Presence presence);
  std::optional<std::vector<std::string>> string_array(const char* key, Presence presence, std::size_t max_items = 50);
  // {"currency":"THB","amount":"150000.00"}: a known currency and a decimal
  // string with exactly its digits; a JSON number is refused.
  std::optional<domain::Money> money(const char* key, Presence presence);
  // A JSON object whose values are all strings, e.g. answers by question key.
  std::optional<std::map<std::string, std::string>> string_map(const char* key, Presence presence, std::size_t max_items);
  // A decimal string such as "120" or "0.5" (not a JSON number).
  std::optional<domain::Decimal> decimal(const char* key, Presence presence);
  // An RFC 3339 UTC instant with whole seconds, e.g. "2027-02-28T17:00:00Z".
  std::optional<std::int64_t> instant(const char* key, Presence presence);
  std::optional<long long> integer(const char* key, Presence presence, long long min, long long max);
  // An array of objects, each read by `item` with a reader whose pointers sit under /key/i.
  template <class T, class F>
  std::optional<std::vector<T>> objects(const char* key, Presence presence, std::size_t max_items, F&& item);
  // A string that must be one of `allowed`.
  std::optional<std::string> one_of(const char* key, Presence presence, const std::vector<std::string_view>& allowed);
  void reject_unknown(const std::vector<std::string_view>& allowed);

  void add_error(std::string at, std::string detail, std::string code, domain::Params params = {}) {
    errors_.emplace_back(std::move(at), std::move(detail), std::move(code), std::move(params));
  }
  // A currency code the service does not handle.
  void add_unknown_currency(std::string at);
  // RFC 6901: "~" and "/" in a key are escaped.
  std::string pointer(const std::string& key) const;
  const std::vector<domain::FieldError>& errors() const { return errors_; }
  bool ok() const { return errors_.empty(); }

 private:
  const nlohmann::json* field(const char* key, Presence presence);
  // A string without NUL; `nullable` only changes the message about the wrong type.
  std::optional<std::string> text(const nlohmann::json& value, const char* key, bool nullable = false);
  // json_fwd.hpp only declares json: these keep objects() out of its internals.
  static bool is_array(const nlohmann::json& v);
  static bool is_object(const nlohmann::json& v);
  static std::size_t array_size(const nlohmann::json& v);
  static const nlohmann::json& array_at(const nlohmann::json& v, std::size_t i);
  // A container (`expected`: "array" or "object") that is of the wrong type,
  // or holds more than max_items: one detail, the code of what failed.
  void add_size_or_type_error(std::string at, std::string detail, const nlohmann::json& v, std::size_t max_items,
                              const char* expected);
  const nlohmann::json& object_;
  std::string prefix_;
  std::vector<domain::FieldError> errors_;
};

template <class T, class F>
std::optional<std::vector<T>> FieldReader::objects(const char* key, Presence presence, std::size_t max_items, F&& item) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  if (!is_array(*v) || array_size(*v) > max_items) {
    add_size_or_type_error(pointer(key), "must be an array of at most " + std::to_string(max_items) + " objects", *v,
                           max_items, "array");
    return std::nullopt;
  }
  std::vector<T> out;
  const std::size_t errors_before = errors_.size();
  for (std::size_t i = 0; i < array_size(*v); ++i) {
    const auto& element = array_at(*v, i);
    const std::string at = pointer(key) + "/" + std::to_string(i);
    if (!is_object(element)) {
      add_error(at, "must be an object", "wrong_type", {{"expected", "object"}});
      continue;
    }
    FieldReader r(element, at);
    auto value = item(r);
    errors_.insert(errors_.end(), r.errors_.begin(), r.errors_.end());
    if (value) out.push_back(std::move(*value));
  }
  if (errors_.size() != errors_before) return std::nullopt;
  return out;
}

}  // namespace mswa::api
