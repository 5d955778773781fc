#include "domain/logframe_service.hpp"

#include <algorithm>

namespace mswa::domain {

LogframeService::LogframeService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

LogframeView LogframeService::logframe() {
  auto uow = store_.begin(Access::read);
  LogframeView view{uow->logframe().results(), uow->logframe().indicators()};
  uow->commit();
  return view;
}

std::vector<Indicator> LogframeService::indicators() {
  auto uow = store_.begin(Access::read);
  auto all = uow->logframe().indicators();
  uow->commit();
  return all;
}

Result<Indicator> LogframeService::create_indicator(const Actor& actor, const IndicatorFields& fields) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  const auto results = uow->logframe().results();
  const bool result_exists =
      std::any_of(results.begin(), results.end(), [&](const LogframeResult& r) { return r.code == fields.result_code; });
  if (!result_exists) return invalid_field("/result_code", "is not a logframe result (OC1-OC5, OP1-OP6)", "unknown_result");
  if (auto errors = validate(fields); !errors.empty()) return invalid(std::move(errors));
  if (uow->logframe().find_indicator(fields.code))
    return conflict("An indicator with this code exists.", "indicator_exists", {{"indicator", fields.code}});
  Indicator created = uow->logframe().insert_indicator(fields, now);
  uow->audit().append({now, actor, "indicator.create", "indicator", fields.code, "success",
                       {{"result_code", fields.result_code}}});
  uow->commit();
  return created;
}

}  // namespace mswa::domain
