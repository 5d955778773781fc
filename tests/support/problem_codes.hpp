#pragma once
// DESIGN §4.1: every problem document carries `code`, and every entry of
// `errors[]` carries `code` (and `params`, an object of strings, where a
// translation needs values), each one of docs/openapi.yaml's ProblemCode.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace mswa::test {

// The ProblemCode enum of docs/openapi.yaml.
const std::set<std::string>& documented_problem_codes();
// The "- `code`: meaning" lines of ProblemCode's description, by code.
std::map<std::string, std::string> documented_problem_code_meanings();

// Success when the problem+json `body` and each of its errors[] entries carry
// a documented code, and every `params` is an object of strings.
::testing::AssertionResult HasDocumentedCodes(const std::string& body);

}  // namespace mswa::test
