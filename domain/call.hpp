#pragma once
// A grant call: MSWA invites proposals for an envelope of money, against
// logframe results, scored on weighted criteria. draft -> open -> closed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"

namespace mswa::domain {

enum class CallStatus { draft, open, closed };
enum class ReportingFrequency { quarterly, semiannual, annual };

std::string_view to_string(CallStatus s);
std::string_view to_string(ReportingFrequency f);
std::optional<ReportingFrequency> parse_reporting_frequency(std::string_view s);

struct Criterion {
  std::string key;
  std::string label;
  int weight = 0;  // the weights of a call sum to 100
  friend bool operator==(const Criterion&, const Criterion&) = default;
};

struct Question {
  std::string key;
  std::string label;
  bool required = false;
  int max_length = 4000;
  friend bool operator==(const Question&, const Question&) = default;
};

struct CallFields {
  std::string title;
  std::string description;
  Currency currency;
  Money envelope;
  Money max_award;
  EpochMs opens_at = 0;
  EpochMs closes_at = 0;
  std::vector<std::string> eligible_countries;
  std::vector<std::string> result_codes;
  std::vector<Criterion> criteria;
  std::vector<Question> questions;
  ReportingFrequency reporting_frequency = ReportingFrequency::quarterly;
  std::vector<std::string> funding_source_ids;
};

struct Call {
  std::string id;
  CallFields fields;
  CallStatus status = CallStatus::draft;
  long long version = 1;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;

  // Open in name and in time: an open call past closes_at takes nothing.
  bool accepting(EpochMs now) const {
    return status == CallStatus::open && fields.opens_at <= now && now < fields.closes_at;
  }
};

// A PATCH: only the fields present change.
struct CallPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<Currency> currency;
  std::optional<Money> envelope;
  std::optional<Money> max_award;
  std::optional<EpochMs> opens_at;
  std::optional<EpochMs> closes_at;
  std::optional<std::vector<std::string>> eligible_countries;
  std::optional<std::vector<std::string>> result_codes;
  std::optional<std::vector<Criterion>> criteria;
  std::optional<std::vector<Question>> questions;
  std::optional<ReportingFrequency> reporting_frequency;
  std::optional<std::vector<std::string>> funding_source_ids;
};

CallFields apply(CallFields base, const CallPatch& patch);

// Every rule that needs no database; funding sources are checked by the service.
std::vector<FieldError> validate(const CallFields& f);

}  // namespace mswa::domain
