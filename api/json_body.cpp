#include "api/json_body.hpp"

#include <nlohmann/json.hpp>

#include "api/problem.hpp"
#include "domain/calendar_date.hpp"
#include "domain/text.hpp"

namespace mswa::api {

namespace {
// Digits, then exactly `exponent` decimals after a point (none when 0), with an optional minus sign.
bool has_amount_shape(const std::string& text, int exponent) {
  std::size_t i = text.size() > 0 && text[0] == '-' ? 1 : 0;
  const std::size_t start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == start) return false;
  if (exponent == 0) return i == text.size();
  if (i >= text.size() || text[i] != '.') return false;
  const std::size_t point = i++;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i == text.size() && i - point - 1 == static_cast<std::size_t>(exponent);
}
}  // namespace

std::variant<nlohmann::json, HttpResponse> read_json_object(const HttpRequest& req, const std::string& instance) {
  const std::string type = domain::ascii_lower(req.header("content-type").value_or(""));
  const auto semicolon = type.find(';');
  std::string media = type.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.pop_back();
  if (media != "application/json")
    return problem(415, "unsupported-media-type", "unsupported_media_type", "Unsupported media type",
                   "Send the body as application/json.", instance);
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    return malformed_json_problem(instance, "The body is not valid JSON (at byte " + std::to_string(e.byte) + ").");
  } catch (const nlohmann::json::exception&) {  // e.g. a number too large for a double
    return malformed_json_problem(instance, "The body holds a value JSON cannot represent here.");
  }
  if (!body.is_object())
    return problem(422, "invalid-input", "invalid_input", "The request has invalid fields",
                   "The body must be a JSON object.", instance,
                   {{"", "must be an object", "wrong_type", {{"expected", "object"}}}});
  return body;
}

void merge_field_errors(std::vector<domain::FieldError>& into, const std::vector<domain::FieldError>& more) {
  // Related: the same pointer, or one inside the other (/envelope and /envelope/amount).
  const auto related = [](const std::string& a, const std::string& b) {
    const auto inside = [](const std::string& outer, const std::string& inner) {
      return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 && inner[outer.size()] == '/';
    };
    return a == b || inside(a, b) || inside(b, a);
  };
  const std::size_t known = into.size();
  for (const auto& e : more) {
    bool seen = false;
    for (std::size_t i = 0; i < known && !seen; ++i) seen = related(into[i].pointer, e.pointer);
    if (!seen) into.push_back(e);
  }
}

FieldReader::FieldReader(const nlohmann::json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

std::string FieldReader::pointer(const std::string& key) const { return prefix_ + "/" + domain::pointer_token(key); }

bool FieldReader::has(const char* key) const { return object_.contains(key); }

const nlohmann::json* FieldReader::field(const char* key, Presence presence) {
  const auto it = object_.find(key);
  if (it == object_.end()) {
    if (presence == Presence::required) add_error(pointer(key), "is required", "required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::text(const nlohmann::json& v, const char* key, bool nullable) {
  if (!v.is_string()) {
    add_error(pointer(key), nullable ? "must be a string or null" : "must be a string", "wrong_type",
              {{"expected", nullable ? "string_or_null" : "string"}});
    return std::nullopt;
  }
  auto s = v.get<std::string>();
  // The database drivers read strings up to the first NUL: refuse it outright.
  if (s.find('\0') != std::string::npos) {
    add_error(pointer(key), "must not contain the NUL character", "invalid_text");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldReader::string(const char* key, Presence presence) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  return text(*v, key);
}

std::optional<std::optional<std::string>> FieldReader::nullable_string(const char* key, Presence presence) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>{};
  auto s = text(*v, key, true);
  if (!s) return std::nullopt;
  return std::optional<std::string>(std::move(*s));
}

std::optional<bool> FieldReader::boolean(const char* key, Presence presence) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    add_error(pointer(key), "must be true or false", "wrong_type", {{"expected", "boolean"}});
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> FieldReader::string_array(const char* key, Presence presence,
                                                                  std::size_t max_items) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    add_error(pointer(key), "must be an array of strings", "wrong_type", {{"expected", "array"}});
    return std::nullopt;
  }
  if (v->size() > max_items) {
    add_error(pointer(key), "must have at most " + std::to_string(max_items) + " items", "too_many_items",
              {{"max", std::to_string(max_items)}});
    return std::nullopt;
  }
  FieldReader items(*v, pointer(key));  // names each item under the array
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i)
    if (auto item = items.text((*v)[i], std::to_string(i).c_str())) out.push_back(std::move(*item));
  errors_.insert(errors_.end(), items.errors_.begin(), items.errors_.end());
  if (!items.ok()) return std::nullopt;
  return out;
}

std::optional<domain::Money> FieldReader::money(const char* key, Presence presence) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    add_error(pointer(key), "must be an object {\"currency\": \"THB\", \"amount\": \"150000.00\"}", "wrong_type",
              {{"expected", "money"}});
    return std::nullopt;
  }
  FieldReader inner(*v, pointer(key));
  inner.reject_unknown({"currency", "amount"});
  auto code = inner.string("currency", Presence::required);
  const auto* amount_json = inner.field("amount", Presence::required);
  std::optional<domain::Currency> currency;
  if (code && !(currency = domain::find_currency(*code)))
    inner.add_unknown_currency(inner.pointer("currency"));
  std::optional<std::int64_t> minor;
  bool too_big = false;
  if (amount_json && !amount_json->is_string()) {
    inner.add_error(inner.pointer("amount"), "must be a decimal string such as \"150000.00\"", "not_a_decimal");
  } else if (amount_json && currency) {
    const auto text = amount_json->get<std::string>();
    minor = domain::parse_amount(text, *currency);
    // Well written but past what 64 bits hold is a range error, not a format one.
    if (!minor && has_amount_shape(text, currency->exponent)) too_big = true;
    else if (!minor)
      inner.add_error(inner.pointer("amount"),
                      currency->exponent == 0 ? "must be a whole number string for " + currency->code
                                              : "must be a decimal string with exactly " +
                                                    std::to_string(currency->exponent) + " digits after the point",
                      "wrong_currency_digits",
                      {{"currency", currency->code}, {"digits", std::to_string(currency->exponent)}});
  }
  const bool out_of_range =
      too_big || (minor && (*minor > domain::kMaxAmountMinor || *minor < -domain::kMaxAmountMinor));
  if (out_of_range)
    inner.add_error(inner.pointer("amount"), "must be at most " + domain::format_amount(domain::kMaxAmountMinor, *currency),
                    "out_of_range", {{"max", domain::money_text({domain::kMaxAmountMinor, *currency})}});
  errors_.insert(errors_.end(), inner.errors_.begin(), inner.errors_.end());
  if (!inner.ok() || !minor) return std::nullopt;
  return domain::Money{*minor, *currency};
}

std::optional<std::map<std::string, std::string>> FieldReader::string_map(const char* key, Presence presence,
                                                                        std::size_t max_items) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  if (!v->is_object() || v->size() > max_items) {
    add_size_or_type_error(pointer(key), "must be an object of at most " + std::to_string(max_items) + " strings", *v,
                           max_items, "object");
    return std::nullopt;
  }
  FieldReader items(*v, pointer(key));
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : v->items())
    if (auto text_value = items.text(value, name.c_str())) out[name] = std::move(*text_value);
  errors_.insert(errors_.end(), items.errors_.begin(), items.errors_.end());
  if (!items.ok()) return std::nullopt;
  return out;
}

std::optional<domain::Decimal> FieldReader::decimal(const char* key, Presence presence) {
  auto t = string(key, presence);
  if (!t) return std::nullopt;
  auto d = domain::parse_decimal(*t);
  if (!d) add_error(pointer(key), "must be a decimal string such as \"120\" or \"0.5\"", "not_a_decimal");
  return d;
}

std::optional<std::int64_t> FieldReader::instant(const char* key, Presence presence) {
  auto t = string(key, presence);
  if (!t) return std::nullopt;
  auto at = domain::parse_instant(*t);
  if (!at) add_error(pointer(key), "must be an instant in UTC such as 2027-02-28T17:00:00Z", "invalid_instant");
  return at;
}

std::optional<long long> FieldReader::integer(const char* key, Presence presence, long long min, long long max) {
  const auto* v = field(key, presence);
  if (!v) return std::nullopt;
  const bool too_big = v->is_number_unsigned() && v->get<unsigned long long>() > static_cast<unsigned long long>(max);
  if (!v->is_number_integer() || too_big || v->get<long long>() < min || v->get<long long>() > max) {
    const std::string detail = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (v->is_number_integer()) add_error(pointer(key), detail, "out_of_range", domain::range_params(min, max));
    else add_error(pointer(key), detail, "wrong_type", {{"expected", "integer"}});
    return std::nullopt;
  }
  return v->get<long long>();
}

bool FieldReader::is_array(const nlohmann::json& v) { return v.is_array(); }
bool FieldReader::is_object(const nlohmann::json& v) { return v.is_object(); }
std::size_t FieldReader::array_size(const nlohmann::json& v) { return v.size(); }
const nlohmann::json& FieldReader::array_at(const nlohmann::json& v, std::size_t i) { return v.at(i); }
void FieldReader::add_size_or_type_error(std::string at, std::string detail, const nlohmann::json& v,
                                         std::size_t max_items, const char* expected) {
  const bool right_type = std::string_view(expected) == "array" ? v.is_array() : v.is_object();
  if (right_type) add_error(std::move(at), std::move(detail), "too_many_items", {{"max", std::to_string(max_items)}});
  else add_error(std::move(at), std::move(detail), "wrong_type", {{"expected", expected}});
}

std::optional<std::string> FieldReader::one_of(const char* key, Presence presence,
                                               const std::vector<std::string_view>& allowed) {
  auto value = string(key, presence);
  if (!value) return std::nullopt;
  for (auto a : allowed)
    if (a == *value) return value;
  add_error(pointer(key), "must be one of: " + domain::join(allowed, ", "), "not_one_of",
            {{"allowed", domain::join(allowed, " ")}});
  return std::nullopt;
}

void FieldReader::add_unknown_currency(std::string at) {
  add_error(std::move(at), "must be one of USD, EUR, GBP, THB, KHR, LAK, MMK, VND", "not_one_of",
            {{"allowed", "USD EUR GBP THB KHR LAK MMK VND"}});
}

void FieldReader::reject_unknown(const std::vector<std::string_view>& allowed) {
  for (const auto& [key, value] : object_.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) add_error(pointer(key), "is not a known field", "unknown_field");
  }
}

}  // namespace mswa::api
