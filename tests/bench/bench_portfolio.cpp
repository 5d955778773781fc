// bench_portfolio: fills an empty database with a large grant portfolio, for
// benchmarking the donor summary on realistic volumes.
//
//   bench_portfolio --db URL [--awards 1000] [--indicators 20] [--periods 8]
//                   [--organisations 50] [--batch 100] [--workers 1] [--password P]
//
// One funding source (USD) funds every award. Awards come in batches, one
// open call per batch, a month apart; each award is a THB grant of `periods`
// quarters that targets `indicators` logframe indicators. Its four tranches
// are requested, approved and paid (four eyes: two finance officers), and
// every quarterly report is saved with a value for every targeted indicator,
// broken down by the indicator's dimensions, plus spending on each budget
// line, then submitted and accepted.
//
// Every step goes through the domain services the API uses, so the data
// meets every rule, the ledger is booked and the audit trail written. The
// steps run in time order on a ManualClock that ends before today, so a
// summary as of today sees all of it.
//
// --workers N deals the batches out to N threads, each with its own clock
// and services. On PostgreSQL, where every statement is a round trip and a
// report costs a few hundred of them, that runs the history several times
// faster; SQLite has one writer, so one worker is as fast as any number.
//
// Prints key=value lines on stdout (the funding source, the logins, the
// time taken); progress and the time per kind of service call on stderr.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/domain_services.hpp"
#include "api/dto/disbursement_json.hpp"
#include "api/sodium_credentials.hpp"
#include "demo/agenda.hpp"
#include "demo/usual_call.hpp"
#include "domain/application_service.hpp"
#include "domain/award_service.hpp"
#include "domain/calendar_date.hpp"
#include "domain/call_service.hpp"
#include "domain/decision_service.hpp"
#include "domain/disbursement_service.hpp"
#include "domain/funding_service.hpp"
#include "domain/logframe_service.hpp"
#include "domain/organisation_service.hpp"
#include "domain/progress_report_service.hpp"
#include "domain/user_service.hpp"
#include "persistence/database.hpp"
#include "persistence/migrator.hpp"
#include "persistence/soci_store.hpp"

namespace {

using namespace mswa::domain;
using mswa::demo::Agenda;
using mswa::demo::first_of_month;
using mswa::demo::instant;
using mswa::demo::last_of_month;
using Seconds = std::chrono::duration<double>;
using SteadyClock = std::chrono::steady_clock;

const std::string kRequestId = "bench-portfolio";
const Actor kSystem = Actor::system(kRequestId);

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r.ok()) {
    std::string why = r.error().detail;
    for (const auto& f : r.error().fields) why += " " + f.pointer + " " + f.detail + ";";
    throw std::runtime_error(what + ": " + why);
  }
  return std::move(r).value();
}

Money thb(std::int64_t whole) { return {whole * 100, *find_currency("THB")}; }
Money usd_cents(std::int64_t cents) { return {cents, *find_currency("USD")}; }


// The same portfolio on every run: numbers drawn from a hash of where they are used.
std::uint64_t draw(std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0, std::uint64_t d = 0) {
  std::uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL) * 0xBF58476D1CE4E5B9ULL ^
                    (c + 1) * 0x94D049BB133111EBULL ^ (d + 7) * 0xD6E8FEB86659FD93ULL;
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
std::int64_t draw_between(std::int64_t low, std::int64_t high, std::uint64_t a, std::uint64_t b = 0,
                          std::uint64_t c = 0, std::uint64_t d = 0) {
  return low + static_cast<std::int64_t>(draw(a, b, c, d) % static_cast<std::uint64_t>(high - low + 1));
}

struct Options {
  std::string db;
  int awards = 1000;
  int indicators = 20;
  int periods = 8;
  int organisations = 50;
  int batch = 100;
  int workers = 1;
  std::string password = "bench-portfolio-password";
};

Options parse_options(int argc, char** argv) {
  Options o;
  const auto number = [](const std::string& flag, const std::string& text, int low, int high) {
    std::size_t used = 0;
    int n = 0;
    try {
      n = std::stoi(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || n < low || n > high)
      throw std::invalid_argument(flag + " must be a whole number from " + std::to_string(low) + " to " +
                                  std::to_string(high));
    return n;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
    const std::string value = argv[++i];
    if (flag == "--db") o.db = value;
    else if (flag == "--awards") o.awards = number(flag, value, 1, 100000);
    else if (flag == "--indicators") o.indicators = number(flag, value, 1, 50);  // an application targets at most 50
    else if (flag == "--periods") o.periods = number(flag, value, 1, 20);        // quarters: 60 months at most
    else if (flag == "--organisations") o.organisations = number(flag, value, 1, 1000);
    else if (flag == "--batch") o.batch = number(flag, value, 1, 100000);
    else if (flag == "--workers") o.workers = number(flag, value, 1, 16);
    else if (flag == "--password") o.password = value;
    else throw std::invalid_argument("unknown option " + flag);
  }
  if (o.db.empty()) throw std::invalid_argument("--db URL is required (sqlite:PATH or postgresql://...)");
  return o;
}

// Wall-clock time per kind of service call, to show where generation goes.
class Timings {
 public:
  template <class F>
  auto operator()(const std::string& kind, F&& f) {
    const auto started = SteadyClock::now();
    struct Stop {
      Timings& t;
      const std::string& kind;
      SteadyClock::time_point started;
      ~Stop() {
        auto& k = t.kinds_[kind];
        ++k.calls;
        k.seconds += Seconds(SteadyClock::now() - started).count();
      }
    } stop{*this, kind, started};
    return f();
  }
  void add(const Timings& other) {
    for (const auto& [kind, k] : other.kinds_) {
      kinds_[kind].calls += k.calls;
      kinds_[kind].seconds += k.seconds;
    }
  }
  void print(std::ostream& out) const {
    out << "service call                 calls    seconds   ms/call\n";
    for (const auto& [kind, k] : kinds_) {
      char line[96];
      std::snprintf(line, sizeof line, "%-24s %9lld %10.1f %9.2f\n", kind.c_str(), k.calls, k.seconds,
                    1000.0 * k.seconds / static_cast<double>(k.calls));
      out << line;
    }
  }

 private:
  struct Kind {
    long long calls = 0;
    double seconds = 0;
  };
  std::map<std::string, Kind> kinds_;
};

// Runs one lane's agenda on its clock, printing progress every tenth of the
// way; stops early when `stop` is set (another lane failed).
void run_agenda(Agenda& agenda, ManualClock& clock, EpochMs until, const std::string& label,
                const std::atomic<bool>& stop) {
  const auto started = SteadyClock::now();
  const std::size_t total = agenda.size();
  const auto every = std::max<std::size_t>(1, total / 10);
  agenda.run(clock, until, [&](std::size_t done) {
    if (done % every == 0 || done == total)
      std::fprintf(stderr, "  %s%3.0f%%  %s  %zu of %zu steps  %.1f s\n", label.empty() ? "" : (label + "  ").c_str(),
                   100.0 * static_cast<double>(done) / static_cast<double>(total), date_of(clock.now_ms()).c_str(),
                   done, total, Seconds(SteadyClock::now() - started).count());
    return !stop;
  });
}

using Services = mswa::api::DomainServices;

// Indicators the generator adds when the logframe has fewer than asked for,
// one per result in this order: each breaks down by its own dimensions.
struct NewIndicator {
  const char* result;
  const char* title;
  Measure measure;
  std::vector<Dimension> dimensions;
};
const std::vector<NewIndicator>& new_indicators() {
  using D = Dimension;
  static const std::vector<NewIndicator> list{
      {"OP1", "Community monitors trained and active", Measure::unit, {D::gender, D::migrant_status}},
      {"OC4", "Referrals to health services completed", Measure::unit, {D::gender, D::migrant_status, D::age_group}},
      {"OP3", "Visits to community-run drop-in centres", Measure::unit, {D::gender, D::age_group}},
      {"OC1", "Sex workers supported through legal cases", Measure::unit, {D::gender, D::migrant_status}},
      {"OC2", "Workplace rights violations resolved", Measure::unit, {D::gender, D::migrant_status}},
      {"OP2", "Community members taking part in advocacy actions", Measure::unit,
       {D::gender, D::migrant_status, D::age_group}},
      {"OP4", "New members joining national sex worker networks", Measure::unit, {D::gender, D::migrant_status}},
      {"OC5", "Sex worker leaders in alliance and coalition bodies", Measure::unit, {D::gender}},
      {"OC3", "Programme meetings with sex worker representatives", Measure::unit, {}},
      {"OP5", "Duty bearers briefed with community evidence", Measure::unit, {D::gender}},
      {"OP6", "Legal reviews drafted with community input", Measure::unit, {}},
  };
  return list;
}

// A report breaks each indicator down into at most this many cells.
constexpr std::size_t kCellsPerIndicator = 6;

// Every combination of an indicator's dimension values, in a fixed order.
std::vector<std::map<Dimension, std::string>> cells_of(const Indicator& indicator) {
  std::vector<std::map<Dimension, std::string>> cells{{}};
  for (const auto d : indicator.fields.dimensions) {
    std::vector<std::map<Dimension, std::string>> wider;
    for (const auto& cell : cells)
      for (const auto value : dimension_values(d)) {
        auto next = cell;
        next[d] = std::string(value);
        wider.push_back(std::move(next));
      }
    cells = std::move(wider);
  }
  return cells;
}

const std::vector<std::string> kCountries{"KH", "LA", "MM", "TH", "VN"};

// Member organisations' names in their own scripts (the English name adds the number).
std::string local_name(const std::string& country, const std::string& number) {
  const std::map<std::string, std::string> prefix{{"KH", "បណ្តាញសហគមន៍"},
                                                  {"LA", "ເຄືອຂ່າຍຊຸມຊົນ"},
                                                  {"MM", "ရပ်ရွာကွန်ရက်"},
                                                  {"TH", "เครือข่ายชุมชน"},
                                                  {"VN", "Mạng lưới cộng đồng"}};
  return prefix.at(country) + " " + number;
}

const std::vector<std::string> kNarratives{
    "Peer monitors documented incidents at venues and during police checks, and went with survivors to the legal "
    "clinic. Outreach continued in every district with trusted community workers.",
    "Referrals to community-friendly clinics grew as monitors became known in entertainment venues. Rights sessions "
    "were held with venue workers, and two cases went to the provincial human rights office with consent.",
    "Migrant workers reported more incidents after raids, so the team added a hotline shift in their languages. "
    "Safety planning sessions followed arrests during a crackdown.",
    "The drop-in centre stayed open five evenings a week. Members took part in consultations with health authorities "
    "and shared community-owned data on violence and access to services.",
};

// One award, from application to its last report.
struct Grant {
  int index = 0;
  const Principal* member = nullptr;
  std::int64_t amount = 0;  // whole baht
  std::vector<std::string> tranche_due;  // the first on signature, each later one after every second report
  std::string application_id;
  Award award;
  std::vector<ProgressReport> reports;
  std::vector<std::string> disbursements;
};

// One thread of the history: its own clock, services and agenda, and the
// batches dealt to it. Lanes share only the database (and read the setup).
struct Lane {
  Lane(Store& store, const PasswordHasher& hasher, EpochMs start) : clock(start), s(store, clock, hasher) {}
  ManualClock clock;
  Services s;
  Agenda agenda;
  Timings time;
  long long values_written = 0, reports_accepted = 0;
};

class Generator {
 public:
  Generator(Store& store, const PasswordHasher& hasher, Options options, EpochMs real_now)
      : o_(std::move(options)), real_now_(real_now) {
    const auto today = date_of(real_now_);
    batches_ = (o_.awards + o_.batch - 1) / o_.batch;
    // The last batch's grants end two months before this month, so every
    // report is accepted (and every tranche paid) before today.
    last_start_ = add_months(first_of_month(today), -(3 * o_.periods + 2));
    first_start_ = add_months(last_start_, -(batches_ - 1));
    history_start_ = add_days(first_start_, -84);
    for (int i = 0; i < std::min(o_.workers, batches_); ++i)
      lanes_.push_back(std::make_unique<Lane>(store, hasher, instant(history_start_, 2)));
  }

  void generate() {
    Lane& setup = *lanes_.front();
    people(setup);
    indicators(setup);
    funding(setup);
    for (auto& lane : lanes_) lane->clock.set(setup.clock.now_ms());
    plan();
    std::size_t steps = 0;
    for (const auto& lane : lanes_) steps += lane->agenda.size();
    std::fprintf(stderr, "bench_portfolio: %zu steps on %zu lanes from %s (%d calls, grants start %s to %s)\n", steps,
                 lanes_.size(), history_start_.c_str(), batches_, first_start_.c_str(), last_start_.c_str());
    run_lanes();
  }

  const std::string& source_id() const { return source_; }
  const Principal& donor() const { return donor_; }
  const Principal& finance() const { return finance_approver_; }
  long long indicator_values() const {
    long long n = 0;
    for (const auto& lane : lanes_) n += lane->values_written;
    return n;
  }
  long long reports() const {
    long long n = 0;
    for (const auto& lane : lanes_) n += lane->reports_accepted;
    return n;
  }
  Timings timings() const {
    Timings all;
    for (const auto& lane : lanes_) all.add(lane->time);
    return all;
  }

 private:
  Actor as(const Principal& who) const { return Actor::of(who, kRequestId); }
  static std::string today(const Lane& l) { return date_of(l.clock.now_ms()); }

  // Each lane on its own thread; the first failure stops the others.
  void run_lanes() {
    if (lanes_.size() == 1) return run_agenda(lanes_.front()->agenda, lanes_.front()->clock, real_now_, "", failed_);
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(lanes_.size());
    for (std::size_t i = 0; i < lanes_.size(); ++i)
      threads.emplace_back([this, i, &errors] {
        try {
          run_agenda(lanes_[i]->agenda, lanes_[i]->clock, real_now_, "lane " + std::to_string(i + 1), failed_);
        } catch (...) {
          errors[i] = std::current_exception();
          failed_ = true;
        }
      });
    for (auto& t : threads) t.join();
    for (const auto& e : errors)
      if (e) std::rethrow_exception(e);
  }

  Principal user(Lane& l, const std::string& email, Role role, const std::optional<std::string>& organisation,
                 const std::string& name) {
    const auto u = l.time("user.create", [&] {
      return must(l.s.users.create(kSystem, {email, name, role, organisation, o_.password}), "user " + email);
    });
    return {u.id, role, organisation, u.email, u.name};
  }

  // The alliance with its first admin, staff, a donor and one member user per organisation.
  void people(Lane& l) {
    const auto admin = l.s.users.bootstrap_admin("admin@bench.test", o_.password);
    if (!admin) throw std::runtime_error("the database already has users; bench_portfolio fills only an empty one");
    const auto alliance = *admin->organisation_id;
    programme_ = user(l, "programme@bench.test", Role::programme, alliance, "Programme officer");
    finance_requester_ = user(l, "finance.requests@bench.test", Role::finance, alliance, "Finance officer (requests)");
    finance_approver_ = user(l, "finance@bench.test", Role::finance, alliance, "Finance officer (approves and pays)");
    const auto donor_org = must(l.s.organisations.create(kSystem, {"Bench Rights Fund", "Bench Rights Fund",
                                                                   OrgKind::donor, "GB", false, Publication::public_,
                                                                   std::nullopt}),
                                "donor organisation");
    donor_ = user(l, "donor@bench.test", Role::donor, donor_org.id, "Bench Rights Fund");
    donor_organisation_ = donor_org.id;

    // Countries in turn; publication chosen per five, so every country has all three choices.
    const Publication choices[] = {Publication::public_, Publication::pseudonymous, Publication::pseudonymous,
                                   Publication::public_, Publication::confidential};
    members_.reserve(static_cast<std::size_t>(o_.organisations));
    for (int i = 0; i < o_.organisations; ++i) {
      l.clock.advance_ms(minutes_ms(1));  // "by creation" has an order: pseudonyms number by it
      const auto& country = kCountries[static_cast<std::size_t>(i) % kCountries.size()];
      const auto number = std::to_string(i / static_cast<int>(kCountries.size()) + 1);
      const OrganisationFields fields{local_name(country, number), "Community Network " + country + "-" + number,
                                      OrgKind::member, country, true, choices[(i / 5) % 5], std::nullopt};
      const auto org = l.time("organisation.create",
                              [&] { return must(l.s.organisations.create(kSystem, fields), "organisation"); });
      members_.push_back(user(l, "member" + std::to_string(i + 1) + "@bench.test", Role::member, org.id,
                              "Member " + country + "-" + number));
    }
  }

  // Tops the logframe up to o_.indicators through the service, then targets the first that many.
  void indicators(Lane& l) {
    auto existing = l.s.logframe.indicators();
    std::size_t next = 0;
    while (existing.size() < static_cast<std::size_t>(o_.indicators)) {
      const auto& spec = new_indicators()[next % new_indicators().size()];
      const auto round = next / new_indicators().size();
      ++next;
      int number = 1;  // the next free number of the result
      for (const auto& i : existing)
        if (i.fields.result_code == spec.result)
          number = std::max(number, std::stoi(i.fields.code.substr(i.fields.code.find('.') + 1)) + 1);
      IndicatorFields f{std::string(spec.result) + "." + std::to_string(number), spec.result,
                        round == 0 ? spec.title : std::string(spec.title) + " (" + std::to_string(round + 1) + ")",
                        spec.measure, true, spec.dimensions};
      l.time("indicator.create",
             [&] { return must(l.s.logframe.create_indicator(as(programme_), f), "indicator " + f.code); });
      existing = l.s.logframe.indicators();
    }
    targeted_.assign(existing.begin(), existing.begin() + o_.indicators);
    for (const auto& i : targeted_)
      if (std::find(results_.begin(), results_.end(), i.fields.result_code) == results_.end())
        results_.push_back(i.fields.result_code);
  }

  // THB in USD: about 0.028, drifting month by month.
  static Decimal thb_usd(const std::string& date) {
    const int month = std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2));
    return {27200 + static_cast<std::int64_t>(draw(static_cast<std::uint64_t>(month)) % 1600), 6};
  }
  // Finance records the day's rate. Every lane records the month-end rates
  // it needs (the same figures), so no lane waits for another.
  void record_rate(Lane& l) {
    const auto day = today(l);
    l.time("fx_rate.put", [&] {
      return must(l.s.funding.put_fx_rate(as(finance_approver_), {"THB", day, "USD", thb_usd(day), 0}), "THB/USD rate");
    });
  }

  static constexpr std::int64_t kMaxAward = 600000;  // THB

  int awards_in(int batch) const { return std::min(o_.batch, o_.awards - batch * o_.batch); }

  // What a batch's receipt brings: enough for the largest possible awards at the highest rate.
  std::int64_t batch_receipt_cents(int batch) const {
    return static_cast<std::int64_t>(awards_in(batch)) * kMaxAward * 3;  // 1 THB < 0.03 USD
  }

  void funding(Lane& l) {
    std::int64_t total = 0;
    for (int b = 0; b < batches_; ++b) total += batch_receipt_cents(b);
    const auto start = first_of_month(history_start_);
    source_ = must(l.s.funding.create(as(finance_approver_),
                                      {donor_organisation_, "BENCH-PORTFOLIO-1", "Core support (benchmark portfolio)",
                                       usd_cents(total), start, add_days(add_months(start, 12 * 6), -1), results_}),
                   "funding source")
                  .id;
    record_rate(l);
  }

  CallFields call_fields(int batch, EpochMs opens_at, EpochMs closes_at) const {
    return {"Community-led programmes, round " + std::to_string(batch + 1),
            "Proposals led by sex workers' organisations in the Mekong region.",
            *find_currency("THB"),
            thb(awards_in(batch) * kMaxAward),
            thb(kMaxAward),
            opens_at,
            closes_at,
            kCountries,
            results_,
            mswa::demo::usual_criteria(),
            mswa::demo::usual_questions(),
            ReportingFrequency::quarterly,
            {source_}};
  }

  ApplicationContent proposal(const Grant& g, const std::string& start) const {
    ApplicationContent c;
    c.title = "Community programme " + std::to_string(g.index + 1);
    c.summary = "Peer-led work by and for sex workers, with community monitors and safe referral.";
    c.requested = thb(g.amount);
    c.start_date = start;
    c.duration_months = 3 * o_.periods;
    c.answers = {{"need", "Incidents go unrecorded and survivors lack safe support."},
                 {"safety", "Monitors work in pairs and keep no names."}};
    const std::int64_t staff = g.amount / 2, admin = g.amount / 10;
    c.budget_lines = {{"", BudgetCategory::personnel, "Peer monitor stipends", thb(staff)},
                      {"", BudgetCategory::activities, "Outreach and workshops", thb(g.amount - staff - admin)},
                      {"", BudgetCategory::administration, "Office and communications", thb(admin)}};
    for (const auto& ind : targeted_) {
      const auto cells = static_cast<std::int64_t>(std::min(kCellsPerIndicator, cells_of(ind).size()));
      // About what the reports will add up to over the grant, in tens.
      const std::int64_t target = ind.fields.measure == Measure::percentage ? 80
                                  : ind.fields.measure == Measure::qualitative
                                      ? o_.periods
                                      : (cells * 32 * o_.periods + 9) / 10 * 10;
      c.targets.push_back({ind.fields.code, {0, 0}, {target, 0}});
    }
    return c;
  }

  // A report's values: every targeted indicator, broken down into up to
  // kCellsPerIndicator cells (which ones rotates from award to award).
  ReportContent report_content(const Grant& g, int quarter) const {
    ReportContent c;
    const auto award = static_cast<std::uint64_t>(g.index), q = static_cast<std::uint64_t>(quarter);
    c.narrative = "Quarter " + std::to_string(quarter) + ". " + kNarratives[draw(award, q) % kNarratives.size()];
    for (std::size_t i = 0; i < targeted_.size(); ++i) {
      const auto& ind = targeted_[i];
      const auto cells = cells_of(ind);
      const std::size_t take = std::min(kCellsPerIndicator, cells.size());
      const std::size_t first = static_cast<std::size_t>(g.index) * 7 % cells.size();
      for (std::size_t k = 0; k < take; ++k) {
        const auto seed = draw(award, q, i, k);
        std::string value;
        if (ind.fields.measure == Measure::qualitative) value = "Progress reviewed with community members.";
        else if (ind.fields.measure == Measure::percentage) value = std::to_string(40 + seed % 56) + ".5";
        else value = std::to_string(3 + seed % 58);
        c.indicator_values.push_back({ind.fields.code, cells[(first + k) % cells.size()], value});
      }
    }
    // A quarter's spending: 85-100% of an even share, split over the budget
    // lines in proportion, in whole baht. It never passes what has been paid.
    const std::int64_t share = g.award.amount.minor / o_.periods * draw_between(85, 100, award, 99, q) / 100;
    for (const auto& line : g.award.budget_lines)
      c.expenditures.push_back(
          {line.id, {line.amount.minor * share / g.award.amount.minor / 100 * 100, g.award.amount.currency}});
    return c;
  }

  void plan() {
    grants_.resize(static_cast<std::size_t>(o_.awards));  // never resized again: steps hold references
    calls_.resize(static_cast<std::size_t>(batches_));
    for (int b = 0; b < batches_; ++b) plan_batch(*lanes_[static_cast<std::size_t>(b) % lanes_.size()], b);
    // Finance records the month-end rate, every month of the history.
    for (auto& lane : lanes_)
      for (auto month = first_of_month(history_start_); add_months(month, 1) < first_of_month(date_of(real_now_));
           month = add_months(month, 1))
        lane->agenda.at(last_of_month(month), 10, [this, &l = *lane] { record_rate(l); });
  }

  void plan_batch(Lane& l, int b) {
    const auto start = add_months(last_start_, -(batches_ - 1 - b));
    const auto opens = add_days(start, -70), closes = add_days(start, -42), decided = add_days(start, -28);
    const auto schedule = report_schedule(start, 3 * o_.periods, ReportingFrequency::quarterly);
    // Four tranches: one on signature, then one after every second report.
    const int tranches = std::min(4, 1 + (o_.periods - 1) / 2);
    auto& call = calls_[static_cast<std::size_t>(b)];

    l.agenda.at(opens, 3, [this, &l, &call, b, closes] {
      call = l.time("call.create", [&] {
        return must(l.s.calls.create(as(programme_), call_fields(b, l.clock.now_ms(), instant(closes, 17))), "call").id;
      });
      l.time("call.open", [&] { return must(l.s.calls.open(as(programme_), call), "opening a call"); });
    });
    l.agenda.at(closes, 18, [this, &l, &call] {
      l.time("call.close", [&] { return must(l.s.calls.close(as(programme_), call), "closing a call"); });
    });
    l.agenda.at(add_days(start, -35), 3, [this, &l, b] {
      l.time("funding.receipt", [&] {
        const auto amount = usd_cents(batch_receipt_cents(b));
        return must(l.s.funding.add_receipt(as(finance_approver_), source_, amount, today(l)), "receipt");
      });
    });

    for (int i = b * o_.batch; i < b * o_.batch + awards_in(b); ++i) {
      Grant& g = grants_[static_cast<std::size_t>(i)];
      g.index = i;
      g.member = &members_[static_cast<std::size_t>(i % o_.organisations)];
      g.amount = draw_between(30, 60, static_cast<std::uint64_t>(i)) * 10000;
      for (int t = 0; t < tranches; ++t)
        // Due the day after report 2t is due, so that report's acceptance unlocks it.
        g.tranche_due.push_back(t == 0 ? start : add_days(schedule[static_cast<std::size_t>(2 * t - 1)].due_on, 1));
      const int hour = 2 + i % 8;

      l.agenda.at(add_days(opens, 1 + i % 20), hour, [this, &l, &g, &call, start] {
        g.application_id = l.time("application.create", [&] {
          return must(l.s.applications.create(*g.member, kRequestId, call, proposal(g, start)), "application").id;
        });
        l.time("application.submit", [&] {
          return must(l.s.applications.submit(*g.member, kRequestId, g.application_id), "submitting an application");
        });
      });
      l.agenda.at(decided, 4, [this, &l, &g] { approve(l, g); });

      for (int t = 0; t < tranches; ++t) {
        const auto& due = g.tranche_due[static_cast<std::size_t>(t)];
        l.agenda.at(add_days(due, -2), hour, [this, &l, &g, t] { request_tranche(l, g, t); });
        l.agenda.at(add_days(due, -1), hour, [this, &l, &g, t] {
          l.time("disbursement.approve", [&] {
            return must(l.s.disbursements.approve(as(finance_approver_), g.disbursements[static_cast<std::size_t>(t)]),
                        "approving a disbursement");
          });
        });
        l.agenda.at(due, hour, [this, &l, &g, t] {
          const std::string reference = "BENCH-TT-" + g.award.reference + "-" + std::to_string(t + 1);
          l.time("disbursement.pay", [&] {
            return must(l.s.disbursements.pay(as(finance_approver_), g.disbursements[static_cast<std::size_t>(t)],
                                              {today(l), reference}),
                        "paying a disbursement");
          });
        });
      }

      for (int q = 1; q <= o_.periods; ++q) {
        const auto filed = add_days(schedule[static_cast<std::size_t>(q - 1)].period_end, 3 + i % 10);
        l.agenda.at(filed, hour, [this, &l, &g, q] {
          const auto& id = g.reports[static_cast<std::size_t>(q - 1)].id;
          const auto content = report_content(g, q);
          l.time("report.save", [&] {
            return must(l.s.progress_reports.save(*g.member, kRequestId, id, content, std::nullopt), "saving a report");
          });
          l.time("report.submit",
                 [&] { return must(l.s.progress_reports.submit(*g.member, kRequestId, id), "submitting a report"); });
          l.values_written += static_cast<long long>(content.indicator_values.size());
        });
        l.agenda.at(add_days(filed, 7), 3, [this, &l, &g, q] {
          l.time("report.accept", [&] {
            return must(l.s.progress_reports.accept(programme_, kRequestId, g.reports[static_cast<std::size_t>(q - 1)].id),
                        "accepting a report");
          });
          ++l.reports_accepted;
        });
      }
    }
  }

  void approve(Lane& l, Grant& g) {
    DecisionInput in{Decision::approve, "Strong community leadership and a safe plan.", thb(g.amount), {},
                     {{source_, thb(g.amount)}}};
    const auto n = static_cast<std::int64_t>(g.tranche_due.size());
    const std::int64_t part = g.amount / n / 100 * 100;
    for (std::size_t t = 0; t < g.tranche_due.size(); ++t)
      in.tranches.push_back({g.tranche_due[t], thb(t + 1 == g.tranche_due.size() ? g.amount - part * (n - 1) : part),
                             t == 0 ? TrancheCondition::none : TrancheCondition::report_accepted});
    g.award = l.time("application.decide", [&] {
      return std::get<Award>(must(l.s.decisions.decide(as(programme_), g.application_id, in), "approving"));
    });
    g.reports = must(l.s.awards.get(programme_, kRequestId, g.award.id), "reading an award").reports;
  }

  // The first finance officer asks for a tranche; the other approves and pays it.
  void request_tranche(Lane& l, Grant& g, int t) {
    const auto& tranche = g.award.tranches.at(static_cast<std::size_t>(t));
    const std::string key = "bench-" + g.award.reference + "-" + std::to_string(tranche.seq);
    const std::string note = t == 0 ? "First tranche, on signature." : "The report before it accepted.";
    std::string id;
    l.time("disbursement.request", [&] {
      return must(l.s.disbursements.request(as(finance_requester_), g.award.id, {tranche.id, tranche.amount, note},
                                            {finance_requester_.user_id, key, key},
                                            [&id](const Disbursement& made) {
                                              id = made.id;
                                              return StoredResponse{201, mswa::api::to_json(made).dump()};
                                            }),
                  "requesting a disbursement");
    });
    g.disbursements.push_back(id);
  }

  Options o_;
  EpochMs real_now_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::atomic<bool> failed_{false};

  int batches_ = 0;
  std::string history_start_, first_start_, last_start_;
  Principal programme_, finance_requester_, finance_approver_, donor_;
  std::string donor_organisation_, source_;
  std::vector<Principal> members_;
  std::vector<Indicator> targeted_;
  std::vector<std::string> results_;
  std::vector<std::string> calls_;
  std::vector<Grant> grants_;
};

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    const auto started = SteadyClock::now();
    mswa::api::init_sodium();
    // The OWASP floor (t=2, 19 MiB): a few dozen users, and logins still verify.
    const mswa::api::SodiumPasswordHasher hasher(2, 19u << 20);
    // A connection per lane, and one to spare.
    mswa::persistence::Database database(mswa::persistence::DatabaseUrl::parse(options.db),
                                         static_cast<std::size_t>(options.workers) + 1);
    mswa::persistence::migrate(database);
    mswa::persistence::SociStore store(database);

    Generator portfolio(store, hasher, options, SystemClock().now_ms());
    portfolio.generate();
    const double seconds = Seconds(SteadyClock::now() - started).count();

    portfolio.timings().print(std::cerr);
    std::fprintf(stderr, "bench_portfolio: %d awards, %lld reports accepted, %lld indicator values, in %.1f s\n",
                 options.awards, portfolio.reports(), portfolio.indicator_values(), seconds);
    std::printf("funding_source_id=%s\n", portfolio.source_id().c_str());
    std::printf("donor_email=%s\n", portfolio.donor().email.c_str());
    std::printf("finance_email=%s\n", portfolio.finance().email.c_str());
    std::printf("password=%s\n", options.password.c_str());
    std::printf("indicator_values=%lld\n", portfolio.indicator_values());
    std::printf("seconds=%.1f\n", seconds);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_portfolio: %s\n", e.what());
    return 1;
  }
}
