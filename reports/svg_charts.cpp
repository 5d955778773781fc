#include "reports/svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/markup.hpp"

namespace mswa::reports {

namespace {

// Every chart is drawn on a canvas this wide; the viewBox scales it to the page.
constexpr double kCanvasWidth = 720;

// The plotting area inside a chart's canvas.
struct Frame {
  double left = 0, top = 0, width = 0, height = 0;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

// Coordinates with one decimal: precise enough for a page, short in the file.
std::string num(double v) { return fmt::format("{:.1f}", v); }

// Inserts thousands separators into the whole part of a plain decimal string.
std::string group_digits(const std::string& plain) {
  const std::size_t start = !plain.empty() && plain.front() == '-' ? 1 : 0;
  const std::size_t end = std::min(plain.find('.'), plain.size());
  std::string out = plain.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  out += plain.substr(end);
  return out;
}

// Cuts a UTF-8 string to at most `max_chars` code points, never inside one.
std::string shorten(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) return std::string(text.substr(0, i)) + "\u2026";
    ++chars;
  }
  return std::string(text);
}

// A value axis: its top and the distance between gridlines, both whole
// multiples of 1, 2 or 5 times a power of ten, so the labels read cleanly.
struct Scale {
  std::int64_t max = 1;
  std::int64_t step = 1;
};

Scale nice_scale(std::int64_t largest) {
  const std::int64_t rough = std::max<std::int64_t>(1, largest / 5 + (largest % 5 != 0));  // at most five steps
  std::int64_t step = 1;
  for (std::int64_t p = 1;; p *= 10) {
    if (p >= rough || p > std::numeric_limits<std::int64_t>::max() / 10) {
      step = p;
      break;
    }
    if (2 * p >= rough) {
      step = 2 * p;
      break;
    }
    if (5 * p >= rough) {
      step = 5 * p;
      break;
    }
  }
  const std::int64_t steps = largest / step + (largest % step != 0);
  return {std::max<std::int64_t>(1, steps) * step, step};
}

// Axis labels drop the minor digits when they are zero: "20,000" rather than "20,000.00".
std::string axis_amount(std::int64_t minor, const domain::Currency& currency) {
  std::int64_t unit = 1;
  for (int i = 0; i < currency.exponent; ++i) unit *= 10;
  if (minor % unit == 0) return group_digits(std::to_string(minor / unit));
  return grouped_amount(minor, currency);
}

std::string open_svg(std::string_view id, double height, std::string_view title, std::string_view desc) {
  return fmt::format(
      "<svg class=\"chart\" id=\"{0}\" role=\"img\" aria-labelledby=\"{0}-title {0}-desc\" viewBox=\"0 0 {1} {2}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{0}-title\">{3}</title>\n<desc id=\"{0}-desc\">{4}</desc>\n",
      id, num(kCanvasWidth), num(height), escape_markup(title), escape_markup(desc));
}

// A chart with nothing to draw says so instead of scaling by zero.
std::string empty_chart(std::string_view id, std::string_view title, std::string_view message) {
  std::string out = open_svg(id, 80, title, message);
  out += fmt::format("<text class=\"empty\" x=\"{}\" y=\"44\" text-anchor=\"middle\">{}</text>\n</svg>\n",
                     num(kCanvasWidth / 2), escape_markup(message));
  return out;
}

struct Series {
  std::string_view key, label, fill, stroke;
};

// Colours differ in lightness as well as hue, so the series stay apart when
// printed in grey.
constexpr std::array<Series, 3> kMoneySeries{{
    {"allocated", "Allocated", "#c6dbef", "#08306b"},
    {"disbursed", "Disbursed", "#4292c6", "#08306b"},
    {"spent", "Reported spent", "#08306b", "#08306b"},
}};

// A legend entry: a line sample for line charts (dashed for spending, as
// drawn), a filled square for bar charts.
std::string legend_item(double x, double y, const Series& s, bool as_line) {
  std::string out;
  if (as_line) {
    out += fmt::format(
        "<line class=\"swatch\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>", num(x),
        num(y + 6), num(x + 22), num(y + 6), s.stroke, s.key == "spent" ? " stroke-dasharray=\"6 3\"" : "");
    x += 28;
  } else {
    out +=
        fmt::format("<rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\" stroke=\"{}\"/>",
                    num(x), num(y), s.fill, s.stroke);
    x += 18;
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", num(x), num(y + 10), escape_markup(s.label));
  return out;
}

// Gridlines and labels of a money axis, with the currency above it.
std::string money_axis(const Frame& f, const Scale& scale, const domain::Currency& currency) {
  std::string out = "<g class=\"axis\">\n";
  for (std::int64_t v = 0; v <= scale.max; v += scale.step) {
    const double y = f.bottom() - static_cast<double>(v) / static_cast<double>(scale.max) * f.height;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>"
        "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
        num(f.left), num(y), num(f.right()), num(f.left - 6), num(y + 4), escape_markup(axis_amount(v, currency)));
  }
  out += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", num(f.left - 6),
                     num(f.top - 12), escape_markup(currency.code));
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#000\"/>\n</g>\n", num(f.left),
                     num(f.bottom()), num(f.right()));
  return out;
}

// "2027-04" -> 2027 * 12 + 3; nullopt for anything else.
std::optional<long> month_index(std::string_view yyyy_mm) {
  if (yyyy_mm.size() != 7 || yyyy_mm[4] != '-') return std::nullopt;
  const auto digits = [&](std::size_t from, std::size_t to) -> std::optional<long> {
    long v = 0;
    for (std::size_t i = from; i < to; ++i) {
      if (yyyy_mm[i] < '0' || yyyy_mm[i] > '9') return std::nullopt;
      v = v * 10 + (yyyy_mm[i] - '0');
    }
    return v;
  };
  const auto year = digits(0, 4), month = digits(5, 7);
  if (!year || !month || *month < 1 || *month > 12) return std::nullopt;
  return *year * 12 + *month - 1;
}

// "2027-04" -> {"Apr", "2027"}; anything else is shown as it is.
struct MonthLabel {
  std::string month, year;
};

MonthLabel month_label(std::string_view yyyy_mm) {
  static constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto index = month_index(yyyy_mm);
  if (!index) return {std::string(yyyy_mm), ""};
  return {std::string(names[static_cast<std::size_t>(*index % 12)]), std::string(yyyy_mm.substr(0, 4))};
}

// Months with no money in them are filled in as zero, so the time axis is
// even; months that do not read as YYYY-MM in order are drawn as they come.
std::vector<PublishedMonth> every_month(const std::vector<PublishedMonth>& months, const domain::Currency& currency) {
  std::vector<long> index;
  for (const auto& m : months) {
    const auto i = month_index(m.month);
    if (!i || (!index.empty() && *i <= index.back())) return months;
    index.push_back(*i);
  }
  if (index.empty() || index.back() - index.front() > 600) return months;  // fifty years: not a grant, leave it
  std::vector<PublishedMonth> out;
  std::size_t next = 0;
  for (long i = index.front(); i <= index.back(); ++i) {
    if (index[next] == i) {
      out.push_back(months[next++]);
    } else {
      out.push_back({fmt::format("{:04}-{:02}", i / 12, i % 12 + 1), false, {0, currency}, {0, currency}});
    }
  }
  return out;
}

// "83.3" -> 83.3, without the C library's locale-dependent parsing.
std::optional<double> parse_percent(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  double value = 0, place = 1;
  bool fraction = false, digits = false;
  for (const char c : text) {
    if (c == '.' && !fraction) {
      fraction = true;
    } else if (c >= '0' && c <= '9') {
      digits = true;
      if (fraction) {
        place /= 10;
        value += (c - '0') * place;
      } else {
        value = value * 10 + (c - '0');
      }
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace

std::string grouped_amount(std::int64_t minor, const domain::Currency& currency) {
  return group_digits(domain::format_amount(minor, currency));
}

std::string grouped_money(const domain::Money& money) {
  return grouped_amount(money.minor, money.currency) + " " + money.currency.code;
}

std::string grouped_e4(std::int64_t e4) { return group_digits(format_e4(e4)); }

std::string budget_chart_svg(const std::vector<PublishedCountry>& countries, bool withheld,
                             const domain::Currency& currency) {
  static constexpr std::string_view id = "chart-budget";
  static constexpr std::string_view title = "Budget against actual, by country";
  if (withheld) return empty_chart(id, title, "No breakdown by country is published");
  std::int64_t largest = 0;
  for (const auto& c : countries) largest = std::max({largest, c.allocated.minor, c.disbursed.minor, c.spent.minor});
  if (largest <= 0) return empty_chart(id, title, "No money allocated to awards yet");

  const Frame f{90, 48, kCanvasWidth - 106, 220};
  const Scale scale = nice_scale(largest);
  std::string out = open_svg(
      id, f.bottom() + 36, title,
      fmt::format("For each country, three bars: money allocated to awards, disbursed, and reported spent, in {}.",
                  currency.code));
  double legend_x = f.left;
  for (const auto& s : kMoneySeries) {
    out += legend_item(legend_x, 8, s, false);
    legend_x += 130;
  }
  out += money_axis(f, scale, currency);

  const double group_width = f.width / static_cast<double>(countries.size());
  const double bar_width = std::min(32.0, group_width * 0.75 / 3);
  for (std::size_t i = 0; i < countries.size(); ++i) {
    const auto& c = countries[i];
    const std::string name = country_label(c);
    const double group_left = f.left + static_cast<double>(i) * group_width;
    double x = group_left + (group_width - 3 * bar_width) / 2;
    const std::array<const domain::Money*, 3> values{&c.allocated, &c.disbursed, &c.spent};
    for (std::size_t k = 0; k < kMoneySeries.size(); ++k) {
      // Negative net amounts (reversals) draw as nothing rather than below the axis.
      const auto minor = std::max<std::int64_t>(0, values[k]->minor);
      const double h = static_cast<double>(minor) / static_cast<double>(scale.max) * f.height;
      out += fmt::format(
          "<rect class=\"mark {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" "
          "stroke-width=\"0.5\"><title>{}, {}: {}</title></rect>\n",
          kMoneySeries[k].key, num(x), num(f.bottom() - h), num(bar_width), num(h), kMoneySeries[k].fill,
          kMoneySeries[k].stroke, escape_markup(name), escape_markup(kMoneySeries[k].label),
          escape_markup(grouped_money(*values[k])));
      x += bar_width;
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(group_left + group_width / 2),
                       num(f.bottom() + 18), escape_markup(shorten(name, 16)));
  }
  out += "</svg>\n";
  return out;
}

std::string disbursement_chart_svg(const std::vector<PublishedMonth>& listed, const domain::Currency& currency) {
  static constexpr std::string_view id = "chart-disbursements";
  static constexpr std::string_view title = "Disbursed and spent over time (cumulative)";
  const std::vector<PublishedMonth> months = every_month(listed, currency);
  std::vector<std::int64_t> disbursed, spent;  // running totals at the end of each month
  std::int64_t d = 0, s = 0, largest = 0;
  std::size_t withheld = 0;
  for (const auto& m : months) {
    if (m.withheld) {
      ++withheld;
    } else {
      d += m.disbursed.minor;
      s += m.spent.minor;
    }
    disbursed.push_back(d);
    spent.push_back(s);
    largest = std::max({largest, d, s});
  }
  if (largest <= 0)
    return empty_chart(id, title, withheld > 0 ? "No monthly figures are published" : "No disbursements yet");

  const Frame f{90, 48, kCanvasWidth - 116, 220};
  const Scale scale = nice_scale(largest);
  const auto n = months.size();
  std::string desc = fmt::format(
      "Two lines, month by month from {} to {}: money disbursed to awards so far, and money reported spent so far, "
      "in {}.",
      months.front().month, months.back().month, currency.code);
  if (withheld > 0)
    desc += fmt::format(
        " The figures of {} month{} are withheld: the lines add up the published months only, and the withheld "
        "months have no markers.",
        withheld, withheld == 1 ? "" : "s");
  std::string out = open_svg(id, f.bottom() + 50, title, desc);
  out += legend_item(f.left, 8, kMoneySeries[1], true);
  out += legend_item(f.left + 160, 8, kMoneySeries[2], true);
  out += money_axis(f, scale, currency);

  // Point 0 is the start of the first month, when nothing had been paid; point
  // i is the end of month i.
  const auto x_at = [&](std::size_t i) { return f.left + static_cast<double>(i) * f.width / static_cast<double>(n); };
  const auto y_at = [&](std::int64_t v) {
    return f.bottom() - static_cast<double>(std::max<std::int64_t>(0, v)) / static_cast<double>(scale.max) * f.height;
  };
  const std::string_view so_far = withheld > 0 ? "in the published months so far" : "so far";
  const auto line = [&](const std::vector<std::int64_t>& totals, const Series& series, bool dashed) {
    std::string path = fmt::format("M {} {}", num(x_at(0)), num(y_at(0)));
    for (std::size_t i = 0; i < n; ++i) path += fmt::format(" L {} {}", num(x_at(i + 1)), num(y_at(totals[i])));
    std::string g =
        fmt::format("<path class=\"mark line {}\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n",
                    series.key, path, series.stroke, dashed ? " stroke-dasharray=\"6 3\"" : "");
    // Markers of different shapes keep the two lines apart on paper. A
    // withheld month has none: it has no figures of its own to mark.
    for (std::size_t i = 0; i < n; ++i) {
      if (months[i].withheld) continue;
      const double x = x_at(i + 1), y = y_at(totals[i]);
      const std::string tip =
          fmt::format("<title>{}, {} {}: {}</title>", escape_markup(months[i].month), escape_markup(series.label),
                      so_far, escape_markup(grouped_amount(totals[i], currency)));
      if (dashed)
        g += fmt::format("<rect class=\"marker\" x=\"{}\" y=\"{}\" width=\"6\" height=\"6\" fill=\"{}\">{}</rect>\n",
                         num(x - 3), num(y - 3), series.stroke, tip);
      else
        g += fmt::format("<circle class=\"marker\" cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\">{}</circle>\n", num(x),
                         num(y), series.fill, tip);
    }
    return g;
  };
  out += line(disbursed, kMoneySeries[1], false);
  out += line(spent, kMoneySeries[2], true);

  // About a dozen month labels at most, with the year under the first and at each change.
  const std::size_t every = (n + 11) / 12;
  std::string shown_year;
  for (std::size_t i = 0; i < n; i += every) {
    const MonthLabel label = month_label(months[i].month);
    const double x = (x_at(i) + x_at(i + 1)) / 2;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(x), num(f.bottom() + 16),
                       escape_markup(label.month));
    if (label.year != shown_year) {
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(x), num(f.bottom() + 30),
                         escape_markup(label.year));
      shown_year = label.year;
    }
  }
  out += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">Month</text>\n</svg>\n",
                     num(f.right()), num(f.bottom() + 46));
  return out;
}

std::string achievement_chart_svg(const std::vector<PublishedResult>& results) {
  static constexpr std::string_view id = "chart-achievement";
  static constexpr std::string_view title = "Indicator achievement against target";

  struct Row {
    const PublishedIndicator* indicator;
    std::optional<double> percent;
  };
  std::vector<Row> rows;
  double largest = 100;  // the 100% line always fits
  for (const auto& r : results)
    for (const auto& ind : r.indicators) {
      if (ind.measure == domain::Measure::qualitative) continue;  // no figure to draw
      Row row{&ind, std::nullopt};
      if (ind.achievement_percent) row.percent = parse_percent(*ind.achievement_percent);
      if (row.percent) largest = std::max(largest, *row.percent);
      rows.push_back(row);
    }
  if (rows.empty()) return empty_chart(id, title, "No indicator results yet");

  const double tick = largest <= 150 ? 25 : largest <= 300 ? 50 : 100;
  const double scale_max = tick * static_cast<double>(static_cast<std::int64_t>((largest + tick - 1e-9) / tick));
  constexpr double row_height = 26, bar_height = 16;
  const Frame f{280, 30, kCanvasWidth - 280 - 70, row_height * static_cast<double>(rows.size())};
  const auto x_at = [&](double percent) { return f.left + std::max(0.0, percent) / scale_max * f.width; };

  std::string out = open_svg(id, f.bottom() + 40, title,
                             "One bar per indicator: its reported actual as a percentage of its target, with a line "
                             "at 100%. Withheld results and targets are shown as suppressed, without a bar.");
  // Percentage gridlines along the bottom.
  for (double p = 0; p <= scale_max + 1e-9; p += tick)
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ddd\" stroke-width=\"0.5\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}%</text>\n",
        num(x_at(p)), num(f.top), num(f.bottom()), num(f.bottom() + 16), static_cast<long long>(p));
  out +=
      fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">Achievement (% of target)</text>\n",
                  num(f.right()), num(f.bottom() + 34));

  // Bars first, then the 100% line over them, then the words over both; a
  // white halo keeps the words legible where they cross the line.
  std::string bars, words;
  constexpr std::string_view halo = "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& ind = *rows[i].indicator;
    const double y = f.top + static_cast<double>(i) * row_height;
    const double bar_y = y + (row_height - bar_height) / 2;
    const double text_y = y + row_height / 2 + 4;
    const std::string full_name = ind.code + " " + ind.title;
    words += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>\n", num(f.left - 8),
                         num(text_y), escape_markup(full_name), escape_markup(shorten(full_name, 34)));
    if (rows[i].percent) {
      const double w = x_at(*rows[i].percent) - f.left;
      bars += fmt::format(
          "<rect class=\"mark achievement\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4292c6\" "
          "stroke=\"#08306b\" stroke-width=\"0.5\"><title>{}: {}% of target</title></rect>\n",
          num(f.left), num(bar_y), num(w), num(bar_height), escape_markup(ind.code),
          escape_markup(*ind.achievement_percent));
      words += fmt::format("<text x=\"{}\" y=\"{}\" {}>{}%</text>\n", num(f.left + w + 4), num(text_y), halo,
                           escape_markup(*ind.achievement_percent));
    } else if (ind.actual.suppressed() || ind.target.suppressed()) {
      // The same full-width outline for every withheld result or target, so its size says nothing.
      bars += fmt::format(
          "<rect class=\"placeholder suppressed\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f3f3\" "
          "stroke=\"#777\" stroke-dasharray=\"4 3\"/>\n",
          num(f.left), num(bar_y), num(f.width), num(bar_height));
      words += fmt::format("<text class=\"suppressed\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text>\n",
                           num(f.left + f.width / 2), num(text_y), halo,
                           ind.actual.suppressed() ? "suppressed (small numbers)" : "target suppressed");
    } else {
      words += fmt::format("<text class=\"no-target\" x=\"{}\" y=\"{}\" {}>no target to compare with</text>\n",
                           num(f.left + 4), num(text_y), halo);
    }
  }
  out += bars;
  out += fmt::format(
      "<line class=\"reference\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000\" stroke-width=\"1.5\" "
      "stroke-dasharray=\"5 3\"/><text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">100% of target</text>\n",
      num(x_at(100)), num(f.top - 4), num(f.bottom() + 2), num(f.top - 10));
  out += words;
  out += "</svg>\n";
  return out;
}

}  // namespace mswa::reports
