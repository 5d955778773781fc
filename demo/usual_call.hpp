#pragma once
// The review criteria and questions of the alliance's usual call, which the
// demo data and the benchmark portfolio both open their calls with.
#include <vector>

#include "domain/call.hpp"

namespace mswa::demo {

inline std::vector<domain::Criterion> usual_criteria() {
  return {{"relevance", "Relevance to the logframe", 40},
          {"leadership", "Sex worker leadership", 35},
          {"value", "Value for money", 25}};
}
inline std::vector<domain::Question> usual_questions() {
  return {{"need", "What need does this answer?", true, 4000}, {"safety", "How will you keep people safe?", true, 2000}};
}

}  // namespace mswa::demo
