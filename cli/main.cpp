// The tactful command: parses arguments, reads files, prints. All judgement
// lives in the library.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "tactful/tactful.hpp"
#include "tactful/transcript.hpp"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

constexpr std::string_view kUsage = R"(usage: tactful <command> [options]

Lints customer-support replies for the habits of empathetic service.

commands:
  check [FILE...|-]   check drafts (standard input when no FILE or '-')
  rules               list the rules
  explain RULE        print a rule's rationale and examples
  audit [INPUT...|-]  audit past replies: JSON Lines, CSV, helpdesk exports, mbox
  test-rules          run every rule's examples (for pack authors)

Run 'tactful <command> --help' for a command's options.
Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, rule-file or input error.
)";

void error(const std::string& msg) { fmt::print(stderr, "tactful: error: {}\n", msg); }
void warn(const std::string& msg) { fmt::print(stderr, "tactful: warning: {}\n", msg); }

// Writes to standard output; a closed pipe ends the program quietly.
void emit(std::string_view s) {
  if (s.empty()) return;
  if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0) {
    if (errno == EPIPE) std::_Exit(kExitOk);
    error(fmt::format("cannot write the output: {}", std::strerror(errno)));
    std::_Exit(kExitError);
  }
}

// Reads a whole file (or standard input for "-"), refusing more than `limit` bytes.
tactful::Result<std::string> read_input(const std::string& path, std::size_t limit) {
  auto fail = [&](std::string msg) {
    tactful::Error e;
    e.code = tactful::ErrorCode::io;
    e.file = path == "-" ? "<stdin>" : path;
    e.message = std::move(msg);
    return tl::unexpected(e);
  };
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return fail(std::strerror(errno));
  std::string data;
  if (f != stdin) {  // read into one allocation of the file's size
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) data.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(size, limit)) + 1);
  }
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    data.append(buf, n);
    if (data.size() > limit) {
      if (f != stdin) std::fclose(f);
      auto e = fail(fmt::format("larger than the limit of {} bytes (see --max-bytes)", limit));
      e.value().code = tactful::ErrorCode::input_too_large;
      return e;
    }
  }
  const bool bad = std::ferror(f);
  const int err = errno;
  if (f != stdin) std::fclose(f);
  if (bad) return fail(err == EISDIR ? "is a directory" : std::strerror(err));
  return data;
}

po::options_description pack_options() {
  po::options_description d("rule packs");
  d.add_options()
    ("rules", po::value<std::vector<std::string>>()->composing(), "add the rule pack in DIR (repeatable)")
    ("no-default-rules", "do not load the embedded default pack");
  return d;
}

tactful::Result<tactful::RuleSet> load_rules(const po::variables_map& vm) {
  const bool defaults = !vm.count("no-default-rules");
  if (defaults && !vm.count("rules")) return tactful::RuleSet::builtin();
  tactful::RuleSetBuilder b;
  if (defaults) {
    if (auto r = b.add_builtin(); !r) return tl::unexpected(r.error());
  }
  if (vm.count("rules")) {
    for (const auto& dir : vm["rules"].as<std::vector<std::string>>()) {
      if (auto r = b.add_directory(dir); !r) return tl::unexpected(r.error());
    }
  }
  return b.build();
}

// Parses a command's options (with --help and the rule-pack options added).
// Returns the exit status when the command is done already: --help was
// printed, or the arguments were wrong.
// `positional` names the operands (files, a rule id), kept out of the help.
std::optional<int> parse(int argc, char** argv, po::options_description& opts, const char* positional,
                         po::variables_map& vm) {
  opts.add_options()("help,h", "show this help");
  opts.add(pack_options());
  po::options_description all;
  all.add(opts);
  po::positional_options_description pos;
  if (positional) {
    all.add_options()(positional, po::value<std::vector<std::string>>());
    pos.add(positional, -1);
  }
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    error(e.what());
    return kExitError;
  }
  if (vm.count("help")) {
    std::ostringstream ss;
    ss << opts;
    emit(ss.str());
    return kExitOk;
  }
  return std::nullopt;
}

int cmd_check(int argc, char** argv) {
  po::options_description opts("tactful check [options] [FILE...|-]\n\nChecks drafts and reports findings like a compiler.\n\noptions");
  opts.add_options()
    ("context,c", po::value<std::string>(), "the customer's message the draft answers")
    ("customer-name", po::value<std::string>(), "the customer's name")
    ("format,f", po::value<std::string>()->default_value("text"), "output format: text | json")
    ("fail-on", po::value<std::string>()->default_value("warning"), "exit 1 on findings at or above: error | warning | suggestion | never")
    ("color", po::value<std::string>()->default_value("auto"), "colour: auto | always | never (NO_COLOR turns auto off)")
    ("max-bytes", po::value<std::size_t>()->default_value(std::size_t{10} << 20), "refuse drafts larger than this")
    ("as", po::value<std::string>()->default_value("auto"),
     "what the files are: draft | transcript (Agent:/Customer: lines or a JSON array of turns) | "
     "email (a MIME message, .eml) | html | auto")
    ("evidence", po::bool_switch(), "also show which rule set each signal and customer fact, and where");
  po::variables_map vm;
  if (auto done = parse(argc, argv, opts, "files", vm)) return *done;
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") return error(fmt::format("unknown --format '{}' (text, json)", format)), kExitError;
  const std::string fail_on = vm["fail-on"].as<std::string>();
  std::optional<tactful::Severity> threshold;
  if (fail_on != "never") {
    threshold = tactful::parse_severity(fail_on);
    if (!threshold || *threshold == tactful::Severity::info) {
      return error(fmt::format("unknown --fail-on '{}' (error, warning, suggestion, never)", fail_on)), kExitError;
    }
  }
  const std::string color_opt = vm["color"].as<std::string>();
  if (color_opt != "auto" && color_opt != "always" && color_opt != "never") {
    return error(fmt::format("unknown --color '{}' (auto, always, never)", color_opt)), kExitError;
  }
  const bool color = color_opt == "always" ||
                     (color_opt == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  const std::size_t max_bytes = vm["max-bytes"].as<std::size_t>();
  const std::string as = vm["as"].as<std::string>();
  if (as != "auto" && as != "draft" && as != "transcript" && as != "email" && as != "html") {
    return error(fmt::format("unknown --as '{}' (draft, transcript, email, html, auto)", as)), kExitError;
  }

  std::vector<std::string> files = vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.empty()) {
    if (isatty(STDIN_FILENO)) return error("no drafts given: name files, or '-' for standard input (see --help)"), kExitError;
    files.push_back("-");
  }

  auto rules = load_rules(vm);
  if (!rules) return error(rules.error().to_string()), kExitError;
  std::string context;
  if (vm.count("context")) {
    auto c = read_input(vm["context"].as<std::string>(), max_bytes);
    if (!c) return error(c.error().to_string()), kExitError;
    context = std::move(*c);
  }
  const std::string name = vm.count("customer-name") ? vm["customer-name"].as<std::string>() : std::string();

  tactful::Checker checker(*rules, tactful::CheckOptions{max_bytes});
  const bool evidence = vm["evidence"].as<bool>();
  const tactful::TextFormatter text(color, evidence);
  const tactful::JsonFormatter json(evidence);
  int status = kExitOk;
  bool failed_input = false;
  std::ostringstream out;
  if (format == "json") json.begin(out);
  // Prints one report and raises the exit status for its findings.
  auto report_one = [&](const tactful::Report& r, std::string_view checked) {
    for (const auto& f : r.findings) {
      if (threshold && f.severity >= *threshold) status = kExitFindings;
    }
    if (format == "json") {
      json.add(out, r);
    } else {
      text.write(out, r, checked);
    }
  };
  // A draft that could not be checked: its error names the draft, or the context file.
  auto check_failed = [&](tactful::Error e, const std::string& source) {
    if (e.file == "context") e.file = vm["context"].as<std::string>();
    else if (e.file.empty()) e.file = source;
    error(e.to_string());
    failed_input = true;
  };
  for (const auto& file : files) {
    auto data = read_input(file, max_bytes);
    const std::string source = file == "-" ? "<stdin>" : file;
    if (!data) {
      error(data.error().to_string());
      failed_input = true;
      continue;
    }
    // A mail message or an HTML body: check the text the agent wrote.
    const std::string ext = std::filesystem::path(file).extension().string();
    const bool email = as == "email" || (as == "auto" && (ext == ".eml" || tactful::looks_like_email(*data)));
    const bool html = !email && (as == "html" || (as == "auto" && (ext == ".html" || ext == ".htm" ||
                                                                    tactful::looks_like_html(*data))));
    if (email || html) {
      std::string body;
      std::optional<std::size_t> offset;
      std::string to = name;
      if (email) {
        auto mail = tactful::read_email(*data);
        if (!mail) {
          error(fmt::format("{}: {}", source, mail.error().message));
          failed_input = true;
          continue;
        }
        body = std::move(mail->body);
        offset = mail->body_offset;
        if (to.empty()) to = mail->to_name;  // the reply's addressee is the customer
      } else {
        body = tactful::html_to_text(*data);
      }
      auto report = checker.check({body, context, to, source});
      if (!report) {
        check_failed(report.error(), source);
        continue;
      }
      if (offset) tactful::relocate(*report, *data, *offset);
      report_one(*report, offset ? std::string_view(*data) : std::string_view(body));
      emit(out.str());
      out.str("");
      continue;
    }
    // A chat transcript: one report per agent turn.
    std::optional<std::vector<tactful::Turn>> turns;
    bool json_turns = false;
    if (as != "draft") {
      const auto first = data->find_first_not_of(" \t\r\n");
      if (first != std::string::npos && (*data)[first] == '[') {
        auto parsed = tactful::parse_transcript_json(*data);
        if (parsed) {
          turns = std::move(*parsed), json_turns = true;
        } else if (as == "transcript") {  // a JSON array that is not one: say why once
          check_failed(parsed.error(), source);
          continue;
        }
      }
      if (!turns) turns = tactful::parse_transcript(*data);
      if (!turns && as == "transcript") {
        error(fmt::format("{}: not a transcript (no 'Agent:' and 'Customer:' turns)", source));
        failed_input = true;
        continue;
      }
    }
    if (turns) {
      if (vm.count("context")) {
        warn(fmt::format("{}: --context is not used for a transcript: its customer turns are the context", source));
      }
      auto reports = tactful::check_transcript(checker, *data, *turns, source, name);
      if (!reports) {
        error(reports.error().to_string());
        failed_input = true;
        continue;
      }
      for (const auto& tr : *reports) {
        report_one(tr.report, json_turns ? std::string_view((*turns)[tr.turn].text) : std::string_view(*data));
      }
      emit(out.str());
      out.str("");
      continue;
    }
    auto report = checker.check({*data, context, name, source});
    if (!report) {
      check_failed(report.error(), source);
      continue;
    }
    report_one(*report, *data);
    emit(out.str());
    out.str("");
  }
  if (format == "json") json.end(out);
  emit(out.str());
  return failed_input ? kExitError : status;
}

int cmd_rules(int argc, char** argv) {
  po::options_description opts("tactful rules [options]\n\nLists the rules: id, habit, severity, message.\n\noptions");
  po::variables_map vm;
  if (auto done = parse(argc, argv, opts, nullptr, vm)) return *done;
  auto rules = load_rules(vm);
  if (!rules) return error(rules.error().to_string()), kExitError;
  std::ostringstream out;
  tactful::write_rule_list(out, *rules);
  emit(out.str());
  return kExitOk;
}

int cmd_explain(int argc, char** argv) {
  po::options_description opts("tactful explain RULE [options]\n\nPrints a rule's rationale and examples.\n\noptions");
  po::variables_map vm;
  if (auto done = parse(argc, argv, opts, "rule", vm)) return *done;
  if (!vm.count("rule") || vm["rule"].as<std::vector<std::string>>().size() != 1) {
    return error("explain needs one rule id (see 'tactful rules')"), kExitError;
  }
  auto rules = load_rules(vm);
  if (!rules) return error(rules.error().to_string()), kExitError;
  const auto id = vm["rule"].as<std::vector<std::string>>().front();
  const tactful::RuleInfo* r = rules->find(id);
  if (!r) return error(fmt::format("no rule '{}' (see 'tactful rules')", id)), kExitError;
  std::ostringstream out;
  tactful::write_rule_explanation(out, *r);
  emit(out.str());
  return kExitOk;
}

// "reply=body,agent=author_name" -> {{"reply", "body"}, {"agent", "author_name"}}.
std::optional<tactful::ColumnMap> parse_map(const std::vector<std::string>& specs) {
  static const std::vector<std::string> kFields = {"id",    "reply",   "customer", "customer_name",
                                                   "agent", "channel", "ticket",   "created_at"};
  tactful::ColumnMap map;
  for (const auto& spec : specs) {
    std::size_t at = 0;
    while (at <= spec.size()) {
      std::size_t end = spec.find(',', at);
      if (end == std::string::npos) end = spec.size();
      const std::string item = spec.substr(at, end - at);
      const std::size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == item.size() ||
          std::find(kFields.begin(), kFields.end(), item.substr(0, eq)) == kFields.end()) {
        error(fmt::format("bad --map '{}': expected FIELD=COLUMN, FIELD one of id, reply, customer, customer_name, "
                          "agent, channel, ticket, created_at", item));
        return std::nullopt;
      }
      map.emplace_back(item.substr(0, eq), item.substr(eq + 1));
      at = end + 1;
    }
  }
  return map;
}

// The input format from the option, or from the file name (".csv", ".json",
// with or without ".gz"); JSON Lines otherwise.
std::string input_format(const std::string& option, const std::string& path) {
  if (option != "auto") return option;
  std::filesystem::path p(path);
  if (p.extension() == ".gz") p = p.stem();
  const std::string ext = p.extension().string();
  if (ext == ".csv") return "csv";
  if (ext == ".json") return "helpdesk";
  if (ext == ".mbox" || ext == ".mbx") return "mbox";
  return "jsonl";
}

int cmd_audit(int argc, char** argv) {
  po::options_description opts(
      "tactful audit [options] [INPUT...|-]\n\nChecks every reply of an export; one output record per input record.\n"
      "Inputs may be gzip-compressed.\n\noptions");
  opts.add_options()
    ("input-format", po::value<std::string>()->default_value("auto"),
     "jsonl | csv | helpdesk (Zendesk or Freshdesk tickets) | mbox | auto (by file name: .csv, .json, .mbox; else jsonl)")
    ("agent-from", po::value<std::string>()->default_value(""),
     "mbox: the agents' address or domain (\"@example.com\"); other messages are the customers'")
    ("map", po::value<std::vector<std::string>>()->composing(), "CSV columns: FIELD=COLUMN[,...], e.g. reply=body,agent=author")
    ("format,f", po::value<std::string>(), "output: jsonl | summary (default: summary on a terminal, else jsonl)")
    ("csv", po::value<std::string>(), "also write one row per reply to this CSV file")
    ("html", po::value<std::string>(), "also write a report page to this HTML file (self-contained)")
    ("jobs,j", po::value<std::size_t>()->default_value(0), "threads (0: all cores)")
    ("fail-on-error", "exit 1 when any record could not be checked")
    ("no-progress", "no progress line on standard error (shown on a terminal)")
    ("max-bytes", po::value<std::size_t>()->default_value(std::size_t{10} << 20), "largest reply checked");
  po::variables_map vm;
  if (auto done = parse(argc, argv, opts, "inputs", vm)) return *done;
  const std::string in_format = vm["input-format"].as<std::string>();
  if (in_format != "auto" && in_format != "jsonl" && in_format != "csv" && in_format != "helpdesk" && in_format != "mbox") {
    return error(fmt::format("unknown --input-format '{}' (jsonl, csv, helpdesk, mbox, auto)", in_format)), kExitError;
  }
  const std::string format = vm.count("format") ? vm["format"].as<std::string>()
                                                : (isatty(STDOUT_FILENO) ? "summary" : "jsonl");
  if (format != "jsonl" && format != "summary") {
    return error(fmt::format("unknown --format '{}' (jsonl, summary)", format)), kExitError;
  }
  auto map = parse_map(vm.count("map") ? vm["map"].as<std::vector<std::string>>() : std::vector<std::string>{});
  if (!map) return kExitError;
  std::ofstream csv;
  if (vm.count("csv")) {
    csv.open(vm["csv"].as<std::string>(), std::ios::binary);
    if (!csv) return error(fmt::format("{}: {}", vm["csv"].as<std::string>(), std::strerror(errno))), kExitError;
    csv << tactful::audit_csv_header();
  }
  std::vector<std::string> inputs =
      vm.count("inputs") ? vm["inputs"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  auto rules = load_rules(vm);
  if (!rules) return error(rules.error().to_string()), kExitError;
  const std::size_t max_bytes = vm["max-bytes"].as<std::size_t>();
  tactful::Checker checker(*rules, tactful::CheckOptions{.max_bytes = max_bytes, .batch = true});

  std::size_t records = 0, results = 0, errors = 0;
  bool unreadable = false;
  tactful::AuditSummary summary;
  const bool want_html = vm.count("html") > 0;
  // A progress line on standard error when it is a terminal: records, MB/s, ETA.
  const bool progress = isatty(STDERR_FILENO) && !vm.count("no-progress");
  const auto started = std::chrono::steady_clock::now();
  auto last_shown = started;
  std::uint64_t done_before = 0;  // bytes of the inputs already finished
  std::string out;
  for (const auto& input : inputs) {
    const std::string name = input == "-" ? "<stdin>" : input;
    auto in = tactful::open_input(input);
    if (!in) {
      error(in.error().to_string());
      unreadable = true;
      continue;
    }
    std::uint64_t size = 0;  // of the input file, for the ETA
    if (input != "-") {
      std::error_code ec;
      size = std::filesystem::file_size(input, ec);
      if (ec) size = 0;
    }
    std::unique_ptr<tactful::RecordReader> reader;
    const std::string kind = input_format(in_format, input);
    if (kind == "csv") reader = std::make_unique<tactful::CsvReader>(**in, *map, max_bytes);
    else if (kind == "helpdesk") reader = std::make_unique<tactful::HelpdeskReader>(**in, max_bytes * 64);
    else if (kind == "mbox") reader = std::make_unique<tactful::MboxReader>(**in, vm["agent-from"].as<std::string>(), max_bytes);
    else reader = std::make_unique<tactful::JsonlReader>(**in, max_bytes);
    try {
      tactful::run_audit(*reader, checker, vm["jobs"].as<std::size_t>(), name, [&](tactful::Audited& a) {
        ++records;
        summary.add(a);  // first: the thread checks may add a finding (a repeated answer)
        if (a.error.empty()) {
          ++results;
          if (format == "jsonl") {
            out += tactful::audit_result_json(a.report, a.record);
            out += '\n';
          }
        } else {
          ++errors;
          if (format == "jsonl") {
            out += tactful::audit_error_json(name, a.number, a.record.id, a.error);
            out += '\n';
          }
        }
        if (csv.is_open()) csv << tactful::audit_csv_row(a);
        if (out.size() > (1 << 16)) {
          emit(out);
          out.clear();
        }
        if (progress && (records & 255) == 0) {
          const auto now = std::chrono::steady_clock::now();
          if (now - last_shown < std::chrono::milliseconds(200)) return;
          last_shown = now;
          const double secs = std::chrono::duration<double>(now - started).count();
          const auto read = static_cast<double>(done_before + tactful::stream_consumed(**in));
          std::string line = fmt::format("\r{}: {} records, {:.1f} MB/s", name, records, read / 1e6 / secs);
          if (size > 0 && read > 0) {
            const double left = secs * (static_cast<double>(size) - read) / read;
            line += fmt::format(", {:.0f}%, about {:.0f} s left", 100.0 * read / static_cast<double>(size), left);
          }
          fmt::print(stderr, "{}\033[K", line);
        }
      });
    } catch (const std::exception& e) {  // the input stream failed: a read error or corrupt gzip
      error(fmt::format("{}: read error after record {}: {}", name, reader->record_number(), e.what()));
      unreadable = true;
    }
    done_before += tactful::stream_consumed(**in);
    if (progress) fmt::print(stderr, "\r\033[K");
    if ((*in)->bad()) {
      const std::string why = tactful::stream_error(**in);
      error(fmt::format("{}: read error after record {}{}", name, reader->record_number(), why.empty() ? "" : ": " + why));
      unreadable = true;
    }
  }
  emit(out);
  summary.finish();
  if (format == "summary") {
    std::ostringstream ss;
    summary.write(ss);
    emit(ss.str());
  }
  if (want_html) {
    const std::string path = vm["html"].as<std::string>();
    std::ofstream html(path, std::ios::binary);
    std::string title;
    for (const auto& i : inputs) title += (title.empty() ? "" : ", ") + (i == "-" ? std::string("<stdin>") : i);
    if (html) summary.write_html(html, title);
    if (!html || !html.flush()) {
      error(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
      unreadable = true;
    }
  }
  if (csv.is_open() && !csv.flush()) {
    error(fmt::format("{}: cannot write", vm["csv"].as<std::string>()));
    unreadable = true;
  }
  fmt::print(stderr, "tactful audit: {} records in = {} results + {} errors\n", records, results, errors);
  if (unreadable) return kExitError;
  return errors > 0 && vm.count("fail-on-error") ? kExitFindings : kExitOk;
}

int cmd_test_rules(int argc, char** argv) {
  po::options_description opts(
      "tactful test-rules [options]\n\nRuns every rule's examples; exit 1 when one misbehaves.\n\noptions");
  po::variables_map vm;
  if (auto done = parse(argc, argv, opts, nullptr, vm)) return *done;
  auto rules = load_rules(vm);
  if (!rules) return error(rules.error().to_string()), kExitError;
  const auto failures = tactful::check_examples(*rules);
  std::string out;
  for (const auto& f : failures) out += fmt::format("{}:{}: rule '{}': {}\n", f.file, f.line, f.rule, f.message);
  std::size_t examples = 0;
  for (const auto& r : rules->rules()) examples += r.examples.size();
  out += fmt::format("{} rules, {} examples, {} failures\n", rules->rules().size(), examples, failures.size());
  emit(out);
  return failures.empty() ? kExitOk : kExitFindings;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    fmt::print(stderr, "{}", kUsage);
    return kExitError;
  }
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    emit(kUsage);
    return kExitOk;
  }
  if (cmd == "--version" || cmd == "-V") {
    emit(fmt::format("tactful {}\n", tactful::version()));
    return kExitOk;
  }
  try {
    if (cmd == "check") return cmd_check(argc - 1, argv + 1);
    if (cmd == "rules") return cmd_rules(argc - 1, argv + 1);
    if (cmd == "explain") return cmd_explain(argc - 1, argv + 1);
    if (cmd == "test-rules") return cmd_test_rules(argc - 1, argv + 1);
    if (cmd == "audit") return cmd_audit(argc - 1, argv + 1);
  } catch (const std::exception& e) {
    error(e.what());
    return kExitError;
  }
  error(fmt::format("unknown command '{}'\n\n{}", cmd, kUsage));
  return kExitError;
}
