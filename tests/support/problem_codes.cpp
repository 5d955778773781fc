#include "tests/support/problem_codes.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace mswa::test {

namespace {

// The lines of the ProblemCode schema: from its name to the next schema at
// the same indentation.
std::vector<std::string> problem_code_schema() {
  std::ifstream in(std::string(MSWA_DOCS_DIR) + "/openapi.yaml");
  if (!in) throw std::runtime_error("cannot read docs/openapi.yaml");
  std::vector<std::string> lines;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "    ProblemCode:") {
      inside = true;
      continue;
    }
    if (inside && line.size() > 4 && line.rfind("    ", 0) == 0 && line[4] != ' ') break;
    if (inside) lines.push_back(line);
  }
  if (lines.empty()) throw std::runtime_error("docs/openapi.yaml has no ProblemCode schema");
  return lines;
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(' ');
  return first == std::string::npos ? "" : s.substr(first);
}

}  // namespace

const std::set<std::string>& documented_problem_codes() {
  static const std::set<std::string> codes = [] {
    // The enum is a block list: "      enum:" then one "        - code" a line.
    std::set<std::string> out;
    bool in_enum = false;
    for (const auto& line : problem_code_schema()) {
      if (trimmed(line) == "enum:") {
        in_enum = true;
        continue;
      }
      if (!in_enum) continue;
      const auto item = trimmed(line);
      if (item.rfind("- ", 0) != 0) break;
      out.insert(item.substr(2));
    }
    return out;
  }();
  return codes;
}

std::map<std::string, std::string> documented_problem_code_meanings() {
  std::map<std::string, std::string> out;
  for (const auto& line : problem_code_schema()) {
    const auto item = trimmed(line);
    if (item.rfind("- `", 0) != 0) continue;
    const auto close = item.find("`:", 3);
    if (close == std::string::npos) continue;
    out[item.substr(3, close - 3)] = trimmed(item.substr(close + 2));
  }
  return out;
}

::testing::AssertionResult HasDocumentedCodes(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return ::testing::AssertionFailure() << "not a JSON object: " << body;
  const auto& codes = documented_problem_codes();
  const auto check = [&](const nlohmann::json& where, const std::string& what) -> ::testing::AssertionResult {
    if (!where.contains("code") || !where.at("code").is_string() || where.at("code").get<std::string>().empty())
      return ::testing::AssertionFailure() << what << " has no code: " << body;
    const auto code = where.at("code").get<std::string>();
    if (!codes.count(code))
      return ::testing::AssertionFailure() << what << " has code '" << code << "', not in openapi's ProblemCode: " << body;
    if (where.contains("params")) {
      const auto& params = where.at("params");
      if (!params.is_object() || params.empty())
        return ::testing::AssertionFailure() << what << " has params that are not a non-empty object: " << body;
      for (const auto& [name, value] : params.items())
        if (!value.is_string())
          return ::testing::AssertionFailure() << what << " has a param '" << name << "' that is not a string: " << body;
    }
    return ::testing::AssertionSuccess();
  };
  if (auto ok = check(j, "the problem"); !ok) return ok;
  if (j.contains("errors"))
    for (std::size_t i = 0; i < j.at("errors").size(); ++i)
      if (auto ok = check(j.at("errors").at(i), "errors[" + std::to_string(i) + "]"); !ok) return ok;
  return ::testing::AssertionSuccess();
}

}  // namespace mswa::test
