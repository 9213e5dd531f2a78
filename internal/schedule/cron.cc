#include "internal/schedule/cron.h"

#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <vector>

#include "internal/schedule/quoted.h"

namespace aoa::schedule {
namespace {

constexpr size_t kMaxLength = 256;

enum FieldIndex { kMinute, kHour, kDayOfMonth, kMonth, kDayOfWeek };

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

struct FieldRule {
  FieldIndex index;
  std::string_view label;  // "field 3 (day of month)"
  int min, max;
  std::string_view allowed;  // how to write a value, for messages
};

constexpr std::array<FieldRule, 5> kFields = {{
    {kMinute, "field 1 (minute)", 0, 59, "use 0-59"},
    {kHour, "field 2 (hour)", 0, 23, "use 0-23"},
    {kDayOfMonth, "field 3 (day of month)", 1, 31, "use 1-31"},
    {kMonth, "field 4 (month)", 1, 12, "use JAN-DEC or 1-12"},
    {kDayOfWeek, "field 5 (day of week)", 0, 7, "use SUN-SAT or 0-7"},
}};

Status fail(const std::string& message) { return Status::invalid_argument(message, "cron"); }
Status fail(const FieldRule& rule, const std::string& message) { return fail(std::string(rule.label) + ": " + message); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string range_text(const FieldRule& rule) {
  return std::to_string(rule.min) + "-" + std::to_string(rule.max);
}

// `"L" (last day of the month) is not supported` or `"5L" uses "L" (…), which is not supported`.
Status unsupported(const FieldRule& rule, std::string_view item, std::string_view symbol,
                   std::string_view meaning, const std::string& use) {
  const std::string what = item == symbol ? quoted(symbol) + " (" + std::string(meaning) + ") is not supported"
                                          : quoted(item) + " uses " + quoted(symbol) + " (" + std::string(meaning) +
                                                "), which is not supported";
  return fail(rule, what + "; " + use);
}

// Extensions of other cron dialects get a message saying what they are.
Status reject_extensions(const FieldRule& rule, std::string_view item) {
  const std::string use = std::string(rule.allowed) + " with \"*\", ranges, steps and lists";
  if (item.find('?') != std::string_view::npos) return unsupported(rule, item, "?", "Quartz syntax", "use \"*\"");
  if (item.find('#') != std::string_view::npos) return unsupported(rule, item, "#", "nth weekday of the month", use);
  if (rule.index != kDayOfMonth && rule.index != kDayOfWeek) return {};
  // In the day-of-week field, 'L' or 'W' may be part of a name (WED, SAT…): only a bare L/W or a
  // number followed by L/W is the extension.
  const std::string up = upper(item);
  const bool has_digit = up.find_first_of("0123456789") != std::string::npos;
  const bool last = up == "L" || up == "LW" || (has_digit && up.back() == 'L');
  const bool weekday = up == "LW" || (rule.index == kDayOfMonth && has_digit && up.back() == 'W');
  if (last) {
    return unsupported(rule, up == "L" ? "L" : item, "L",
                       rule.index == kDayOfMonth ? "last day of the month" : "last weekday of the month", use);
  }
  if (weekday) return unsupported(rule, item, "W", "nearest weekday", use);
  return {};
}

// Digits as written, without leading zeros ("0" when all zeros); `value` is -1 when there are more
// than two digits (out of range in every field).
struct Digits {
  std::string_view text;
  int value;
};

Digits read_digits(std::string_view token) {
  const size_t first = token.find_first_not_of('0');
  const std::string_view text = first == std::string_view::npos ? std::string_view("0") : token.substr(first);
  int value = -1;
  if (text.size() <= 2) value = text.size() == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
  return {text, value};
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return !s.empty();
}

// One bound of a range or a single value: digits, or a name in the month / day-of-week fields.
struct Bound {
  int value;
  std::string text;  // canonical: digits without leading zeros, or the upper-case name
};

Result<Bound> parse_bound(const FieldRule& rule, std::string_view token) {
  if (token.empty()) return fail(rule, "a value is missing; " + std::string(rule.allowed));
  if (all_digits(token)) {
    const Digits number = read_digits(token);
    if (number.value < rule.min || number.value > rule.max) {
      return fail(rule, (number.value < 0 ? quoted(number.text) : std::string(number.text)) + " is out of range " +
                            range_text(rule));
    }
    return Bound{number.value, std::string(number.text)};
  }
  bool alpha = true;
  for (char c : token) alpha = alpha && is_alpha(c);
  if (alpha && (rule.index == kMonth || rule.index == kDayOfWeek)) {
    const std::string name = upper(token);
    const std::span<const std::string_view> names =
        rule.index == kMonth ? std::span<const std::string_view>(kMonthNames) : std::span<const std::string_view>(kDayNames);
    for (size_t i = 0; i < names.size(); ++i) {
      if (name == names[i]) return Bound{static_cast<int>(i) + rule.min, name};
    }
    return fail(rule, "unknown name " + quoted(token) + "; " + std::string(rule.allowed));
  }
  return fail(rule, quoted(token) + " is not a number; " + std::string(rule.allowed));
}

Result<int> parse_step(const FieldRule& rule, std::string_view token) {
  const std::string allowed = "use a step of 1-" + std::to_string(rule.max);
  if (token.empty()) return fail(rule, "a step is missing after \"/\"; " + allowed);
  if (!all_digits(token)) return fail(rule, "step " + quoted(token) + " is not a number; " + allowed);
  const Digits step = read_digits(token);
  if (step.value == 0) return fail(rule, "step 0 is not allowed; " + allowed);
  if (step.value < 0 || step.value > rule.max) {
    return fail(rule, "step " + (step.value < 0 ? quoted(step.text) : std::string(step.text)) +
                          " is out of range; " + allowed);
  }
  return step.value;
}

struct ParsedField {
  std::vector<bool> selected;  // indexed by value, rule.min..rule.max
  std::string text;            // canonical
  bool star = false;           // the field's text starts with '*'
};

// One list item: *, */n, a, a-b, a-b/n, a/n.
Status parse_item(const FieldRule& rule, std::string_view item, ParsedField& field) {
  if (item.empty()) {
    return fail(rule, "empty list item (two commas, or a comma at an end); " + std::string(rule.allowed));
  }
  AOA_RETURN_IF_ERROR(reject_extensions(rule, item));
  std::string_view body = item;
  std::optional<int> step;
  if (const size_t slash = item.find('/'); slash != std::string_view::npos) {
    body = item.substr(0, slash);
    AOA_ASSIGN_OR_RETURN(step, parse_step(rule, item.substr(slash + 1)));
  }
  int low = rule.min, high = rule.max;
  std::string text;
  if (body == "*") {
    text = "*";
  } else if (const size_t dash = body.find('-'); dash != std::string_view::npos) {
    AOA_ASSIGN_OR_RETURN(const Bound a, parse_bound(rule, body.substr(0, dash)));
    AOA_ASSIGN_OR_RETURN(Bound b, parse_bound(rule, body.substr(dash + 1)));
    if (rule.index == kDayOfWeek && b.text == "SUN" && a.value > 0) b.value = 7;  // FRI-SUN; SUN-SUN stays 0-0
    if (a.value > b.value) {
      return fail(rule, "range " + a.text + "-" + b.text + " is reversed; write the lower bound first " +
                            "(wrap-around ranges are not supported)");
    }
    low = a.value;
    high = b.value;
    text = a.text + "-" + b.text;
  } else {
    AOA_ASSIGN_OR_RETURN(const Bound a, parse_bound(rule, body));
    low = a.value;
    high = step ? rule.max : a.value;  // "a/n": from a to the end of the field
    text = a.text;
  }
  if (step) text += "/" + std::to_string(*step);
  for (int v = low; v <= high; v += step.value_or(1)) field.selected[v - rule.min] = true;
  if (!field.text.empty()) field.text += ',';
  field.text += text;
  return {};
}

Result<ParsedField> parse_field(const FieldRule& rule, std::string_view text) {
  ParsedField field;
  field.selected.assign(rule.max - rule.min + 1, false);
  field.star = text.front() == '*';
  size_t begin = 0;
  while (true) {
    const size_t comma = text.find(',', begin);
    AOA_RETURN_IF_ERROR(parse_item(
        rule, text.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin), field));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return field;
}

template <size_t N>
std::bitset<N> to_bits(const FieldRule& rule, const ParsedField& field) {
  std::bitset<N> bits;
  for (int v = rule.min; v <= rule.max; ++v) {
    if (field.selected[v - rule.min]) bits.set(static_cast<size_t>(v == 7 && rule.index == kDayOfWeek ? 0 : v));
  }
  return bits;
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_blank(text[i])) ++i;
    if (i == text.size()) break;
    size_t j = i;
    while (j < text.size() && !is_blank(text[j])) ++j;
    fields.push_back(text.substr(i, j - i));
    i = j;
  }
  return fields;
}

}  // namespace

CronExpression::CronExpression() : text_("* * * * *") {
  minutes_.set();
  hours_.set();
  days_of_month_.set();
  days_of_month_.reset(0);
  months_.set();
  months_.reset(0);
  days_of_week_.set();
}

Result<CronExpression> CronExpression::parse(std::string_view text) {
  constexpr std::string_view kShape = "expected 5 fields (minute hour day-of-month month day-of-week)";
  if (text.size() > kMaxLength) {
    return fail("the expression is too long (" + std::to_string(text.size()) + " characters; at most " +
         std::to_string(kMaxLength) + ")");
  }
  const std::vector<std::string_view> fields = split_fields(text);
  if (fields.empty()) return fail("the expression is empty; " + std::string(kShape) + ", e.g. \"0 3 * * *\"");
  if (fields.front().front() == '@') {
    return fail("macros such as " + quoted(fields.front()) + " are not supported; write the 5 fields (minute hour "
         "day-of-month month day-of-week), e.g. \"0 0 * * *\" for @daily");
  }
  if (fields.size() != 5) {
    std::string message = std::string(kShape) + ", found " + std::to_string(fields.size());
    if (fields.size() > 5) message += "; seconds and year fields are not supported";
    return fail(message);
  }
  CronExpression cron;
  cron.text_.clear();
  std::array<ParsedField, 5> parsed;
  for (size_t i = 0; i < 5; ++i) {
    AOA_ASSIGN_OR_RETURN(parsed[i], parse_field(kFields[i], fields[i]));
    if (i > 0) cron.text_ += ' ';
    cron.text_ += parsed[i].text;
  }
  cron.minutes_ = to_bits<60>(kFields[kMinute], parsed[kMinute]);
  cron.hours_ = to_bits<24>(kFields[kHour], parsed[kHour]);
  cron.days_of_month_ = to_bits<32>(kFields[kDayOfMonth], parsed[kDayOfMonth]);
  cron.months_ = to_bits<13>(kFields[kMonth], parsed[kMonth]);
  cron.days_of_week_ = to_bits<7>(kFields[kDayOfWeek], parsed[kDayOfWeek]);
  cron.minute_star_ = parsed[kMinute].star;
  cron.hour_star_ = parsed[kHour].star;
  cron.day_of_month_star_ = parsed[kDayOfMonth].star;
  cron.day_of_week_star_ = parsed[kDayOfWeek].star;
  return cron;
}

bool CronExpression::matches_date(date::year_month_day day) const {
  if (!months_.test(static_cast<unsigned>(day.month()))) return false;
  const bool dom = days_of_month_.test(static_cast<unsigned>(day.day()));
  const bool dow = days_of_week_.test(date::weekday(date::sys_days(day)).c_encoding());
  // crontab(5): OR when both day fields are restricted, AND when either starts with '*'.
  return (day_of_month_star_ || day_of_week_star_) ? (dom && dow) : (dom || dow);
}

bool can_fire(const CronExpression& cron) {
  // Only "restricted day of month AND a '*'-day of week" can select nothing: every other
  // combination includes either every day of week (OR) or the 1st of each selected month, which
  // falls on every weekday over the years. A restricted day of month with a '*' day of week matches
  // whenever a selected month has a selected day (each date falls on every weekday over 400 years).
  if (cron.day_of_month_star() || !cron.day_of_week_star()) return true;
  constexpr std::array<int, 13> kLongestMonth = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    if (!cron.months().test(m)) continue;
    for (int d = 1; d <= kLongestMonth[m]; ++d) {
      if (cron.days_of_month().test(d)) return true;
    }
  }
  return false;
}

}  // namespace aoa::schedule
