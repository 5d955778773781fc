#pragma once
#include <optional>

#include "domain/clock.hpp"

namespace mswa::domain {

struct SessionTimes {
  EpochMs created_at = 0;
  EpochMs last_seen_at = 0;
  EpochMs expires_at = 0;  // absolute end
  std::optional<EpochMs> revoked_at;
};

// DESIGN §5: idle timeout 30 min, absolute 12 h. Activity is recorded at most
// once per touch interval, so a busy session costs one write a minute, not one
// per request; the idle clock may then end a session up to that much early.
struct SessionPolicy {
  EpochMs idle_ms = minutes_ms(30);
  EpochMs absolute_ms = hours_ms(12);
  EpochMs touch_interval_ms = minutes_ms(1);

  EpochMs expiry_for(EpochMs created_at) const { return created_at + absolute_ms; }
  bool is_live(const SessionTimes& s, EpochMs now) const {
    return !s.revoked_at && now < s.expires_at && now - s.last_seen_at < idle_ms;
  }
  bool needs_touch(const SessionTimes& s, EpochMs now) const { return now - s.last_seen_at >= touch_interval_ms; }
};

}  // namespace mswa::domain
