// Fault safety of disbursements, with the real binary. A burst of disbursement
// requests, each with its own Idempotency-Key, runs while the server is killed
// with SIGKILL several times and restarted on the same database; a request
// whose answer was lost is sent again with its original key and body until it
// is answered. Approvals and payments follow, with another kill. Then every
// acknowledged disbursement must exist exactly once, the ledger must balance
// and the award's totals must match what was paid. On SQLite the file must
// pass PRAGMA integrity_check after the last kill. On PostgreSQL, in a private
// cluster, the database is also restarted under the burst: the API answers
// 503 while it is down and recovers without being restarted itself.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/process/pg_cluster.hpp"
#include "tests/process/subprocess.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/scratch_database.hpp"

namespace mswa::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr int kRequests = 300;      // disbursement requests of 1.00 THB, one key each
constexpr int kClientThreads = 6;   // concurrent clients during the burst
constexpr int kPayments = 60;       // of those, approved and paid
constexpr int kBurstKills = 3;      // SIGKILLs during the burst
constexpr auto kPhaseLimit = 90s;   // no phase may take longer; each takes seconds
constexpr auto kRetryPause = 20ms;  // between attempts of one request

const std::string kApi = "/api/v1";
const std::string kAdmin = "admin@fault.test";
const std::string kAdminSecret = "admin-password-1";
const std::string kUserSecret = "a-long-enough-password";

std::string two_digits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// UTC as the API writes it: a date, or an RFC 3339 instant.
std::string utc(std::time_t t, bool with_time) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::string out = std::to_string(tm.tm_year + 1900) + "-" + two_digits(tm.tm_mon + 1) + "-" + two_digits(tm.tm_mday);
  if (with_time) out += "T" + two_digits(tm.tm_hour) + ":" + two_digits(tm.tm_min) + ":" + two_digits(tm.tm_sec) + "Z";
  return out;
}
std::string utc_date(int days_from_today = 0) {
  return utc(std::time(nullptr) + std::time_t{days_from_today} * 86400, false);
}
std::string utc_instant(int seconds_from_now) { return utc(std::time(nullptr) + seconds_from_now, true); }

// THB minor units as the API writes the amount: 6000 -> "60.00".
std::string thb(long long minor) {
  return std::to_string(minor / 100) + "." + two_digits(static_cast<int>(minor % 100));
}
json money(const std::string& amount) { return {{"currency", "THB"}, {"amount", amount}}; }

bool pg_required() {
  const char* v = std::getenv("MSWA_TEST_REQUIRE_PG");
  return v && std::string(v) == "1";
}

// Polls `done` until it holds or the deadline passes.
bool wait_until(const std::function<bool()>& done, Clock::duration limit) {
  const auto deadline = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// `mswa-grants serve` on one database, killed and started again at will. Each
// start gets a new ephemeral port, which clients read before every attempt.
class ServerProcess {
 public:
  explicit ServerProcess(std::string db_url) : db_url_(std::move(db_url)) { start(); }

  std::uint16_t port() const { return port_.load(); }  // 0 while down
  int kills() const { return kills_; }

  // SIGKILL: no shutdown, no chance to finish a request or flush anything.
  void kill() {
    port_ = 0;
    current().signal(SIGKILL);
    const int code = current().wait();
    if (code != 128 + SIGKILL)
      throw std::runtime_error("the server exited with " + std::to_string(code) + " before the kill");
    ++kills_;
  }
  void kill_and_restart() {
    kill();
    start();
  }
  // SIGTERM: the orderly stop; returns the exit code.
  int stop() {
    port_ = 0;
    current().signal(SIGTERM);
    return current().wait();
  }

  // Every start's stderr: what to read when something went wrong.
  std::string stderr_text() {
    std::string out;
    for (std::size_t i = 0; i < runs_.size(); ++i)
      out += "--- server run " + std::to_string(i + 1) + " ---\n" + runs_[i]->stderr_text();
    return out;
  }

 private:
  Subprocess& current() { return *runs_.back(); }
  void start() {
    runs_.push_back(std::make_unique<Subprocess>(
        std::vector<std::string>{"serve", "--port", "0", "--bind", "127.0.0.1", "--db", db_url_},
        // One address drives the whole burst: no per-address rate limit here.
        std::map<std::string, std::string>{{"MSWA_ACCESS_LOG", "false"},
                                           {"MSWA_RATE_LIMIT_PER_SECOND", "0"},
                                           {"MSWA_ADMIN_EMAIL", kAdmin},
                                           {"MSWA_ADMIN_PASSWORD", kAdminSecret},
                                           {"MSWA_PASSWORD_OPS_LIMIT", "2"},
                                           {"MSWA_PASSWORD_MEM_LIMIT_BYTES", "19922944"},
                                           {"MSWA_DB_POOL_SIZE", "4"}}));
    const auto serving = current().wait_for_line("serving http://", 30000);
    if (!serving) {
      const int code = current().wait(1000);
      throw std::runtime_error("the server did not start (exit code " + std::to_string(code) + ")\n" + stderr_text());
    }
    port_ = port_of(*serving);
  }

  std::string db_url_;
  std::vector<std::unique_ptr<Subprocess>> runs_;
  std::atomic<std::uint16_t> port_{0};
  int kills_ = 0;
};

// One request of the burst: its key and body never change between attempts.
struct DisbursementRequest {
  std::string key;
  std::string body;
  std::string id;          // named by the 201
  bool replayed = false;   // the 201 said Idempotent-Replayed: an earlier attempt had committed
  std::string unexpected;  // the first answer that was neither 201 nor 503
};

// What the clients saw, counted across threads.
struct Traffic {
  std::atomic<int> attempts{0};        // burst requests sent, first tries and retries
  std::atomic<int> answered{0};        // burst requests with their 201
  std::atomic<int> lost{0};            // burst attempts with no answer (refused, reset, cut off)
  std::atomic<int> unavailable{0};     // 503 answers, in any phase
  std::atomic<int> no_retry_after{0};  // 503 answers without Retry-After
  std::atomic<int> payment_lost{0};    // approve and pay attempts with no answer
  std::atomic<bool> abandon{false};    // the test failed: clients stop retrying
};

std::map<std::string, std::string> headers(const std::string& token, const std::string& key = {}) {
  std::map<std::string, std::string> h{{"Authorization", "Bearer " + token}};
  if (!key.empty()) h["Idempotency-Key"] = key;
  return h;
}

class DisbursementFault {
 public:
  DisbursementFault(std::string backend, std::string db_url)
      : backend_(std::move(backend)), server_(std::make_unique<ServerProcess>(std::move(db_url))) {}

  ServerProcess& server() { return *server_; }
  Traffic& traffic() { return traffic_; }

  // One call on the running server; throws with the answer when the status differs.
  json call(const std::string& method, const std::string& target, const std::string& token,
            const std::optional<json>& body, int expected) {
    HttpClient client(server_->port());
    auto r = client.request(method, kApi + target, body ? std::optional<std::string>(body->dump()) : std::nullopt,
                            token.empty() ? std::map<std::string, std::string>{} : headers(token));
    if (r.status != expected)
      throw std::runtime_error(method + " " + target + ": expected " + std::to_string(expected) + ", got " +
                               std::to_string(r.status) + " " + r.body);
    return r.body.empty() ? json() : r.json();
  }
  std::string login(const std::string& email, const std::string& password) {
    return call("POST", "/auth/login", "", json{{"email", email}, {"password", password}}, 200).at("token");
  }

  // Through the API as its users would: staff, a member organisation with an
  // approved application, a THB funding source with money received, and the
  // award of 540,000.00 THB in one unconditional tranche.
  void set_up_award() {
    const auto admin_login = call("POST", "/auth/login", "", json{{"email", kAdmin}, {"password", kAdminSecret}}, 200);
    const std::string admin = admin_login.at("token");
    const json alliance = admin_login.at("user").at("organisation_id");
    const auto org = [&](const std::string& kind, const std::string& country) -> std::string {
      return call("POST", "/organisations", admin,
                  json{{"name", kind + " organisation " + country},
                       {"kind", kind},
                       {"country", country},
                       {"sex_worker_led", kind == "member"},
                       {"publication", "public"},
                       {"iati_ref", nullptr}},
                  201)
          .at("id");
    };
    const auto member_org = org("member", "KH");
    const auto donor_org = org("donor", "GB");
    const auto user = [&](const std::string& role, const json& organisation) {
      const std::string email = role + "@fault.test";
      call("POST", "/users", admin,
           json{{"email", email},
                {"name", "Fault " + role},
                {"role", role},
                {"organisation_id", organisation},
                {"password", kUserSecret}},
           201);
      return login(email, kUserSecret);
    };
    programme_ = user("programme", alliance);
    finance_ = user("finance", alliance);
    const auto member = user("member", member_org);

    source_ = call("POST", "/funding-sources", finance_,
                   json{{"donor_organisation_id", donor_org},
                        {"reference", "FAULT-THB-1"},
                        {"title", "Core support"},
                        {"amount", money("1000000.00")},
                        {"start_date", utc_date(-30)},
                        {"end_date", utc_date(700)},
                        {"result_codes", {"OP1", "OC1"}}},
                   201)
                  .at("id");
    call("POST", "/funding-sources/" + source_ + "/receipts", finance_,
         json{{"amount", money("1000000.00")}, {"received_on", utc_date()}}, 201);

    const std::string call_id =
        call("POST", "/calls", programme_,
             json{{"title", "Community monitoring"},
                  {"description", "Community-led documentation of violence against sex workers."},
                  {"currency", "THB"},
                  {"envelope", money("3000000.00")},
                  {"max_award", money("600000.00")},
                  {"opens_at", utc_instant(-3600)},
                  {"closes_at", utc_instant(86400)},
                  {"eligible_countries", {"KH", "TH"}},
                  {"result_codes", {"OP1", "OC1"}},
                  {"criteria", {{{"key", "relevance"}, {"label", "Relevance"}, {"weight", 100}}}},
                  {"questions", {{{"key", "need"}, {"label", "What need?"}, {"required", true}, {"max_length", 4000}}}},
                  {"reporting_frequency", "quarterly"},
                  {"funding_source_ids", {source_}}},
             201)
            .at("id");
    call("POST", "/calls/" + call_id + "/open", programme_, std::nullopt, 200);
    const std::string application =
        call("POST", "/calls/" + call_id + "/applications", member,
             json{{"title", "Monitoring in Phnom Penh"},
                  {"summary", "Peer monitors document incidents."},
                  {"requested", money("540000.00")},
                  {"start_date", utc_date()},
                  {"duration_months", 12},
                  {"answers", {{"need", "Violence goes unrecorded."}}},
                  {"budget_lines",
                   {{{"category", "activities"}, {"description", "Monitoring"}, {"amount", money("540000.00")}}}},
                  {"targets", {{{"indicator_code", "OP1.1"}, {"baseline", "0"}, {"target", "120"}}}}},
             201)
            .at("id");
    call("POST", "/applications/" + application + "/submit", member, std::nullopt, 200);
    const auto award =
        call("POST", "/applications/" + application + "/decision", programme_,
             json{{"decision", "approve"},
                  {"reason", "Strong and community-led."},
                  {"amount", money("540000.00")},
                  {"tranches", {{{"due_on", utc_date()}, {"amount", money("540000.00")}, {"condition", "none"}}}},
                  {"funding", {{{"funding_source_id", source_}, {"amount", money("540000.00")}}}}},
             201);
    award_ = award.at("id");
    tranche_ = award.at("tranches").at(0).at("id");

    for (int i = 0; i < kRequests; ++i) {
      const std::string key = "fault-" + backend_ + "-" + std::to_string(i);
      // The key in the note ties every stored disbursement back to its request.
      DisbursementRequest request;
      request.key = key;
      request.body = json{{"tranche_id", tranche_}, {"amount", money("1.00")}, {"note", key}}.dump();
      requests_.push_back(std::move(request));
    }
  }

  // One attempt of a request on the server at `port`.
  HttpResult post_disbursement(std::uint16_t port, const DisbursementRequest& request) {
    return HttpClient(port).request("POST", kApi + "/awards/" + award_ + "/disbursements", request.body,
                                    headers(programme_, request.key));
  }

  // Sends one request until it is answered: the same key and body every time.
  void send_until_answered(DisbursementRequest& request, Clock::time_point deadline) {
    while (Clock::now() < deadline && !traffic_.abandon) {
      if (const auto port = server_->port(); port != 0) {
        ++traffic_.attempts;
        try {
          auto r = post_disbursement(port, request);
          if (r.status == 201) {
            request.id = r.json().at("id");
            request.replayed = r.header("idempotent-replayed") == "true";
            ++traffic_.answered;
            return;
          }
          if (r.status == 503) {
            ++traffic_.unavailable;
            if (r.header("retry-after").empty()) ++traffic_.no_retry_after;
          } else {
            if (request.unexpected.empty()) request.unexpected = std::to_string(r.status) + " " + r.body;
            if (r.status < 500) return;  // a refusal: sending it again changes nothing
          }
        } catch (const std::exception&) {
          ++traffic_.lost;  // killed before, during or after the request: its outcome is unknown
        }
      }
      std::this_thread::sleep_for(kRetryPause);
    }
  }

  // The burst, from kClientThreads clients, while `disrupt` (run on this
  // thread) kills the server or the database at chosen points. The last
  // `held_back` requests are left to `disrupt` to send.
  void burst(const std::function<void()>& disrupt, int held_back = 0) {
    std::atomic<int> next{0};
    const auto deadline = Clock::now() + kPhaseLimit;
    std::vector<std::thread> clients;
    for (int t = 0; t < kClientThreads; ++t)
      clients.emplace_back([&] {
        for (int i = next++; i < kRequests - held_back; i = next++)
          send_until_answered(requests_[static_cast<std::size_t>(i)], deadline);
      });
    try {
      disrupt();
    } catch (...) {
      traffic_.abandon = true;
      for (auto& c : clients) c.join();
      throw;
    }
    for (auto& c : clients) c.join();
  }
  DisbursementRequest& request(int i) { return requests_.at(static_cast<std::size_t>(i)); }

  // Waits until `fraction` of the burst has been answered.
  bool burst_reached(double fraction) {
    const int target = static_cast<int>(kRequests * fraction);
    return wait_until([&] { return traffic_.answered.load() >= target; }, kPhaseLimit);
  }

  // POST /disbursements/{id}/{action} until it is answered. A 409 after a
  // lost answer means an earlier attempt went through: the disbursement
  // must then already be in the state the action leads to.
  bool advance(const std::string& id, const std::string& action, const std::optional<json>& body,
               const std::string& reached, Clock::time_point deadline, std::string& unexpected) {
    bool lost_before = false;
    while (Clock::now() < deadline && !traffic_.abandon) {
      if (const auto port = server_->port(); port != 0) {
        try {
          HttpClient client(port);
          auto r = client.request("POST", kApi + "/disbursements/" + id + "/" + action,
                                  body ? std::optional<std::string>(body->dump()) : std::nullopt, headers(finance_));
          if (r.status == 200) return true;
          if (r.status == 409 && lost_before) {
            auto now = client.get(kApi + "/disbursements/" + id, finance_);
            if (now.status == 200 && now.json().at("status") == reached) return true;
          }
          if (r.status == 503)
            ++traffic_.unavailable;
          else if (unexpected.empty())
            unexpected = action + " " + id + ": " + std::to_string(r.status) + " " + r.body;
          if (r.status != 503 && r.status < 500) return false;
        } catch (const std::exception&) {
          lost_before = true;
          ++traffic_.payment_lost;
        }
      }
      std::this_thread::sleep_for(kRetryPause);
    }
    return false;
  }

  // Finance approves and pays kPayments of the disbursements (two clients),
  // while the server is killed once halfway.
  void pay_some() {
    std::atomic<int> next{0}, paid{0};
    std::vector<std::string> failures(kPayments);
    const auto deadline = Clock::now() + kPhaseLimit;
    const std::string paid_on = utc_date();
    std::vector<std::thread> clients;
    for (int t = 0; t < 2; ++t)
      clients.emplace_back([&] {
        for (int i = next++; i < kPayments; i = next++) {
          const auto& id = requests_[static_cast<std::size_t>(i)].id;
          auto& why = failures[static_cast<std::size_t>(i)];
          // Payment references are unique: each transfer has its own.
          const json payment{{"paid_on", paid_on}, {"payment_reference", "FT-FAULT-" + std::to_string(i)}};
          if (advance(id, "approve", std::nullopt, "approved", deadline, why) &&
              advance(id, "pay", payment, "paid", deadline, why))
            ++paid;
          else if (why.empty())
            why = "no answer for " + id;
        }
      });
    const bool halfway = wait_until([&] { return paid.load() >= kPayments / 2; }, kPhaseLimit);
    try {
      if (halfway) server_->kill_and_restart();
    } catch (...) {
      traffic_.abandon = true;
      for (auto& c : clients) c.join();
      throw;
    }
    for (auto& c : clients) c.join();
    EXPECT_TRUE(halfway) << "the payments never got halfway";
    for (const auto& why : failures) EXPECT_TRUE(why.empty()) << why;
    EXPECT_EQ(paid.load(), kPayments);
  }

  // Every acknowledged disbursement exactly once, in the API's own listing.
  void check_disbursements() {
    int unanswered = 0;
    std::set<std::string> acknowledged;
    for (const auto& r : requests_) {
      EXPECT_TRUE(r.unexpected.empty()) << r.key << ": " << r.unexpected;
      if (r.id.empty())
        ++unanswered;
      else
        acknowledged.insert(r.id);
      replayed_ += r.replayed;
    }
    EXPECT_EQ(unanswered, 0) << "requests never answered with 201";
    EXPECT_EQ(acknowledged.size() + static_cast<std::size_t>(unanswered), requests_.size())
        << "two keys were answered with the same disbursement";

    // The same key again: the first answer, replayed, naming the same disbursement.
    int replay_mismatches = 0;
    for (const auto& r : requests_) {
      auto again =
          HttpClient(server_->port())
              .request("POST", kApi + "/awards/" + award_ + "/disbursements", r.body, headers(programme_, r.key));
      if (again.status != 201 || again.header("idempotent-replayed") != "true" || again.json().at("id") != r.id)
        ++replay_mismatches;
    }
    EXPECT_EQ(replay_mismatches, 0) << "keys whose replay did not name their disbursement";

    // The listing, page by page.
    std::map<std::string, int> listed_per_key;  // note (the key) -> disbursements carrying it
    std::set<std::string> listed_ids;
    std::map<std::string, int> statuses;
    int strays = 0, pages = 0;
    std::set<std::string> keys;
    for (const auto& r : requests_) keys.insert(r.key);
    std::string cursor;
    do {
      const auto page =
          call("GET", "/disbursements?award_id=" + award_ + "&limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor),
               finance_, std::nullopt, 200);
      for (const auto& d : page.at("items")) {
        const std::string note = d.at("note");
        if (keys.count(note))
          ++listed_per_key[note];
        else
          ++strays;
        listed_ids.insert(d.at("id").get<std::string>());
        ++statuses[d.at("status").get<std::string>()];
        ++listed_;
      }
      cursor = page.at("next_cursor").is_null() ? "" : page.at("next_cursor").get<std::string>();
      ASSERT_LT(++pages, 100) << "the listing does not end";
    } while (!cursor.empty());
    duplicates_ = strays + (listed_ - static_cast<int>(listed_ids.size()));
    for (const auto& [key, count] : listed_per_key) duplicates_ += count - 1;
    for (const auto& id : acknowledged) missing_ += listed_ids.count(id) == 0;
    missing_ += unanswered;
    EXPECT_EQ(listed_, kRequests);
    EXPECT_EQ(statuses["paid"], kPayments);
    EXPECT_EQ(statuses["requested"], kRequests - kPayments);
  }

  // Every currency nets to zero; the award and the source agree with what was paid.
  void check_books() {
    const auto trial = call("GET", "/ledger/trial-balance", finance_, std::nullopt, 200);
    ASSERT_FALSE(trial.at("currencies").empty()) << trial.dump();
    balanced_ = true;
    for (const auto& c : trial.at("currencies")) {
      const bool zero = c.at("net").get<std::string>().find_first_not_of("0.") == std::string::npos;
      balanced_ = balanced_ && c.at("balanced").get<bool>() && zero;
    }
    EXPECT_TRUE(balanced_) << trial.dump();

    const auto totals = call("GET", "/awards/" + award_, programme_, std::nullopt, 200).at("totals");
    EXPECT_EQ(totals.at("awarded").at("amount"), "540000.00") << totals.dump();
    EXPECT_EQ(totals.at("paid").at("amount"), thb(kPayments * 100)) << totals.dump();
    EXPECT_EQ(totals.at("approved").at("amount"), "0.00") << totals.dump();
    EXPECT_EQ(totals.at("requested").at("amount"), thb((kRequests - kPayments) * 100)) << totals.dump();
    EXPECT_EQ(totals.at("remaining").at("amount"), thb(54000000 - kPayments * 100)) << totals.dump();
    const auto balances = call("GET", "/funding-sources/" + source_, finance_, std::nullopt, 200).at("balances");
    EXPECT_EQ(balances.at("disbursed").at("amount"), thb(kPayments * 100)) << balances.dump();
  }

  // One line for the log: what was sent, what was lost, what was found.
  void print_summary(const std::string& checks, double seconds) {
    char took[32];
    std::snprintf(took, sizeof took, "%.1f s", seconds);
    std::cout << "fault test (" << backend_ << "): sent " << kRequests << " requests (" << traffic_.attempts.load()
              << " attempts: " << traffic_.lost.load() << " unanswered and retried, " << replayed_
              << " of those had committed and were replayed), " << kPayments << " approved and paid ("
              << traffic_.payment_lost.load() << " unanswered and retried), " << traffic_.unavailable.load()
              << " answers 503, " << server_->kills() << " kills, " << duplicates_ << " duplicates, " << missing_
              << " missing, ledger " << (balanced_ ? "balanced" : "NOT balanced") << checks << ", " << took
              << std::endl;
  }

  int duplicates() const { return duplicates_; }
  int missing() const { return missing_; }
  const std::string& award_id() const { return award_; }
  const std::string& finance_token() const { return finance_; }

 private:
  std::string backend_;
  std::unique_ptr<ServerProcess> server_;
  Traffic traffic_;
  std::string programme_, finance_, source_, award_, tranche_;
  std::vector<DisbursementRequest> requests_;
  int listed_ = 0, duplicates_ = 0, missing_ = 0, replayed_ = 0;
  bool balanced_ = false;
};

// What SQLite itself says about the file the killed server left behind.
struct SqliteFileCheck {
  std::string integrity;
  bool foreign_keys_ok = false;
  long long disbursements = -1;
  long long unbalanced_currencies = -1;
  long long payments = -1;
};

SqliteFileCheck check_sqlite_file(const std::string& path, const std::string& award_id) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path);
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(db, sqlite3_close);
  // Each row's first column as text.
  const auto rows = [&](const std::string& sql, const std::string& bind = {}) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(stmt, sqlite3_finalize);
    if (!bind.empty()) sqlite3_bind_text(stmt, 1, bind.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::string> out;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    return out;
  };
  SqliteFileCheck check;
  for (const auto& line : rows("PRAGMA integrity_check"))
    check.integrity += (check.integrity.empty() ? "" : "; ") + line;
  check.foreign_keys_ok = rows("PRAGMA foreign_key_check").empty();
  check.disbursements = std::stoll(rows("SELECT COUNT(*) FROM disbursements WHERE award_id = ?", award_id).at(0));
  check.unbalanced_currencies = std::stoll(
      rows("SELECT COUNT(*) FROM (SELECT currency FROM ledger_entries GROUP BY currency HAVING SUM(amount_minor) <> 0)")
          .at(0));
  check.payments = std::stoll(rows("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'payment'").at(0));
  return check;
}

}  // namespace

TEST(DisbursementFault, SigkillsDuringABurstLoseAndDuplicateNothingOnSQLite) {
  ScratchDatabase db(Backend::sqlite);
  const auto started = Clock::now();
  DisbursementFault fault("SQLite", db.url());
  try {
    fault.set_up_award();
    fault.burst([&] {
      for (int k = 1; k <= kBurstKills; ++k) {
        if (!fault.burst_reached(0.2 * k))
          throw std::runtime_error("the burst stalled before kill " + std::to_string(k));
        fault.server().kill_and_restart();
      }
    });
    fault.pay_some();
    fault.check_disbursements();
    fault.check_books();
    // The last stop is a kill too: SQLite must find a sound file after it.
    fault.server().kill();
  } catch (const std::exception& e) {
    FAIL() << e.what() << "\n" << fault.server().stderr_text();
  }
  const auto file = check_sqlite_file(db.url().substr(std::string("sqlite:").size()), fault.award_id());
  fault.print_summary(", integrity " + file.integrity, std::chrono::duration<double>(Clock::now() - started).count());

  EXPECT_EQ(fault.duplicates(), 0);
  EXPECT_EQ(fault.missing(), 0);
  EXPECT_EQ(fault.traffic().no_retry_after.load(), 0);
  EXPECT_EQ(file.integrity, "ok");
  EXPECT_TRUE(file.foreign_keys_ok);
  EXPECT_EQ(file.disbursements, kRequests);
  EXPECT_EQ(file.unbalanced_currencies, 0);
  EXPECT_EQ(file.payments, kPayments) << "payments in the ledger";
}

TEST(DisbursementFault, SigkillsAndADatabaseRestartLoseAndDuplicateNothingOnPostgreSQL) {
  const auto bin = PgCluster::find_bin_dir();
  if (!bin) {
    if (pg_required()) FAIL() << "MSWA_TEST_REQUIRE_PG=1 but no PostgreSQL tools (initdb, pg_ctl) were found";
    GTEST_SKIP() << "no PostgreSQL tools (set MSWA_TEST_PG_BIN or install postgresql)";
  }
  const auto started = Clock::now();
  // A cluster of its own: stopping the shared one would break the suites running beside this one.
  PgCluster cluster(*bin);
  std::unique_ptr<DisbursementFault> fault;
  std::string outage;
  try {
    fault = std::make_unique<DisbursementFault>("PostgreSQL", cluster.url());
    fault->set_up_award();
    // The burst's last request is sent by hand while PostgreSQL is down.
    fault->burst(
        [&] {
          for (int k = 1; k <= kBurstKills; ++k) {
            if (!fault->burst_reached(0.15 * k))
              throw std::runtime_error("the burst stalled before kill " + std::to_string(k));
            fault->server().kill_and_restart();
          }
          // PostgreSQL crashes under the same API process, with the burst still running.
          if (!fault->burst_reached(0.6)) throw std::runtime_error("the burst stalled before the database restart");
          const auto port = fault->server().port();
          const int unavailable_before = fault->traffic().unavailable.load();
          const auto down = Clock::now();
          cluster.stop("immediate");
          HttpClient api(port);
          const std::string list = kApi + "/disbursements?award_id=" + fault->award_id() + "&limit=1";
          for (int i = 0; i < 3; ++i) {
            const auto r = api.get(list, fault->finance_token());
            EXPECT_EQ(r.status, 503) << r.body;
            EXPECT_FALSE(r.header("retry-after").empty());
            EXPECT_EQ(r.header("content-type"), "application/problem+json");
          }
          auto& held = fault->request(kRequests - 1);
          const auto refused = fault->post_disbursement(port, held);
          EXPECT_EQ(refused.status, 503) << refused.body;
          EXPECT_FALSE(refused.header("retry-after").empty());
          EXPECT_EQ(api.get(kApi + "/readyz").status, 503);
          EXPECT_EQ(api.get(kApi + "/healthz").status, 200);

          cluster.start();
          // The same process, on the same port, recovers by itself.
          EXPECT_TRUE(wait_until([&] { return api.get(list, fault->finance_token()).status == 200; }, 30s))
              << "the API did not recover after PostgreSQL came back";
          const double seconds = std::chrono::duration<double>(Clock::now() - down).count();
          const int unavailable = fault->traffic().unavailable.load() - unavailable_before;
          // The request refused during the outage, again with its key: now it is taken.
          fault->send_until_answered(held, Clock::now() + kPhaseLimit);
          char text[200];
          std::snprintf(text, sizeof text,
                        ", PostgreSQL crashed and restarted under load (down %.1f s, clients got %d 503s "
                        "meanwhile, the API recovered without a restart)",
                        seconds, unavailable);
          outage = text;
        },
        1);
    fault->pay_some();
    fault->check_disbursements();
    fault->check_books();
    // After all that, still an orderly stop.
    EXPECT_EQ(fault->server().stop(), 0);
  } catch (const std::exception& e) {
    FAIL() << e.what() << "\n" << (fault ? fault->server().stderr_text() : "") << "\n" << cluster.logs();
  }
  fault->print_summary(outage, std::chrono::duration<double>(Clock::now() - started).count());

  EXPECT_EQ(fault->duplicates(), 0);
  EXPECT_EQ(fault->missing(), 0);
  EXPECT_EQ(fault->traffic().no_retry_after.load(), 0);
}

}  // namespace mswa::test
