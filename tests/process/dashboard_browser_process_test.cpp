// The donor dashboard in a real browser: the server's HTML and inline SVG
// are rendered by Debian's headless Chromium, under the server's own
// Content-Security-Policy, and every chart must draw marks, except the
// budget chart of a summary that publishes no breakdown by country, which
// must say so instead. The donor reads the latest published edition (DESIGN
// §9), on a laptop and on a phone 360 px wide; programme staff read the live
// preview, which must say it is not for circulation. Chromium is driven over
// the DevTools protocol on a pipe (--remote-debugging-pipe: we write to its
// fd 3 and read its fd 4, one NUL-terminated JSON message each), so nothing
// but the browser and the server takes part. Screenshots and a PDF of the
// print layout land in <build dir>/screenshots/.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/process/subprocess.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/scratch_database.hpp"

extern char** environ;

namespace mswa::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr const char* kDonorEmail = "donor@demo.rcf.example";
constexpr const char* kStaffEmail = "programme@demo.mswa.example";
constexpr const char* kDemoPassword = "demo-password-2027";
constexpr const char* kSourceReference = "RCF-2027-14";
constexpr const char* kChartIds[] = {"chart-budget", "chart-disbursements", "chart-achievement"};
constexpr const char* kPreviewBanner = "Preview \u2014 not for circulation";
constexpr const char* kNoCountryBreakdown = "No breakdown by country is published";
// A laptop screen and a small phone's, in CSS pixels.
constexpr int kScreenWidth = 1280, kScreenHeight = 900;
constexpr int kPhoneWidth = 360, kPhoneHeight = 740;
constexpr int kSmallestPhoneWidth = 320, kSmallestPhoneHeight = 640;
// The smallest chart text, in CSS pixels, that a phone may show.
constexpr double kMinChartTextPx = 11;

// "2026-10-21" or "2026-10-21T09:00:00Z" -> "21 October 2026", as the edition line says it.
std::string date_in_words(const std::string& iso) {
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  if (iso.size() < 10) return iso;
  const int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
  if (month < 1 || month > 12) return iso;
  return std::to_string(day) + " " + months[month - 1] + " " + iso.substr(0, 4);
}

// Everything the browser does has to finish within this, counted from the
// test's start: a hung browser fails the test instead of hanging the suite.
constexpr std::chrono::seconds kOverall{60};

bool browser_required() {
  const char* v = std::getenv("MSWA_TEST_REQUIRE_BROWSER");
  return v && *v && std::string(v) != "0";
}

// A fresh directory under the temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ =
        fs::temp_directory_path() / ("mswa_browser_" + std::to_string(getpid()) + "_" + std::to_string(rd() % 1000000));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A dead browser must fail the test with a message, not kill it with SIGPIPE
// on the next write; the previous disposition comes back afterwards.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() { previous_ = std::signal(SIGPIPE, SIG_IGN); }
  ~IgnoreSigpipe() { std::signal(SIGPIPE, previous_); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  void (*previous_)(int) = SIG_DFL;
};

// Standard base64 (screenshots and PDFs arrive that way), padding optional.
std::string base64_decode(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    const int v = value(c);
    if (v < 0) throw std::runtime_error("not base64");
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFFu);
    }
  }
  return out;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Headless Chromium in its own process group, so its zygote, renderer and
// utility processes all go when we kill the group.
class Chromium {
 public:
  Chromium(const fs::path& profile_dir, const fs::path& log_path) {
    int to_browser[2], from_browser[2];
    if (pipe2(to_browser, O_CLOEXEC) != 0 || pipe2(from_browser, O_CLOEXEC) != 0)
      throw std::runtime_error("pipe failed");
    const std::string user_data = "--user-data-dir=" + profile_dir.string();
    const std::string log = log_path.string();
    std::vector<std::string> args{kChromium,
                                  "--headless",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--disable-quic",
                                  "--no-first-run",
                                  "--no-default-browser-check",
                                  "--disable-background-networking",
                                  "--disable-component-update",
                                  "--disable-sync",
                                  "--disable-extensions",
                                  "--hide-scrollbars",
                                  "--mute-audio",
                                  user_data,
                                  "--remote-debugging-pipe",
                                  "about:blank"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The browser's own files stay in the scratch profile, not in the real home.
    std::vector<std::string> env{"HOME=" + profile_dir.string()};
    for (char** e = environ; *e; ++e)
      if (std::string_view(*e).substr(0, 5) != "HOME=") env.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      setpgid(0, 0);
      // Move the pipe ends out of the way first: they may already sit on 3 or 4.
      const int in = fcntl(to_browser[0], F_DUPFD, 10);
      const int out = fcntl(from_browser[1], F_DUPFD, 10);
      const int devnull = open("/dev/null", O_RDONLY);
      const int logfd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (in < 0 || out < 0 || devnull < 0 || logfd < 0) _exit(126);
      dup2(devnull, STDIN_FILENO);
      dup2(logfd, STDOUT_FILENO);
      dup2(logfd, STDERR_FILENO);
      dup2(in, 3);
      dup2(out, 4);
      // Nothing else of the test process (the server's pipes) leaks into the browser.
      close_range(5, ~0U, 0);
      execve(kChromium, argv.data(), envp.data());
      _exit(127);
    }
    setpgid(pid_, pid_);  // also here: whichever runs first, the group exists before we may kill it
    close(to_browser[0]);
    close(from_browser[1]);
    write_fd_ = to_browser[1];
    read_fd_ = from_browser[0];
  }

  ~Chromium() { stop(); }
  Chromium(const Chromium&) = delete;
  Chromium& operator=(const Chromium&) = delete;

  int write_fd() const { return write_fd_; }
  int read_fd() const { return read_fd_; }

  // Kills the whole group and reaps the browser; safe to call twice.
  void stop() {
    if (write_fd_ >= 0) close(write_fd_);
    if (read_fd_ >= 0) close(read_fd_);
    write_fd_ = read_fd_ = -1;
    if (pid_ > 0) {
      // Chromium exits by itself once its pipe closes; give it a moment to
      // flush the profile, then make sure no process of the group survives.
      const auto until = Clock::now() + std::chrono::seconds(3);
      while (waitpid(pid_, nullptr, WNOHANG) == 0 && Clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      kill(-pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

 private:
  pid_t pid_ = -1;
  int write_fd_ = -1, read_fd_ = -1;
};

// The DevTools protocol over the pipe: commands with ids, answers matched by
// id, events kept in order until someone waits for them. Page commands carry
// the sessionId of the attached page (flattened sessions).
class DevTools {
 public:
  DevTools(int write_fd, int read_fd, Clock::time_point deadline)
      : write_fd_(write_fd), read_fd_(read_fd), deadline_(deadline) {}

  std::string session;

  json call(const std::string& method, const json& params = json::object(), bool on_page = true) {
    json message{{"id", ++last_id_}, {"method", method}, {"params", params}};
    if (on_page && !session.empty()) message["sessionId"] = session;
    std::string bytes = message.dump();
    bytes += '\0';
    for (std::size_t done = 0; done < bytes.size();) {
      const auto n = ::write(write_fd_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) throw std::runtime_error("the browser closed its pipe while sending " + method);
      done += static_cast<std::size_t>(n);
    }
    for (;;) {
      json reply = next_message("the answer to " + method);
      if (!reply.contains("id")) {
        record(reply);
        continue;
      }
      if (reply.at("id").get<int>() != last_id_) continue;
      if (reply.contains("error")) throw std::runtime_error(method + " failed: " + reply.at("error").dump());
      return reply.value("result", json::object());
    }
  }

  // The first event of that name (already received or still to come).
  json wait_for_event(const std::string& method) {
    for (;;) {
      for (auto it = events_.begin(); it != events_.end(); ++it)
        if (it->at("method") == method) {
          json found = *it;
          events_.erase(it);
          return found.value("params", json::object());
        }
      json message = next_message("the event " + method);
      if (!message.contains("id")) record(message);
    }
  }

  // Console errors, uncaught exceptions, CSP reports and failed loads, as text.
  const std::vector<std::string>& page_errors() const { return errors_; }
  // Responses the page received: URL -> {status, headers}.
  const std::vector<json>& responses() const { return responses_; }

 private:
  json next_message(const std::string& waiting_for) {
    for (;;) {
      if (const auto nul = buffer_.find('\0'); nul != std::string::npos) {
        json message = json::parse(buffer_.substr(0, nul));
        buffer_.erase(0, nul + 1);
        return message;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
      if (left <= 0) throw std::runtime_error("timed out waiting for " + waiting_for);
      pollfd p{read_fd_, POLLIN, 0};
      const int ready = poll(&p, 1, static_cast<int>(left));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) throw std::runtime_error("timed out waiting for " + waiting_for);
      char chunk[65536];
      const auto n = read(read_fd_, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("the browser closed its pipe while waiting for " + waiting_for);
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Every event is looked at once: errors and responses are noted, then it is queued.
  void record(const json& event) {
    const std::string method = event.value("method", "");
    const json params = event.value("params", json::object());
    if (method == "Runtime.consoleAPICalled") {
      const std::string type = params.value("type", "");
      if (type == "error" || type == "assert") {
        std::string text = "console." + type + ":";
        for (const auto& arg : params.value("args", json::array()))
          text += " " + (arg.contains("value") ? arg.at("value").dump() : arg.value("description", "?"));
        errors_.push_back(text);
      }
    } else if (method == "Runtime.exceptionThrown") {
      errors_.push_back("exception: " + params.at("exceptionDetails").dump());
    } else if (method == "Log.entryAdded") {
      const json& entry = params.at("entry");
      // CSP violations, blocked and failed loads all arrive here as errors (or
      // as "security" warnings in some versions).
      // (The page names an empty icon, so the browser does not probe /favicon.ico.)
      const std::string level = entry.value("level", "");
      if (level == "error" || entry.value("source", "") == "security")
        errors_.push_back("log " + entry.value("source", "") + "/" + level + ": " + entry.value("text", "") + " " +
                          entry.value("url", ""));
    } else if (method == "Network.responseReceived") {
      responses_.push_back(params.at("response"));
    } else if (method == "Network.loadingFailed") {
      errors_.push_back("load failed: " + params.dump());
    }
    events_.push_back(event);
  }

  int write_fd_, read_fd_;
  Clock::time_point deadline_;
  int last_id_ = 0;
  std::string buffer_;
  std::deque<json> events_;
  std::vector<std::string> errors_;
  std::vector<json> responses_;
};

// Runs in the page. For each chart, in both its layouts: is it there and
// shown, how big is its box, how many shapes actually drew something (a
// zero-size rect draws nothing), and how small its smallest shown text is on
// the screen. For the edition line and the preview banner: are they there,
// and rendered. For the page: how wide it is, and every element that scrolls
// sideways on its own.
const char* kInspectCharts = R"JS((() => {
  const shapes = 'rect, path, line, circle, ellipse, polyline, polygon';
  const shown = (selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
      // No-break spaces read as spaces.
      text: el.textContent.replace(/\u00a0/g, ' '),
      visible: box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility === 'visible' &&
        Number(style.opacity) > 0,
      top: box.top + window.scrollY,
      bottom: box.bottom + window.scrollY,
      times: [...el.querySelectorAll('time')].map((t) => ({ datetime: t.getAttribute('datetime') })),
    };
  };
  const charts = {};
  for (const base of ['chart-budget', 'chart-disbursements', 'chart-achievement']) {
    for (const id of [base, base + '-narrow']) {
      const svg = document.getElementById(id);
      if (!svg) { charts[id] = { present: false }; continue; }
      const box = svg.getBoundingClientRect();
      const caption = svg.closest('figure')?.querySelector('figcaption');
      let marks = 0;
      for (const el of svg.querySelectorAll(shapes)) {
        if (el.closest('defs')) continue;  // pattern tiles draw nothing by themselves
        const b = el.getBBox();
        if (b.width > 0 || b.height > 0) ++marks;
      }
      // Text size as drawn: the computed size in canvas units times the viewBox's scale.
      let minFont = null;
      const scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 0;
      for (const t of svg.querySelectorAll('text')) {
        if (t.getBoundingClientRect().width === 0) continue;
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (minFont === null || px < minFont) minFont = px;
      }
      charts[id] = {
        present: true,
        tag: svg.tagName.toLowerCase(),
        is_chart: svg.classList.contains('chart'),
        visible: box.width > 0 && box.height > 0 && getComputedStyle(svg).display !== 'none',
        width: box.width,
        height: box.height,
        top: box.top + window.scrollY,
        left: box.left + window.scrollX,
        // Space before the caption under it, if any.
        room_below: caption ? caption.getBoundingClientRect().top - box.bottom : 1e6,
        marks: marks,
        min_font_px: minFont,
        // What a chart without marks says instead.
        text: svg.textContent.replace(/\s+/g, ' ').trim().slice(0, 160),
      };
    }
  }
  const scrollers = [];
  for (const el of document.body.querySelectorAll('*')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1)
      scrollers.push({
        tag: el.tagName.toLowerCase(),
        class_name: el.className,
        role: el.getAttribute('role'),
        tabindex: el.getAttribute('tabindex'),
        label: el.getAttribute('aria-label'),
      });
  }
  return {
    title: document.title,
    scripts: document.getElementsByTagName('script').length,
    suppressed_cells: document.querySelectorAll('.suppressed').length,
    edition: shown('.edition'),
    banner: shown('.preview-banner'),
    // The banner's words anywhere, whatever element carries them.
    says_preview: document.body.textContent.includes('not for circulation'),
    charts: charts,
    scroll_width: document.documentElement.scrollWidth,
    body_scroll_width: document.body.scrollWidth,
    inner_width: window.innerWidth,
    scrollers: scrollers,
    tables: document.querySelectorAll('table').length,
    tables_in_regions: document.querySelectorAll('.table-wrap[role="region"][tabindex="0"][aria-label] > table').length,
  };
})())JS";

json inspect_charts(DevTools& dt) {
  const json result = dt.call("Runtime.evaluate", {{"expression", kInspectCharts}, {"returnByValue", true}});
  if (result.contains("exceptionDetails"))
    throw std::runtime_error("the chart inspection threw: " + result.at("exceptionDetails").dump());
  return result.at("result").at("value");
}

// Which layout of the charts a reader sees: the wide one on a laptop and on
// paper, the narrow one on a phone.
enum class Layout { wide, narrow };

// Every chart of the layout shown draws marks, except the budget chart when
// the summary publishes no breakdown by country: then it shows no marks and
// says so. The other layout is not shown at all.
void expect_every_chart_drawn(const json& page, const std::string& when, bool countries_withheld,
                              Layout layout = Layout::wide) {
  for (const char* base : kChartIds) {
    const std::string id = std::string(base) + (layout == Layout::narrow ? "-narrow" : "");
    const std::string other = std::string(base) + (layout == Layout::narrow ? "" : "-narrow");
    SCOPED_TRACE(id + " " + when);
    ASSERT_TRUE(page.at("charts").contains(id));
    const json& chart = page.at("charts").at(id);
    ASSERT_TRUE(chart.at("present").get<bool>()) << "no element with that id";
    EXPECT_EQ(chart.at("tag"), "svg");
    EXPECT_TRUE(chart.at("is_chart").get<bool>()) << "no class=\"chart\"";
    EXPECT_TRUE(chart.at("visible").get<bool>()) << "not shown";
    EXPECT_GT(chart.at("width").get<double>(), 0.0);
    EXPECT_GT(chart.at("height").get<double>(), 0.0);
    if (countries_withheld && id.starts_with("chart-budget")) {
      EXPECT_EQ(chart.at("marks").get<int>(), 0) << "bars drawn for a breakdown that is not published";
      EXPECT_NE(chart.at("text").get<std::string>().find(kNoCountryBreakdown), std::string::npos) << chart.at("text");
    } else {
      EXPECT_GT(chart.at("marks").get<int>(), 0) << "nothing drawn; the chart says: " << chart.at("text");
    }
    ASSERT_TRUE(page.at("charts").contains(other));
    const json& hidden = page.at("charts").at(other);
    ASSERT_TRUE(hidden.at("present").get<bool>()) << other << " is missing";
    EXPECT_FALSE(hidden.at("visible").get<bool>()) << other << " is shown as well";
  }
}

// Whether a summary publishes its breakdown by country, as its JSON says.
bool countries_withheld_in(const HttpResult& summary) {
  EXPECT_EQ(summary.status, 200) << summary.body;
  if (summary.status != 200) return false;
  return summary.json().at("by_country_suppressed").get<bool>();
}

// On a phone: nothing wider than the screen, chart text legible, and every
// table that is wider scrolls inside a region a keyboard can reach and a
// screen reader can name.
void expect_fits_phone(const json& page, int width, const std::string& when) {
  SCOPED_TRACE(when);
  EXPECT_EQ(page.at("inner_width").get<int>(), width);
  EXPECT_LE(page.at("scroll_width").get<int>(), width) << "the page scrolls sideways";
  EXPECT_LE(page.at("body_scroll_width").get<int>(), width) << "the page scrolls sideways";
  for (const char* base : kChartIds) {
    const json& chart = page.at("charts").at(std::string(base) + "-narrow");
    ASSERT_FALSE(chart.at("min_font_px").is_null()) << base << " shows no text";
    EXPECT_GE(chart.at("min_font_px").get<double>(), kMinChartTextPx) << base;
    EXPECT_LE(chart.at("width").get<double>(), width) << base;
  }
  EXPECT_GT(page.at("tables").get<int>(), 0);
  EXPECT_EQ(page.at("tables_in_regions"), page.at("tables")) << "a table outside a labelled, focusable region";
  for (const json& scroller : page.at("scrollers")) {
    EXPECT_EQ(scroller.at("class_name"), "table-wrap") << scroller.dump();
    EXPECT_EQ(scroller.at("role"), "region") << scroller.dump();
    EXPECT_EQ(scroller.at("tabindex"), "0") << scroller.dump();
    EXPECT_TRUE(scroller.at("label").is_string() && !scroller.at("label").get<std::string>().empty())
        << scroller.dump();
  }
}

// A response header by its name in any case; null when absent.
json header_of(const json& response, const std::string& lower_name) {
  for (const auto& [name, value] : response.at("headers").items()) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == lower_name) return value;
  }
  return nullptr;
}

// Loads `url` in the page with `token` on every request and waits for its
// load event; returns the response the document came with (null if none).
json open_page(DevTools& dt, const std::string& url, const std::string& token) {
  dt.call("Network.setExtraHTTPHeaders", {{"headers", {{"Authorization", "Bearer " + token}}}});
  const auto navigated = dt.call("Page.navigate", {{"url", url}});
  if (navigated.contains("errorText")) throw std::runtime_error("cannot open " + url + ": " + navigated.dump());
  dt.wait_for_event("Page.loadEventFired");
  json document;
  for (const auto& response : dt.responses())
    if (response.at("url") == url) document = response;
  return document;
}

// The document arrived whole, as HTML, under a policy that allows nothing by default.
void expect_served_under_policy(const json& document, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_FALSE(document.is_null()) << "no response for the document";
  EXPECT_EQ(document.at("status").get<int>(), 200);
  const json csp = header_of(document, "content-security-policy");
  ASSERT_TRUE(csp.is_string()) << document.at("headers").dump();
  EXPECT_NE(csp.get<std::string>().find("default-src 'none'"), std::string::npos) << csp;
}

// Shown, and on the first screen: a reader cannot miss it.
void expect_on_first_screen(const json& element, const std::string& what) {
  ASSERT_FALSE(element.is_null()) << what << " is missing";
  EXPECT_TRUE(element.at("visible").get<bool>()) << what << " is not rendered";
  EXPECT_LT(element.at("bottom").get<double>(), kScreenHeight) << what << " is below the first screen";
}

std::string joined(const std::vector<std::string>& lines, std::size_t from) {
  std::string all;
  for (std::size_t i = from; i < lines.size(); ++i) all += lines[i] + "\n";
  return all;
}

// A PNG of the given page area, in CSS pixels.
std::string capture_png(DevTools& dt, double x, double y, double width, double height) {
  const json shot = dt.call("Page.captureScreenshot",
                            {{"format", "png"},
                             {"captureBeyondViewport", true},
                             {"clip", {{"x", x}, {"y", y}, {"width", width}, {"height", height}, {"scale", 1}}}});
  return base64_decode(shot.at("data").get<std::string>());
}

void expect_png(const std::string& bytes, std::size_t at_least, const std::string& what) {
  static const std::string signature("\x89PNG\r\n\x1a\n", 8);
  EXPECT_EQ(bytes.substr(0, 8), signature) << what;
  EXPECT_GT(bytes.size(), at_least) << what;
}

}  // namespace

TEST(DashboardInBrowser, ChromiumRendersEveryChartUnderTheServersPolicy) {
  const auto started = Clock::now();
  const auto deadline = started + kOverall;
  if (access(kChromium, X_OK) != 0) {
    if (browser_required())
      FAIL() << kChromium << " is missing but MSWA_TEST_REQUIRE_BROWSER is set: apt-get install chromium";
    GTEST_SKIP() << kChromium
                 << " is not installed (apt-get install chromium); set MSWA_TEST_REQUIRE_BROWSER=1 to fail instead";
  }
  IgnoreSigpipe ignore_sigpipe;

  // The demo data, served on a free port.
  ScratchDatabase db(Backend::sqlite);
  Subprocess seed({"seed-demo", "--db", db.url()}, {{"MSWA_DEMO_PASSWORD", kDemoPassword}});
  ASSERT_EQ(seed.wait(30000), 0) << seed.stderr_text();
  Subprocess serve({"serve", "--port", "0", "--db", db.url()}, {{"MSWA_ACCESS_LOG", "false"}});
  const auto serving = serve.wait_for_line("serving http://");
  ASSERT_TRUE(serving) << serve.stderr_text();
  const auto port = port_of(*serving);
  const auto seeded_and_serving = Clock::now();

  // Both readers' tokens, and the funding source as the donor sees it.
  HttpClient http(port);
  const auto log_in = [&](const char* email) {
    const auto login = http.post("/api/v1/auth/login", {{"email", email}, {"password", kDemoPassword}});
    return login.status == 200 ? login.json().at("token").get<std::string>() : std::string();
  };
  const std::string donor_token = log_in(kDonorEmail);
  ASSERT_FALSE(donor_token.empty()) << kDonorEmail << " cannot sign in";
  const std::string staff_token = log_in(kStaffEmail);
  ASSERT_FALSE(staff_token.empty()) << kStaffEmail << " cannot sign in";
  const auto sources = http.get("/api/v1/funding-sources", donor_token);
  ASSERT_EQ(sources.status, 200) << sources.body;
  const json listed = sources.json();  // kept: a range-for over json().at(...) would dangle
  std::string source_id;
  for (const auto& source : listed.at("items"))
    if (source.at("reference").get<std::string>() == kSourceReference) source_id = source.at("id").get<std::string>();
  ASSERT_FALSE(source_id.empty()) << kDonorEmail << " does not see " << kSourceReference << ": " << sources.body;
  const std::string source_path = "/api/v1/funding-sources/" + source_id;
  const std::string origin = "http://127.0.0.1:" + std::to_string(port);

  // The donor's editions, newest first: the demo publishes the last two quarters.
  const auto editions = http.get(source_path + "/editions", donor_token);
  ASSERT_EQ(editions.status, 200) << editions.body;
  const json edition_list = editions.json();
  ASSERT_GE(edition_list.at("items").size(), 2u) << editions.body;
  const json latest = edition_list.at("items").at(0);
  EXPECT_GT(latest.at("period_end").get<std::string>(),
            edition_list.at("items").at(1).at("period_end").get<std::string>())
      << "not newest first: " << editions.body;
  const std::string period_end = latest.at("period_end").get<std::string>();
  const std::string published_at = latest.at("published_at").get<std::string>();
  const json previous_period_end = latest.at("previous_period_end");
  const std::string edition_sha256 = latest.at("files").at("summary.html").at("sha256").get<std::string>();
  // The live summary is a staff preview now, not the donor's to read.
  const auto live_for_donor = http.get(source_path + "/summary.html", donor_token);
  EXPECT_EQ(live_for_donor.status, 404) << live_for_donor.body;
  const std::string edition_url = origin + source_path + "/editions/latest/summary.html";
  const std::string preview_url = origin + source_path + "/summary.html";
  // Whether each summary publishes a breakdown by country, as its JSON says:
  // its budget chart must draw it, or else say that none is published.
  const bool edition_countries_withheld =
      countries_withheld_in(http.get(source_path + "/editions/latest/summary.json", donor_token));
  const bool preview_countries_withheld = countries_withheld_in(http.get(source_path + "/summary.json", staff_token));

  const fs::path screenshots = fs::path(binary_path()).parent_path() / "screenshots";
  fs::create_directories(screenshots);
  TempDir profile;
  const fs::path browser_log = profile.path() / "chromium.log";
  Chromium chromium(profile.path() / "profile", browser_log);
  DevTools dt(chromium.write_fd(), chromium.read_fd(), deadline);
  const auto browser_log_text = [&] {
    std::ifstream in(browser_log);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };

  // Each chart of the layout shown, alone, as <id>.png.
  const auto shoot_charts = [&](const json& page, const std::string& suffix) {
    for (const char* base : kChartIds) {
      const std::string id = base + suffix;
      const json& c = page.at("charts").at(id);
      // A little margin around the chart's own box; below, no more than
      // reaches the caption, whose first line would show cut in half.
      const double below = std::clamp(c.at("room_below").get<double>(), 0.0, 8.0);
      const std::string shot =
          capture_png(dt, std::max(0.0, c.at("left").get<double>() - 8), std::max(0.0, c.at("top").get<double>() - 8),
                      c.at("width").get<double>() + 16, c.at("height").get<double>() + 8 + below);
      expect_png(shot, 1000, id);
      write_file(screenshots / (id + ".png"), shot);
    }
  };
  const auto content_height = [&] {
    return dt.call("Page.getLayoutMetrics").at("cssContentSize").at("height").get<double>();
  };

  try {
    // A page of our own, attached as a flat session.
    const auto target = dt.call("Target.createTarget", {{"url", "about:blank"}}, false).at("targetId");
    dt.session = dt.call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}}, false)
                     .at("sessionId")
                     .get<std::string>();
    dt.call("Runtime.enable");
    dt.call("Log.enable");
    dt.call("Network.enable");
    dt.call("Page.enable");
    dt.call("Emulation.setDeviceMetricsOverride",
            {{"width", kScreenWidth}, {"height", kScreenHeight}, {"deviceScaleFactor", 1}, {"mobile", false}});

    // The donor's latest edition. The token goes with every request of the
    // page; the dashboard makes none of its own.
    const json edition_document = open_page(dt, edition_url, donor_token);
    const auto edition_loaded = Clock::now();
    expect_served_under_policy(edition_document, "the donor's edition");
    if (!edition_document.is_null()) {
      EXPECT_EQ(header_of(edition_document, "etag"), "\"" + edition_sha256 + "\"")
          << "not the stored bytes the edition list names";
    }

    const json page = inspect_charts(dt);
    EXPECT_NE(page.at("title").get<std::string>().find(kSourceReference), std::string::npos) << page.at("title");
    EXPECT_EQ(page.at("scripts").get<int>(), 0) << "the dashboard must not need scripts";
    expect_every_chart_drawn(page, "on screen", edition_countries_withheld);
    // Which quarter this is, where the reader starts; and nothing of a preview.
    expect_on_first_screen(page.at("edition"), "the edition line");
    if (!page.at("edition").is_null()) {
      // Dates in words for people, with their exact values for machines.
      const auto line = page.at("edition").at("text").get<std::string>();
      EXPECT_EQ(line.rfind("Edition for the quarter ending " + date_in_words(period_end) + ", published " +
                               date_in_words(published_at),
                           0),
                0u)
          << line;
      EXPECT_EQ(line.find(published_at), std::string::npos) << "the raw instant: " << line;
      json datetimes = json::array({period_end, published_at});
      if (previous_period_end.is_string()) datetimes.push_back(previous_period_end);
      json shown_datetimes = json::array();
      for (const json& t : page.at("edition").at("times")) shown_datetimes.push_back(t.at("datetime"));
      EXPECT_EQ(shown_datetimes, datetimes) << line;
    }
    EXPECT_TRUE(page.at("banner").is_null()) << "an edition carries the preview banner";
    EXPECT_FALSE(page.at("says_preview").get<bool>()) << "an edition calls itself a preview";

    // The whole page, its top as a reader first sees it, and each chart alone.
    const auto metrics = dt.call("Page.getLayoutMetrics");
    const json& content = metrics.at("cssContentSize");
    const double page_width = content.at("width").get<double>();
    const double page_height = content.at("height").get<double>();
    const std::string full = capture_png(dt, 0, 0, page_width, page_height);
    expect_png(full, 20000, "full page");
    write_file(screenshots / "dashboard.png", full);
    const std::string top = capture_png(dt, 0, 0, kScreenWidth, std::min<double>(kScreenHeight, page_height));
    expect_png(top, 10000, "top of the page");
    write_file(screenshots / "dashboard-top.png", top);
    shoot_charts(page, "");

    // The print stylesheet: the charts and the edition line still show with
    // print media, and the PDF is a PDF.
    dt.call("Emulation.setEmulatedMedia", {{"media", "print"}});
    const json printed = inspect_charts(dt);
    expect_every_chart_drawn(printed, "with print media", edition_countries_withheld);
    ASSERT_FALSE(printed.at("edition").is_null());
    EXPECT_TRUE(printed.at("edition").at("visible").get<bool>()) << "the edition line does not print";
    dt.call("Emulation.setEmulatedMedia", {{"media", ""}});
    const auto pdf = base64_decode(dt.call("Page.printToPDF", {{"printBackground", true}, {"preferCSSPageSize", true}})
                                       .at("data")
                                       .get<std::string>());
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_GT(pdf.size(), 10000u);
    write_file(screenshots / "dashboard.pdf", pdf);

    // Anything the page logged as an error, a CSP violation above all, fails the test.
    EXPECT_TRUE(dt.page_errors().empty()) << "the edition:\n" << joined(dt.page_errors(), 0);
    const std::size_t edition_errors = dt.page_errors().size();

    // The live summary as programme staff see it: a preview, and it says so
    // first, on screen and on paper.
    const json preview_document = open_page(dt, preview_url, staff_token);
    const auto preview_loaded = Clock::now();
    expect_served_under_policy(preview_document, "the staff preview");
    const json preview = inspect_charts(dt);
    expect_every_chart_drawn(preview, "in the preview", preview_countries_withheld);
    expect_on_first_screen(preview.at("banner"), "the preview banner");
    if (!preview.at("banner").is_null()) {
      EXPECT_EQ(preview.at("banner").at("text").get<std::string>(), kPreviewBanner);
    }
    EXPECT_TRUE(preview.at("edition").is_null()) << "a preview claims to be an edition";
    const double preview_height = dt.call("Page.getLayoutMetrics").at("cssContentSize").at("height").get<double>();
    const std::string preview_top =
        capture_png(dt, 0, 0, kScreenWidth, std::min<double>(kScreenHeight, preview_height));
    expect_png(preview_top, 10000, "top of the preview");
    write_file(screenshots / "dashboard-preview-top.png", preview_top);
    dt.call("Emulation.setEmulatedMedia", {{"media", "print"}});
    const json preview_printed = inspect_charts(dt);
    ASSERT_FALSE(preview_printed.at("banner").is_null());
    EXPECT_TRUE(preview_printed.at("banner").at("visible").get<bool>()) << "the preview banner does not print";
    dt.call("Emulation.setEmulatedMedia", {{"media", ""}});
    EXPECT_EQ(dt.page_errors().size(), edition_errors) << "the preview:\n" << joined(dt.page_errors(), edition_errors);
    const std::size_t preview_errors = dt.page_errors().size();

    // A phone 360 px wide: the page scrolls only downwards, the charts take
    // their narrow layout and stay legible, wide tables scroll on their own.
    dt.call("Emulation.setDeviceMetricsOverride",
            {{"width", kPhoneWidth}, {"height", kPhoneHeight}, {"deviceScaleFactor", 1}, {"mobile", true}});
    open_page(dt, edition_url, donor_token);
    const json phone = inspect_charts(dt);
    expect_every_chart_drawn(phone, "on a phone", edition_countries_withheld, Layout::narrow);
    expect_fits_phone(phone, kPhoneWidth, "the edition at 360 px");
    expect_on_first_screen(phone.at("edition"), "the edition line on a phone");
    const double phone_height = content_height();
    const std::string phone_full = capture_png(dt, 0, 0, kPhoneWidth, phone_height);
    expect_png(phone_full, 20000, "full page at 360 px");
    write_file(screenshots / "dashboard-360.png", phone_full);
    const std::string phone_top = capture_png(dt, 0, 0, kPhoneWidth, std::min<double>(kPhoneHeight, phone_height));
    expect_png(phone_top, 5000, "top of the page at 360 px");
    write_file(screenshots / "dashboard-360-top.png", phone_top);
    shoot_charts(phone, "-narrow");

    // The preview on the phone, whose budget chart may have bars to draw.
    open_page(dt, preview_url, staff_token);
    const json phone_preview = inspect_charts(dt);
    expect_every_chart_drawn(phone_preview, "in the preview on a phone", preview_countries_withheld, Layout::narrow);
    expect_fits_phone(phone_preview, kPhoneWidth, "the preview at 360 px");
    const std::string phone_preview_shot = capture_png(dt, 0, 0, kPhoneWidth, content_height());
    expect_png(phone_preview_shot, 20000, "the preview at 360 px");
    write_file(screenshots / "dashboard-preview-360.png", phone_preview_shot);

    // And the smallest phones the web app serves.
    dt.call("Emulation.setDeviceMetricsOverride", {{"width", kSmallestPhoneWidth},
                                                   {"height", kSmallestPhoneHeight},
                                                   {"deviceScaleFactor", 1},
                                                   {"mobile", true}});
    open_page(dt, edition_url, donor_token);
    const json smallest = inspect_charts(dt);
    expect_every_chart_drawn(smallest, "at 320 px", edition_countries_withheld, Layout::narrow);
    expect_fits_phone(smallest, kSmallestPhoneWidth, "the edition at 320 px");
    EXPECT_EQ(dt.page_errors().size(), preview_errors) << "on a phone:\n" << joined(dt.page_errors(), preview_errors);

    const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    std::cout << "[ timings  ] seed and serve " << ms(seeded_and_serving - started) << " ms, edition loaded after "
              << ms(edition_loaded - started) << " ms, preview loaded after " << ms(preview_loaded - started)
              << " ms, done after " << ms(Clock::now() - started) << " ms; screenshots in " << screenshots.string()
              << "\n";
  } catch (const std::exception& e) {
    FAIL() << e.what() << "\nChromium's log:\n" << browser_log_text();
  }
  chromium.stop();
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(10000), 0) << serve.stderr_text();
}

}  // namespace mswa::test
