#pragma once
// Disclosure control (DESIGN §9): figures broken down by the organisations
// they come from, and the tables they add up in, checked so that no
// subtraction of published figures - within an edition, or between it and
// the previous edition of the same source - isolates one or two organisations.
//
// A table is a total and parts that add up to it exactly. What a reader can
// work out of it is the remainder: the total minus the published parts, the
// sum of the withheld ones. Between two editions a reader can also subtract
// the previous edition's figures from this one's; what that leaves of the
// withheld parts is checked too (change_safe). Pure: no I/O.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mswa::reports::disclosure {

// Up to three figures that travel together: allocated, disbursed and spent
// money; baseline and target; or one count (times 10^4).
inline constexpr std::size_t kMeasures = 3;
using Values = std::array<std::int64_t, kMeasures>;

inline constexpr std::size_t kMinOrganisations = 3;
inline constexpr std::int64_t kSmallCountLimitE4 = 10 * 10000;  // counts from 1 to 9 are small

// A figure by the organisations it comes from.
class Contributions {
 public:
  void add(const std::string& organisation, std::size_t measure, std::int64_t value);
  void add(const std::string& organisation, const Values& values);
  void add(const Contributions& other);
  Contributions minus(const Contributions& other) const;

  // The organisations with a non-zero figure in the measure.
  std::vector<std::string> organisations(std::size_t measure) const;
  std::int64_t total(std::size_t measure) const;
  bool is_zero() const;
  const std::map<std::string, Values>& by_organisation() const { return by_org_; }

 private:
  std::map<std::string, Values> by_org_;
};

struct Rule {
  std::size_t measures = 1;
  bool counts = false;  // counts of people or awards: also withheld from 1 to 9
};

// 0 from no organisation, or from at least three organisations (and, for
// counts, at least 10), in every measure.
bool safe(const Contributions& c, const Rule& rule);

struct Part {
  std::string key;
  Contributions now;
  Contributions before;         // in the previous edition (empty when there is none, or it did not exist)
  bool published_before = true; // a part the previous edition did not have counts as a published zero
  bool withheld = false;
  bool choosable = true;        // may be withheld to protect others
  // What of `now` the reader already knew from the previous edition (an
  // award it showed, hidden now): only the rest is news to them.
  Contributions known_before{};
};

struct Table {
  Rule rule;
  bool has_prior = false;               // there is a previous edition to compare with
  bool total_published_before = false;  // and it published this total
  bool total_fixed = false;             // the donor's own accounts: always published (rule 5)
  bool total_withheld = false;
  std::vector<Part> parts;
};

// The sum of the withheld parts is safe (rule 2). A fixed total whose parts
// are all withheld is published as it is: it is the donor's own account.
bool remainder_safe(const Table& t);

// What subtracting the previous edition's figures from this one's leaves
// (rule 3): a part is known in an edition that published it, so what a reader
// can learn of the withheld parts comes down to three figures, each of which
// must come from no organisation or from three or more (counted by the parts
// behind them, so that two organisations' figures cannot cancel by chance).
struct ChangeCheck {
  bool previous_remainder_ok = true;  // the previous remainder, less what this edition publishes of it
  // The measures in which this remainder less what the previous edition
  // published of it, or the change of every part withheld in either edition, fails.
  std::vector<std::size_t> failing_measures;
  bool ok() const { return previous_remainder_ok && failing_measures.empty(); }
};
ChangeCheck check_change(const Table& t);
bool change_safe(const Table& t);

// remainder_safe and change_safe, or the total is withheld.
bool table_safe(const Table& t);

// Withholds the smallest published parts that can help, then the total where
// it may be, until table_safe holds; a fixed total whose remaining parts
// cannot help is published as it is. A withheld total withholds every part.
// Returns whether anything was withheld.
bool protect(Table& t);

}  // namespace mswa::reports::disclosure
