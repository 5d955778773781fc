#pragma once
// `mswa-grants seed-demo`: a believable data set for a newcomer to explore,
// built through the same domain services the API uses. Ten months of history
// (an earlier call, its grants, payments and accepted progress reports) run
// on a clock the seeder moves; today's open calls run on the real clock.
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/credentials.hpp"
#include "domain/repositories.hpp"

namespace mswa::demo {

struct DemoLogin {
  std::string email;
  std::string role;
  std::string organisation;
};

// Builds the data set; throws std::runtime_error when the database already
// holds more than the bootstrap (it never mixes demo data into real data).
// `clock` is the real one: the history ends before its today. Every demo
// user gets `password`.
std::vector<DemoLogin> seed_demo(domain::Store& store, const domain::Clock& clock,
                                 const domain::PasswordHasher& hasher, const std::string& password);

}  // namespace mswa::demo
