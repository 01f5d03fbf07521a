// The ticket commands: each turns Options into a ticket, asks the engine, writes the answer.
#include "commands.hpp"

#include "batch.hpp"
#include "context.hpp"
#include "error.hpp"
#include "fields.hpp"
#include "output_template.hpp"
#include "record_writer.hpp"
#include "report.hpp"
#include "system.hpp"
#include "ticket_reader.hpp"

#include <ostream>

namespace sla {
namespace {

constexpr std::string_view kTicketOutputs = "text, json, jsonl, csv or tsv";
constexpr TicketFieldNames kFieldNames = {"--submitted",    "priority",    "tier",
                                          "--calendar",     "--responded", "--reseller",
                                          "--reclassified", "--paused"};

// Returns the entries of a repeated option as one list, separated by ';' as a column's are.
std::optional<std::string> joined(const std::vector<std::string>& entries) {
  if (entries.empty()) return std::nullopt;
  std::string list;
  for (const std::string& e : entries) list += (list.empty() ? "" : ";") + e;
  return list;
}

std::optional<std::string_view> view(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return std::string_view(*text);
}

// Reads the ticket of the command line, to be judged at `now`.
Ticket read_ticket(const Options& options, Context& ctx, date::sys_seconds now) {
  TicketText text;
  text.submitted = options.submitted ? std::string_view(*options.submitted) : "now";
  text.priority = view(options.priority);
  text.tier = view(options.tier);
  text.calendar = view(options.calendar);
  text.responded = view(options.responded);
  const std::optional<std::string> reclassified = joined(options.reclassified);
  const std::optional<std::string> paused = joined(options.paused);
  text.reclassified = view(reclassified);
  text.paused = view(paused);
  TicketReader reader(ctx.engine, ctx.read_options(options, kFieldNames));
  Ticket ticket = reader.read(text, now);
  ticket.reseller = options.reseller;
  return ticket;
}

std::string reseller_text(Output output, const Policy& policy) {
  const std::string message =
      "Support bought through a reseller is provided by the reseller "
      "under its own agreement: the " +
      policy.name + " does not apply, and there is no deadline.";
  if (output == Output::kText) return message + "\n";
  std::string out;
  append_json(out, [&message](FieldSink& sink) {
    sink.boolean("reseller", true);
    sink.boolean("sla_applies", false);
    sink.null("deadline");
    sink.text("message", message);
  });
  return out + "\n";
}

// Writes one due/check result in the chosen output, or through `format` if not null.
void write_result(const Options& options, const Context& ctx, Output output,
                  const OutputTemplate* format, const Result& r, bool check, std::ostream& out) {
  Record record;
  record.set = check ? FieldSet::kCheck : FieldSet::kDue;
  record.result = &r;
  const BusinessClock& clock = ctx.engine.clock(r.ticket.version, r.calendar);
  std::vector<DayTrace> trace;
  if (options.explain) {
    date::sys_seconds end = r.deadline;
    if (check && r.check) end = std::min(r.ticket.responded.value_or(r.check->now), r.deadline);
    trace = PausedClock(clock, r.pauses).trace(r.measured_from(), end);
    record.trace = &trace;
    record.trace_zone = &clock.zone();
  }
  const Zone& display = ctx.display(r.ticket.version);
  const TextStyle style{&ctx.engine.policy_zone(r.ticket.version), &display,
                        output == Output::kText && color_wanted(options.color)};
  RecordWriter writer(output, record.set, format, style);
  std::string text;
  writer.begin(text);
  writer.write(text, record, display);
  writer.end(text, 1);
  out << text;
}

}  // namespace

int run_ticket(const Options& options, Context& ctx, std::ostream& out) {
  const bool check = options.command == "check";
  const Output output = parse_output(options.output, kTicketOutputs);
  // Parsed before the ticket is read, so that a bad template is the error reported.
  std::optional<OutputTemplate> format;
  if (options.format) {
    format = OutputTemplate::parse(*options.format, check ? FieldSet::kCheck : FieldSet::kDue);
  }
  const date::sys_seconds now = check ? ctx.time(options.now, "--now") : ctx.now;
  Ticket ticket = read_ticket(options, ctx, now);
  double warn = check ? parse_warn(options.warn) : 75.0;
  if (!ctx.engine.covered(ticket)) {
    out << reseller_text(output, ctx.engine.policy(ticket.version));
    return 0;
  }
  // For due, the state at now gives the text its relative phrase; JSON and CSV leave it out.
  std::optional<Result> r = ctx.engine.evaluate(ticket, now, warn);
  if (!r) throw InputError(ctx.engine.no_deadline_message(ticket));
  write_result(options, ctx, output, format ? &*format : nullptr, *r, check, out);
  Status s = r->check->status;
  return check && (s == Status::kBreached || s == Status::kMissed) ? 1 : 0;
}

namespace {

int run_batch_command(const Options& options, std::istream& in, std::ostream& out,
                      std::ostream& err) {
  Context ctx(options);
  BatchSettings settings;
  settings.engine = &ctx.engine;
  settings.display = ctx.tz ? &*ctx.tz : nullptr;
  settings.now = ctx.time(options.now, "--now");
  settings.warn_percent = parse_warn(options.warn);
  settings.only = options.only.value_or("");
  settings.summary = options.summary;
  settings.read = ctx.read_options(options, {});
  settings.columns = options.columns;
  if (options.delimiter) settings.delimiter = parse_delimiter(*options.delimiter);
  settings.output =
      options.output.empty() ? Output::kCsv : parse_output(options.output, kTicketOutputs);
  std::optional<OutputTemplate> format;
  if (options.format) format = OutputTemplate::parse(*options.format, FieldSet::kBatch);
  settings.format = format ? &*format : nullptr;
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.emplace_back("-");
  return run_batch(inputs, settings, in, out, err);
}

}  // namespace

int run_command(const Options& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (options.command == "batch") return run_batch_command(options, in, out, err);
  if (options.command == "policy") return run_policy(options, out, err);
  if (options.command == "holidays") return run_holidays(options, out);
  Context ctx(options);  // due and check
  return run_ticket(options, ctx, out);
}

}  // namespace sla
