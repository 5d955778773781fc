#pragma once
#include <vector>

#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

struct LogframeView {
  std::vector<LogframeResult> results;
  std::vector<Indicator> indicators;  // in result order
};

class LogframeService {
 public:
  LogframeService(Store& store, const Clock& clock);
  LogframeView logframe();
  std::vector<Indicator> indicators();
  Result<Indicator> create_indicator(const Actor& actor, const IndicatorFields& fields);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
