// The bad-input catalogue: malformed flags, times, holiday files, CSV and templates, each run
// through the binary. Every case must exit 2 with one "sla: error:" line, a message quoting
// the offending value, nothing else on stdout, and in batch every good row still intact.
#include "cli.hpp"
#include "cli_run.hpp"
#include "csv.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace sla::test {
namespace {

// A file the case needs: `text`, then `pad` bytes of `fill`, then `tail`.
struct File {
  File(std::string name_, std::string text_, std::size_t pad_ = 0, char fill_ = 'A',
       std::string tail_ = "")
      : name(std::move(name_)),
        text(std::move(text_)),
        pad(pad_),
        fill(fill_),
        tail(std::move(tail_)) {}
  std::string name;
  std::string text;
  std::size_t pad;
  char fill;
  std::string tail;
};

struct Case {
  Case(std::string name_, std::vector<std::string> args_, std::string needle_,
       std::vector<File> files_ = {}, std::string input_ = "", int rows_ = -1,
       std::vector<std::string> good_ = {})
      : name(std::move(name_)),
        args(std::move(args_)),
        needle(std::move(needle_)),
        files(std::move(files_)),
        input(std::move(input_)),
        rows(rows_),
        good(std::move(good_)) {}
  std::string name;
  std::vector<std::string> args;  // "{dir}" stands for the case's directory
  std::string needle;             // the quoted value the message must hold ("{dir}" too)
  std::vector<File> files;
  std::string input;  // standard input
  // Batch: the output rows expected (-1: not a batch run with rows) and the good ones by id.
  int rows;
  std::vector<std::string> good;
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.name;
}

// The good batch rows and the deadlines they must keep.
const std::vector<std::pair<std::string, std::string>> kGoodRows{
    {"T-1", "2026-11-27T09:30:00-05:00"},  // 2026-11-25 16:30, P1 premium (SPEC's example)
    {"T-3", "2026-11-25T10:00:00-05:00"},  // 2026-11-23 10:00, P3 standard
    {"T-4", "2026-11-30T18:00:00-05:00"},  // 2026-11-28 12:00, P1 standard
};
const std::string kHeader = "id,submitted,priority,tier\n";
const std::string kRow1 = "T-1,2026-11-25 16:30,P1,premium\n";
const std::string kRow3 = "T-3,2026-11-23 10:00,P3,standard\n";
const std::string kRow4 = "T-4,2026-11-28 12:00,P1,standard\n";

std::string repeat(char c, std::size_t n) {
  return std::string(n, c);
}

// Returns `value` as sla quotes it when it is longer than 60 bytes of plain ASCII.
std::string quoted_start(const std::string& value) {
  return "\"" + value.substr(0, 60) + "...\"";
}

// ---------------------------------------------------------------------------------------------
// The catalogue.

std::vector<Case> flag_cases() {
  return {
      {"PriorityP5", {"-p", "P5"}, "priority \"P5\""},
      {"PriorityEmpty", {"-p", ""}, "priority \"\""},
      {"PriorityUnknownWord", {"-p", "severe"}, "\"severe\""},
      {"PriorityZero", {"-p", "0"}, "\"0\""},
      {"PriorityNonAscii", {"-p", "P\xef\xbc\x91"}, "\"P\\xef\\xbc\\x91\""},
      {"TierGold", {"-t", "gold"}, "tier \"gold\""},
      {"TierEmpty", {"-t", ""}, "tier \"\""},
      {"TzUnknown", {"--tz", "Mars/Olympus"}, "\"Mars/Olympus\""},
      {"TzPathTraversal", {"--tz", "../../etc/passwd"}, "\"../../etc/passwd\""},
      {"OutputXml", {"-o", "xml"}, "\"xml\""},
      {"OutputCsvForPolicy", {"policy", "-o", "csv"}, "\"csv\""},
      {"WarnOver100", {"check", "--warn", "101"}, "\"101\""},
      {"WarnNegative", {"check", "--warn", "-1"}, "\"-1\""},
      {"WarnNan", {"check", "--warn", "nan"}, "\"nan\""},
      {"WarnWord", {"check", "--warn", "high"}, "\"high\""},
      {"HolidaysUnknownSet", {"--holidays", "nosuchset"}, "\"nosuchset\""},
      {"HolidaysMissingFile", {"--holidays", "{dir}/missing.txt"}, "\"{dir}/missing.txt\""},
      // A directory read as a file gives no holidays at all: weekends only, a wrong deadline.
      {"HolidaysDirectory", {"--holidays", "{dir}"}, "\"{dir}\""},
      {"HolidaysYearFiveDigits", {"holidays", "99999"}, "\"99999\""},
      {"HolidaysYear1899", {"holidays", "1899"}, "\"1899\""},
      {"HolidaysYearWord", {"holidays", "twenty"}, "\"twenty\""},
      {"HolidaysFromMonth13",
       {"holidays", "--from", "2026-13-01", "--to", "2026-12-31"},
       "\"2026-13-01\""},
      {"HolidaysToBeforeFrom",
       {"holidays", "--from", "2026-12-01", "--to", "2026-11-01"},
       "\"2026-11-01\""},
      {"RespondedBeforeSubmitted",
       {"check", "-s", "2026-11-25T10:00", "--responded", "2026-11-25T09:00"},
       "\"2026-11-25T09:00:00-05:00\""},
      {"NowWord", {"check", "--now", "tomorrow"}, "\"tomorrow\""},
      {"DeadlinePast9999", {"-s", "9999-12-31 17:00", "-p", "P4"}, "\"9999-12-31T17:00:00-05:00\""},
      // SPEC section 6: every error quotes the offending value, command-line syntax included.
      {"UnknownOption", {"--bogus"}, "\"--bogus\""},
      {"ExtraArgument", {"due", "extra"}, "\"extra\""},
  };
}

std::vector<Case> time_cases() {
  std::vector<std::pair<std::string, std::string>> times{
      {"February30", "2026-02-30"},
      {"February29OfCommonYear", "2026-02-29"},
      {"Hour24", "2026-11-25T24:00"},
      {"Hour25", "2026-11-25T25:00"},
      {"Minute60", "2026-11-25T16:60"},
      {"Second60", "2026-11-25T16:30:60"},
      {"Month13", "2026-13-01"},
      {"Month00", "2026-00-10"},
      {"November31", "2026-11-31"},
      {"OffsetPlus25", "2026-11-25T16:30+25:00"},
      {"OffsetPlus24", "2026-11-25T16:30+24:00"},
      {"OffsetMinutes60", "2026-11-25T16:30-05:60"},
      {"OffsetWithSeconds", "2026-11-25T16:30:00+05:00:00"},
      {"Year0", "0000-01-01"},
      {"Year10000", "10000-01-01"},
      {"Year1899", "1899-12-31"},
      {"Before1900ByOffset", "1900-01-01T00:00:00+01:00"},
      {"After9999ByOffset", "9999-12-31T23:59:59-12:00"},
      {"TrailingJunk", "2026-11-25T16:30:00Zjunk"},
      {"DateJunk", "2026-11-25x"},
      {"TrailingSpace", "2026-11-25 16:30 "},
      {"Empty", ""},
      {"UnicodeMinus",
       "2026-11-25T16:30:00\xe2\x88\x92"
       "05:00"},
      {"FullwidthDigits", "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-11-25"},
      {"Latin1Byte", "2026-11-25T16:30\xe9"},
      {"Tab", "2026-11-25T16:30\t"},
      {"AtAlone", "@"},
      {"AtWord", "@abc"},
      {"AtHuge", "@99999999999999999999"},
      {"AtExponent", "@1e9"},
      {"SpringForwardGap", "2026-03-08 02:30"},
      {"NowPlusOne", "now+1"},
      {"HourOnly", "2026-11-25T16"},
      {"TimeAlone", "T16:30"},
      {"FractionWithoutDigits", "2026-11-25T16:30:00.-05:00"},
      {"TwoDigitYear", "26-11-25"},
      {"Slashes", "2026/11/25"},
  };
  std::vector<Case> cases;
  for (const auto& [name, text] : times) {
    std::string shown;
    for (char c : text) {
      auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte >= 0x7f) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", byte);
        shown += hex;
      } else {
        shown += c;
      }
    }
    cases.push_back({"Submitted" + name, {"-s", text}, "--submitted \"" + shown + "\""});
  }
  // The longest single argument Linux passes (MAX_ARG_STRLEN is 128 KiB); 10 MB is run
  // in-process below.
  std::string longest = repeat('2', 131071);
  cases.push_back({"SubmittedLongestArgument", {"-s", longest}, quoted_start(longest)});
  cases.push_back({"NowMonth13", {"check", "--now", "2026-13-01"}, "--now \"2026-13-01\""});
  cases.push_back({"RespondedYear10000",
                   {"check", "--responded", "10000-01-01"},
                   "--responded \"10000-01-01\""});
  return cases;
}

Case holiday_case(std::string name, std::string text, std::string needle) {
  return {"HolidayFile" + std::move(name),
          {"--holidays", "{dir}/h.txt"},
          "{dir}/h.txt:" + std::move(needle),
          {{"h.txt", std::move(text)}}};
}

std::vector<Case> holiday_cases() {
  std::vector<Case> cases{
      holiday_case("UnknownWeekday", "3rd Mox of Jan | | X\n", "1:5: unknown weekday, got \"Mox\""),
      holiday_case("SixthMonday", "6th Mon of Jan | | X\n", "1:1: bad ordinal, got \"6th\""),
      holiday_case("ZerothMonday", "0th Mon of Jan | | X\n", "1:1: bad ordinal, got \"0th\""),
      holiday_case("UntilBeforeFrom", "01-02 | from 2000, until 1999 | X\n",
                   "1:20: until before from, got \"until 1999\""),
      holiday_case("MissingName", "01-02 | X\n", "1:1: missing fields, got \"01-02 | X\""),
      holiday_case("RuleAlone", "01-02\n", "1:1: missing fields, got \"01-02\""),
      holiday_case("EmptyName", "01-02 | |\n", "1:10: empty name, got \"\""),
      holiday_case("TooManyFields", "01-02 | | X | Y\n", "1:13: too many fields, got \"| Y\""),
      holiday_case("February30", "02-30 | | X\n", "1:1: no such day in the month, got \"02-30\""),
      holiday_case("Month13", "13-01 | | X\n", "1:1: no such month, got \"13-01\""),
      holiday_case("OnceFebruary29OfCommonYear", "2026-02-29 | | X\n",
                   "1:1: no such date, got \"2026-02-29\""),
      holiday_case("Year0", "0000-01-01 | | X\n", "1:1: year out of range, got \"0000-01-01\""),
      holiday_case("UnknownOption", "01-02 | weekly | X\n", "1:9: unknown option, got \"weekly\""),
      holiday_case("YearFiveDigits", "01-02 | from 19999 | X\n", "1:14: bad year, got \"19999\""),
      holiday_case("FromWithoutYear", "01-02 | from | X\n", "1:9: missing year, got \"from\""),
      holiday_case("DuplicateOption", "01-02 | observed, observed | X\n",
                   "1:19: duplicate option, got \"observed\""),
      holiday_case("UnknownMonth", "1st Mon of Foo | | X\n", "1:12: unknown month, got \"Foo\""),
      holiday_case("InInsteadOfOf", "1st Mon in Jan | | X\n", "1:9: unexpected word, got \"in\""),
      holiday_case("BinaryGarbage", std::string("\x00\x01\xff\xfe garbage\n", 13),
                   "1:1: control character, got \"\\x00\""),
      holiday_case("InvalidUtf8Name", "01-02 | | \xff\xfe\n",
                   "1:11: invalid UTF-8 in the name, got \"\\xff\\xfe\""),
      holiday_case("ErrorOnThirdLine", "01-01 | observed | A\n# comment\n3rd Mox of Jan | | X\n",
                   "3:5: unknown weekday, got \"Mox\""),
  };
  // A 100 MB line: refused by its size, before anything quotes it.
  cases.push_back({"HolidayFileHundredMegabyteLine",
                   {"--holidays", "{dir}/h.txt"},
                   "cannot read --holidays \"{dir}/h.txt\": larger than 16 MiB; expected a "
                   "policy or holiday file",
                   {{"h.txt", "", std::size_t{100} << 20, 'A', "\n"}}});
  // A 10 MB line, under the limit: refused, quoted in 60 bytes.
  cases.push_back({"HolidayFileTenMegabyteLine",
                   {"--holidays", "{dir}/h.txt"},
                   "{dir}/h.txt:1:1: missing fields, got " + quoted_start(repeat('A', 60)),
                   {{"h.txt", "", std::size_t{10} << 20, 'A', "\n"}}});
  // Random bytes: refused at the first control character.
  std::string noise;
  std::uint32_t state = 20261125;
  for (int i = 0; i < 65536; ++i) {
    state = state * 1103515245U + 12345U;
    noise += static_cast<char>(state >> 24);
  }
  cases.push_back(holiday_case("RandomBytes", noise, "1:2: control character, got \"\\x0c\""));
  // The same errors through the holidays command.
  cases.push_back({"HolidaysCommandUnknownWeekday",
                   {"holidays", "2026", "--holidays", "{dir}/h.txt"},
                   "{dir}/h.txt:1:5: unknown weekday, got \"Mox\"",
                   {{"h.txt", "3rd Mox of Jan | | X\n"}}});
  return cases;
}

Case batch_case(std::string name, std::string csv, std::string needle, int rows,
                std::vector<std::string> good) {
  return {"Batch" + std::move(name),
          {"batch", "{dir}/t.csv", "-o", "jsonl", "--now", "2026-11-25T12:00:00-05:00"},
          std::move(needle),
          {{"t.csv", std::move(csv)}},
          "",
          rows,
          std::move(good)};
}

std::vector<Case> csv_cases() {
  const std::string& h = kHeader;
  std::vector<Case> cases{
      batch_case("TextAfterClosingQuote",
                 h + kRow1 + "T-2,\"2026-11-25 10:00\"x,P1,premium\n" + kRow3 + kRow4,
                 "line 3, column 2: text after the closing quote", 4, {"T-1", "T-3", "T-4"}),
      batch_case(
          "UnbalancedQuoteInLastRow", h + kRow1 + kRow3 + "T-2,\"2026-11-25 10:00,P1,premium\n",
          "line 4, column 2: the quoted field opened on line 4 is not closed", 3, {"T-1", "T-3"}),
      batch_case("MissingHeader", kRow1 + kRow3,
                 "no submitted column in the header \"T-1,2026-11-25 16:30,P1,premium\"", 0, {}),
      batch_case("HeaderWithoutSubmitted", "id,priority\nT-1,P1\n",
                 "no submitted column in the header \"id,priority\"", 0, {}),
      batch_case("DuplicateColumn", "id,submitted,submitted\nT-1,2026-11-25,2026-11-25\n",
                 "\"id,submitted,submitted\"", 0, {}),
      batch_case("NulInField", h + kRow1 + "T-2,2026-11-25" + '\0' + "10:00,P1,premium\n" + kRow3,
                 "invalid submitted \"2026-11-25\\x0010:00\"", 3, {"T-1", "T-3"}),
      batch_case("NulBytesRow", h + kRow1 + std::string("\x00\x00\x00\n", 4) + kRow3, "line 3", 3,
                 {"T-1", "T-3"}),
      batch_case("PriorityP9", h + kRow1 + "T-2,2026-11-25 10:00,P9,premium\n" + kRow3,
                 "invalid priority \"P9\"", 3, {"T-1", "T-3"}),
      batch_case("PriorityNonAscii",
                 h + kRow1 + "T-2,2026-11-25 10:00,P\xef\xbc\x91,premium\n" + kRow3,
                 "invalid priority \"P\\xef\\xbc\\x91\"", 3, {"T-1", "T-3"}),
      batch_case("TierGold", h + kRow1 + "T-2,2026-11-25 10:00,P1,gold\n" + kRow3,
                 "invalid tier \"gold\"", 3, {"T-1", "T-3"}),
      batch_case("SubmittedFebruary30", h + kRow1 + "T-2,2026-02-30,P1,premium\n" + kRow3,
                 "invalid submitted \"2026-02-30\"", 3, {"T-1", "T-3"}),
      batch_case("SubmittedEmpty", h + kRow1 + "T-2,,P1,premium\n" + kRow3,
                 "invalid submitted \"\"", 3, {"T-1", "T-3"}),
      batch_case("SubmittedYear10000", h + kRow1 + "T-2,10000-01-01,P1,premium\n" + kRow3,
                 "invalid submitted \"10000-01-01\"", 3, {"T-1", "T-3"}),
      batch_case("SubmittedOffsetPlus25",
                 h + kRow1 + "T-2,2026-11-25T16:30+25:00,P1,premium\n" + kRow3,
                 "invalid submitted \"2026-11-25T16:30+25:00\"", 3, {"T-1", "T-3"}),
      batch_case("DeadlinePast9999", h + kRow1 + "T-2,9999-12-31 17:00,P4,standard\n" + kRow3,
                 "\"9999-12-31T17:00:00-05:00\"", 3, {"T-1", "T-3"}),
      batch_case("TooManyFields", h + kRow1 + "T-2,2026-11-25 10:00,P1,premium,x\n" + kRow3,
                 "line 3: 5 fields where the header has 4", 3, {"T-1", "T-3"}),
      batch_case("TooFewFields", h + kRow1 + "T-2,2026-11-25 10:00\n" + kRow3,
                 "line 3: 2 fields where the header has 4", 3, {"T-1", "T-3"}),
      batch_case("RespondedBeforeSubmitted",
                 "id,submitted,responded\nT-2,2026-11-25 16:30,2026-11-25 10:00\n"
                 "T-3,2026-11-23 10:00,\n",
                 "invalid responded \"2026-11-25T10:00:00-05:00\"", 2, {"T-3"}),
  };
  // A 10 MB cell between good rows.
  cases.push_back(
      {"BatchTenMegabyteCell",
       {"batch", "{dir}/t.csv", "-o", "jsonl"},
       "invalid submitted " + quoted_start(repeat('2', 60)),
       {{"t.csv", h + kRow1 + "T-2,", std::size_t{10} << 20, '2', ",P1,premium\n" + kRow3}},
       "",
       3,
       {"T-1", "T-3"}});
  // Bad settings: no rows at all.
  cases.push_back({"BatchOnlyBogus",
                   {"batch", "{dir}/t.csv", "--only", "bogus"},
                   "\"bogus\"",
                   {{"t.csv", h + kRow1}}});
  cases.push_back({"BatchNowFebruary30",
                   {"batch", "{dir}/t.csv", "--now", "2026-02-30"},
                   "--now \"2026-02-30\"",
                   {{"t.csv", h + kRow1}}});
  // A missing or bad second input leaves the first one's rows alone; so does standard input.
  cases.push_back({"BatchMissingSecondFile",
                   {"batch", "{dir}/t.csv", "{dir}/missing.csv", "-o", "jsonl"},
                   "\"{dir}/missing.csv\"",
                   {{"t.csv", h + kRow1 + kRow3}},
                   "",
                   2,
                   {"T-1", "T-3"}});
  cases.push_back(
      {"BatchBadRowInSecondFile",
       {"batch", "{dir}/t.csv", "{dir}/u.csv", "-o", "jsonl"},
       "invalid tier \"gold\"",
       {{"t.csv", h + kRow1 + kRow3}, {"u.csv", h + "T-2,2026-11-25,P1,gold\n" + kRow4}},
       "",
       4,
       {"T-1", "T-3", "T-4"}});
  cases.push_back({"BatchStandardInput",
                   {"batch", "-", "-o", "jsonl"},
                   "invalid priority \"P0\"",
                   {},
                   h + kRow1 + "T-2,2026-11-25 10:00,P0,premium\n" + kRow3,
                   3,
                   {"T-1", "T-3"}});
  return cases;
}

std::vector<Case> template_cases() {
  return {
      {"FormatUnknownField", {"--format", "{nope}"}, "--format \"{nope}\": unknown field \"nope\""},
      {"FormatUnbalancedOpen", {"--format", "{deadline"}, "\"{deadline\""},
      {"FormatStrayClose", {"--format", "}"}, "\"}\""},
      {"FormatEmptyName", {"--format", "{}"}, "unknown field \"\""},
      {"FormatPositional", {"--format", "{0}"}, "unknown field \"0\""},
      {"FormatCheckFieldOnDue", {"--format", "{status}"}, "unknown field \"status\""},
      {"FormatBatchFieldOnCheck", {"check", "--format", "{error}"}, "unknown field \"error\""},
      {"FormatUnknownFieldInBatch",
       {"batch", "{dir}/t.csv", "--format", "{colour}"},
       "unknown field \"colour\"",
       {{"t.csv", kHeader + kRow1}}},
      {"FormatIntegerSpecOnText", {"--format", "{deadline:d}"}, "\"{deadline:d}\""},
      {"FormatTextSpecOnInteger",
       {"--format", "{target_business_seconds:s}"},
       "\"{target_business_seconds:s}\""},
      {"FormatChronoSpecOnText", {"--format", "{deadline:%Y}"}, "\"{deadline:%Y}\""},
      {"FormatWidthOverflow",
       {"--format", "{deadline:>99999999999}"},
       "\"{deadline:>99999999999}\""},
      {"FormatNonAsciiName",
       {"--format",
        "{d\xc3\xa9"
        "adline}"},
       "\"d\\xc3\\xa9adline\""},
      // Widths and precisions of 10^7 would pad a line to 10 MB (10^9: 15 s and 2 GB).
      {"FormatHugeWidth", {"--format", "{deadline:>10000000}"}, "\"{deadline:>10000000}\""},
      // A width taken from a field is not capped: 4.7 MB here, more the older the ticket.
      {"FormatDynamicWidthFromField",
       {"check", "-s", "2026-10-01", "--format", "{deadline:>{overdue_seconds}}"},
       "\"{deadline:>{overdue_seconds}}\""},
      // A brace as the fill character hides the width from the cap (found by fuzz_template):
      // the fill is then counted before it is refused, a second per 10^9 of width and field.
      {"FormatBraceFillHugeWidth",
       {"--format", "{deadline:}<999999999}"},
       "width or precision \"999999999\""},
      // So does a fill character of two bytes whose second is a brace (found by fuzz_template).
      {"FormatMultiByteFillHugeWidth",
       {"--format", "{deadline:\xce}<999999999}"},
       "width or precision \"999999999\""},
      {"FormatHugePrecision",
       {"check", "--format", "{percent_elapsed:.10000000f}"},
       "\"{percent_elapsed:.10000000f}\""},
  };
}

// The options and forms of help-desk exports (SPEC section 9).
std::vector<Case> export_cases() {
  const std::string& h = kHeader;
  std::vector<Case> cases{
      {"InputTzUnknown", {"--input-tz", "Mars/Olympus"}, "\"Mars/Olympus\""},
      {"InputTzBareCity", {"--input-tz", "Berlin"}, "did you mean Europe/Berlin?"},
      {"InputTzWrongCase", {"--tz", "europe/berlin"}, "did you mean Europe/Berlin?"},
      {"TimeFormatWithoutConversion", {"--time-format", "dd/mm/yyyy"}, "\"dd/mm/yyyy\""},
      {"TimeFormatNotMatching",
       {"--time-format", "%d/%m/%Y", "-s", "2026/11/25"},
       "\"2026/11/25\""},
      {"PriorityMapWithoutEquals", {"--priority-map", "Sev1"}, "\"Sev1\""},
      {"PriorityMapUnknownTarget", {"--priority-map", "Sev1=P9"}, "\"P9\""},
      {"PriorityMapTwice", {"--priority-map", "a=P1,A=P2"}, "\"A\""},
      {"TierMapUnknownTarget", {"--tier-map", "Gold=platinum"}, "\"platinum\""},
      {"UnixTimeWithoutAt", {"-s", "1795642200"}, "write @1795642200"},
      {"UnixMilliseconds", {"-s", "1795642200000"}, "milliseconds"},
      {"SlashedDate", {"-s", "11/25/2026"}, "--time-format '%m/%d/%Y'"},
      {"Rfc2822WrongWeekday", {"-s", "Thu, 25 Nov 2026 16:30:00 -0500"}, "weekday"},
      {"Rfc2822ZoneName",
       {"-s", "Wed, 25 Nov 2026 16:30:00 EST"},
       "\"Wed, 25 Nov 2026 16:30:00 EST\""},
      {"SuffixDisagrees", {"-s", "2026-11-25T16:30:00-04:00[America/New_York]"}, "does not agree"},
      {"SuffixUnknownZone", {"-s", "2026-11-25T16:30:00-05:00[Mars/Olympus]"}, "\"Mars/Olympus\""},
      {"SuffixWithoutOffset", {"-s", "2026-11-25T16:30:00[America/New_York]"}, "needs an offset"},
      {"DelimiterTwoCharacters", {"batch", "--delimiter", "::"}, "\"::\""},
      {"DelimiterQuote", {"batch", "--delimiter", "\""}, "\"\\\"\""},
      {"ColumnUnknownField", {"batch", "--column", "owner=Assignee"}, "\"owner\""},
      {"ColumnWithoutHeader", {"batch", "--column", "submitted="}, "\"submitted=\""},
      {"OnlyUnknownStatus", {"batch", "--only", "open,closed"}, "\"closed\""},
      {"HolidaysFormatUnknownField", {"holidays", "--format", "{day}"}, "\"day\""},
      batch_case("ResellerWord",
                 h.substr(0, h.size() - 1) + ",reseller\n" +
                     "T-1,2026-11-25 16:30,P1,premium,no\n"
                     "T-2,2026-11-25 16:30,P1,premium,maybe\n"
                     "T-3,2026-11-23 10:00,P3,standard,\n",
                 "invalid reseller \"maybe\"", 3, {"T-1", "T-3"}),
      batch_case("SuffixInACell",
                 h + kRow1 + "T-2,2026-11-25T16:30:00-04:00[America/New_York],P1,premium\n" + kRow3,
                 "does not agree", 3, {"T-1", "T-3"}),
  };
  cases.push_back({"BatchMappedColumnMissing",
                   {"batch", "{dir}/t.csv", "--column", "submitted=Created at", "-o", "jsonl"},
                   "\"Created at\"",
                   {{"t.csv", h + kRow1}},
                   "",
                   0,
                   {}});
  return cases;
}

std::vector<Case> all_cases() {
  std::vector<Case> all;
  for (auto part : {flag_cases(), time_cases(), holiday_cases(), csv_cases(), template_cases(),
                    export_cases()}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

// ---------------------------------------------------------------------------------------------
// Running a case.

std::string replace_dir(std::string text, const std::string& dir) {
  for (auto at = text.find("{dir}"); at != std::string::npos; at = text.find("{dir}", at)) {
    text.replace(at, 5, dir);
    at += dir.size();
  }
  return text;
}

// Returns the string value of "name" in one JSON line, unescaped, or "<absent>"/"null".
std::string json_string(const std::string& json, const std::string& name) {
  std::string key = "\"" + name + "\":";
  auto at = json.find(key);
  if (at == std::string::npos) return "<absent>";
  at += key.size();
  if (json.compare(at, 4, "null") == 0) return "null";
  std::string out;
  for (std::size_t i = at + 1; i < json.size() && json[i] != '"'; ++i) {
    if (json[i] == '\\' && i + 1 < json.size()) ++i;
    out += json[i];
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class BadInput : public testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sla-catalogue-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const File& f : GetParam().files) std::remove((dir_ + "/" + f.name).c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_;
};

TEST_P(BadInput, ExitsTwoQuotingTheValue) {
  const Case& c = GetParam();
  for (const File& f : c.files) {
    std::ofstream out(dir_ + "/" + f.name, std::ios::binary);
    out << f.text;
    const std::string block(1 << 20, f.fill);
    for (std::size_t left = f.pad; left > 0; left -= std::min(left, block.size())) {
      out.write(block.data(), static_cast<std::streamsize>(std::min(left, block.size())));
    }
    out << f.tail;
  }
  std::vector<std::string> args;
  for (const std::string& a : c.args) args.push_back(replace_dir(a, dir_));
  const std::string needle = replace_dir(c.needle, dir_);
  RunOptions options;
  options.input = c.input;
  const RunResult r = run(SLA_BINARY, args, options);

  EXPECT_EQ(r.err.rfind("sla: error: ", 0), 0U) << r.err;
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  if (c.rows < 0) {
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.out.empty()) << "stdout holds " << r.out.size()
                               << " bytes: " << r.out.substr(0, 300);
    EXPECT_NE(r.err.find(needle), std::string::npos) << "want " << needle << " in\n" << r.err;
    return;
  }
  // Batch: one row per input row, the good ones intact, the bad ones saying why; the exit
  // status is the bit set of SPEC section 6: 2 for the input problem, 1 more if a good row is
  // late.
  const std::vector<std::string> rows = lines_of(r.out);
  bool late = false;
  for (const std::string& row : rows) {
    late =
        late || json_string(row, "status") == "breached" || json_string(row, "status") == "missed";
  }
  EXPECT_EQ(r.status, late ? 3 : 2);
  EXPECT_EQ(static_cast<int>(rows.size()), c.rows) << r.out.substr(0, 2000);
  std::string messages = r.err;
  for (const std::string& row : rows) messages += "\n" + json_string(row, "error");
  EXPECT_NE(messages.find(needle), std::string::npos) << "want " << needle << " in\n"
                                                      << messages.substr(0, 2000);
  for (const std::string& id : c.good) {
    std::string deadline;
    for (const auto& [good_id, good_deadline] : kGoodRows) {
      if (good_id == id) deadline = good_deadline;
    }
    int found = 0;
    for (const std::string& row : rows) {
      if (json_string(row, "id") != id) continue;
      ++found;
      EXPECT_EQ(json_string(row, "deadline"), deadline) << row;
      EXPECT_EQ(json_string(row, "error"), "null") << row;
    }
    EXPECT_EQ(found, 1) << "row " << id;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<Case>& param) {
                           return param.param.name;
                         });

TEST(Catalogue, HasAtLeastSixtyCases) {
  EXPECT_GE(all_cases().size(), 60U);
}

// A 10 MB argument cannot pass through exec (Linux caps one argument at 128 KiB), so it goes
// to the command line's entry point in-process.
TEST(Catalogue, TenMegabyteArgumentInProcess) {
  std::string huge(std::size_t{10} << 20, '2');
  for (const char* option : {"--submitted", "--priority", "--tier", "--tz", "--holidays", "-o"}) {
    std::vector<const char*> argv{"sla", option, huge.c_str()};
    std::ostringstream out, err;
    int status = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    EXPECT_EQ(status, 2) << option;
    EXPECT_EQ(out.str(), "") << option;
    EXPECT_EQ(err.str().rfind("sla: error: ", 0), 0U) << option;
    EXPECT_EQ(count_lines(err.str()), 1) << option;
    EXPECT_NE(err.str().find(quoted_start(huge)), std::string::npos)
        << option << ": " << err.str().substr(0, 300);
    EXPECT_LT(err.str().size(), 1000U) << option;
  }
}

// The CSV reader asked for a record before it holds any input (as batch asks first) must say
// it needs input, without touching its empty buffer: it once passed a null pointer to memcmp,
// which the undefined-behaviour sanitizer stops on.
TEST(Catalogue, CsvReaderBeforeAnyInput) {
  CsvReader empty;
  EXPECT_EQ(empty.next(), CsvReader::Next::kNeedInput);
  empty.finish();
  EXPECT_EQ(empty.next(), CsvReader::Next::kEnd);
  CsvReader nothing_fed;
  nothing_fed.feed("");
  EXPECT_EQ(nothing_fed.next(), CsvReader::Next::kNeedInput);
}

}  // namespace
}  // namespace sla::test
