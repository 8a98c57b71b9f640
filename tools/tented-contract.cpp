// tented-contract: the command-line front end of the kit. Every subcommand is a thin client of
// the library: it reads inputs, calls validate / sequence_checker / replay_case, and prints.
#include <tented/contract.hpp>
#include <tented/contract/corpus.hpp>
#include <tented/contract/import.hpp>
#include <tented/contract/replay.hpp>
#include <tented/contract/testing/rapidcheck.hpp>

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/color.h>
#include <fmt/core.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <new>
#include <optional>
#include <string>
#include <vector>

namespace tc = tented::contract;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_findings = 1;
constexpr int exit_usage = 2;

/// What every checking subcommand shares: how to check and how to print.
struct settings
{
    std::vector<std::string> disable, warning, error;
    bool werror = false;
    std::int64_t max_items = 25;
    std::size_t max_bytes = std::size_t{64} << 20;
    std::size_t max_depth = 64;
    std::size_t max_findings = 10000;
    std::string format = "text";
    std::string color = "auto";
    bool jsonl = false;

    tc::options options() const
    {
        tc::options o;
        for (const auto& id : disable) o.disable(id);
        for (const auto& id : warning) o.set_severity(id, tc::severity::warning);
        for (const auto& id : error) o.set_severity(id, tc::severity::error);
        o.warnings_as_errors = werror;
        o.max_items = max_items;
        o.max_bytes = max_bytes;
        o.max_depth = max_depth;
        o.max_findings = max_findings;
        return o;
    }
};

/// A decimal whole number from `min` to `max`. CLI11 alone reads "-1" into an unsigned option as
/// 2^64-1 and "" as 0: both would lift a limit in silence.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max)
{
    const auto range = fmt::format("a whole number from {} to {}", min, max);
    return CLI::Validator(
        [=](std::string& s) -> std::string {
            errno = 0;
            const bool digits = !s.empty() && s.size() <= 20 && s.find_first_not_of("0123456789") == std::string::npos;
            const auto v = digits ? std::strtoull(s.c_str(), nullptr, 10) : 0;
            if (!digits || errno == ERANGE || v < min || v > max) return "expected " + range + ", got \"" + s + '"';
            return {};
        },
        fmt::format("INT in [{} - {}]", min, max));
}

// The largest limits the options take: a count is an integer of the contract (at most 2^53-1);
// a size, what a reader can add one byte to.
constexpr std::uint64_t max_count = (std::uint64_t{1} << 53) - 1;
constexpr std::uint64_t max_size = std::uint64_t{1} << 62;

void add_check_options(CLI::App& cmd, settings& s)
{
    // One id per occurrence: a vector option would otherwise swallow the paths that follow.
    cmd.add_option("--disable", s.disable, "Turn rule RULE off (repeatable)")->type_name("RULE")->allow_extra_args(false);
    cmd.add_option("--warning", s.warning, "Report rule RULE as a warning (repeatable)")->type_name("RULE")->allow_extra_args(false);
    cmd.add_option("--error", s.error, "Report rule RULE as an error (repeatable)")->type_name("RULE")->allow_extra_args(false);
    cmd.add_flag("--werror", s.werror, "Report every warning as an error (unless set by --warning)");
    cmd.add_option("--max-items", s.max_items, "Upper bound of total for limits/total (default 25)")
        ->check(whole_number(0, max_count));
    cmd.add_option("--max-bytes", s.max_bytes, "Refuse inputs larger than N bytes: json/too-large (default 64 MiB)")
        ->check(whole_number(0, max_size));
    // The parser recurses once per level: past max_safe_depth a hostile input could overflow the stack.
    cmd.add_option("--max-depth", s.max_depth, "Refuse nesting deeper than N: json/depth (default 64, at most 1000)")
        ->check(whole_number(0, tc::max_safe_depth));
    cmd.add_option("--max-findings", s.max_findings,
                   "Keep at most N findings an input; count the rest (default 10000)")
        ->check(whole_number(1, max_size));
    cmd.add_option("--format", s.format, "Output: text (compiler style) or json")
        ->check(CLI::IsMember({"text", "json"}));
    cmd.add_option("--color", s.color, "Colour the text output: auto (a terminal without NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

/// NO_COLOR set to a non-empty value turns colour off (no-color.org).
bool no_color()
{
    const char* v = std::getenv("NO_COLOR");
    return v && *v;
}

/// `s` as valid UTF-8: each byte outside a well-formed sequence becomes U+FFFD, so that the JSON
/// output stays JSON whatever bytes a file name holds (POSIX names are bytes, not text).
std::string valid_utf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n > 0 && i + n <= s.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok && n > 1) { // overlong forms, surrogates and code points past U+10FFFF are not UTF-8
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            ok = c >= 0xC2 && c <= 0xF4 && !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) &&
                 !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (ok) out.append(s.substr(i, n));
        else out += "\xEF\xBF\xBD";
        i += ok ? n : 1;
    }
    return out;
}

/// `s` with every control character (C0, DEL) written as an escape (`\n`, `\t`, `\x1b`): text
/// output is one finding a line, so a payload's string, pointer or file name must not be able
/// to start a line of its own or send escape codes to the terminal.
std::string printable(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7f) out += c;
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else out += fmt::format("\\x{:02x}", u);
    }
    return out;
}

/// Prints findings as they come (text) or at the end (JSON), and keeps the summary.
class printer
{
public:
    explicit printer(const settings& s)
        : json_(s.format == "json"),
          color_(s.color == "always" || (s.color == "auto" && isatty(STDOUT_FILENO) && !no_color()))
    {
    }

    void add(tc::sourced_report r)
    {
        ++inputs_;
        const auto errors = r.findings.count(tc::severity::error);
        errors_ += errors;
        warnings_ += r.findings.count(tc::severity::warning);
        (errors ? invalid_ : valid_) += 1;
        if (json_) results_.push_back(to_json(r));
        else print_text(r);
    }

    void add_all(std::vector<tc::sourced_report> rs)
    {
        for (auto& r : rs) add(std::move(r));
    }

    bool any_error() const noexcept { return errors_ > 0; }

    void finish()
    {
        if (json_) {
            json::object doc;
            doc["version"] = 1;
            doc["results"] = std::move(results_);
            doc["summary"] = {{"inputs", inputs_}, {"valid", valid_}, {"invalid", invalid_},
                              {"errors", errors_}, {"warnings", warnings_}};
            std::cout << json::serialize(doc) << '\n';
            return;
        }
        std::cout << fmt::format("{} {}, {} valid, {} invalid, {} {}, {} {}\n", inputs_,
                                 inputs_ == 1 ? "input" : "inputs", valid_, invalid_, errors_,
                                 errors_ == 1 ? "error" : "errors", warnings_,
                                 warnings_ == 1 ? "warning" : "warnings");
    }

private:
    static json::object to_json(const tc::sourced_report& r)
    {
        json::array diagnostics;
        for (const auto& d : r.findings.diagnostics) {
            json::object o;
            o["rule"] = d.rule;
            o["severity"] = std::string(tc::to_string(d.severity));
            o["pointer"] = valid_utf8(d.pointer);
            o["line"] = d.line == tc::unknown_position ? json::value(nullptr) : json::value(record_line(r, d));
            o["column"] = d.column == tc::unknown_position ? json::value(nullptr) : json::value(d.column);
            o["message"] = valid_utf8(d.message);
            diagnostics.push_back(std::move(o));
        }
        json::object o;
        o["source"] = valid_utf8(r.source);
        o["record"] = r.record ? json::value(*r.record) : json::value(nullptr);
        o["valid"] = r.findings.ok();
        o["diagnostics"] = std::move(diagnostics);
        if (r.findings.omitted() > 0) o["omitted"] = r.findings.omitted();
        return o;
    }

    // A JSON Lines record is one line: its findings are on that line of the file.
    static std::size_t record_line(const tc::sourced_report& r, const tc::diagnostic& d)
    {
        return r.record && !r.har_entry ? *r.record + d.line - 1 : d.line;
    }

    void print_text(const tc::sourced_report& r)
    {
        for (const auto& d : r.findings.diagnostics) {
            std::string where = printable(r.har_entry ? r.label() : r.source);
            if (d.line != tc::unknown_position) where += fmt::format(":{}:{}", record_line(r, d), d.column);
            const bool error = d.severity == tc::severity::error;
            const auto label = std::string(tc::to_string(d.severity)) + ":";
            const auto style = error ? fmt::fg(fmt::terminal_color::bright_red) : fmt::fg(fmt::terminal_color::bright_magenta);
            std::cout << (color_ ? fmt::format(fmt::emphasis::bold, "{}:", where) : where + ":") << ' '
                      << (color_ ? fmt::format(style | fmt::emphasis::bold, "{}", label) : label) << ' '
                      << printable(d.message);
            if (!d.pointer.empty()) std::cout << " (at " << printable(d.pointer) << ")";
            std::cout << " [" << d.rule << "]\n";
        }
        if (const auto n = r.findings.omitted(); n > 0)
            std::cout << printable(r.har_entry ? r.label() : r.source) << ": note: " << n << " more finding"
                      << (n == 1 ? "" : "s") << " not shown (" << r.findings.omitted_errors << " errors, "
                      << r.findings.omitted_warnings << " warnings; --max-findings raises the limit)\n";
    }

    bool json_;
    bool color_;
    json::array results_;
    std::size_t inputs_ = 0, valid_ = 0, invalid_ = 0, errors_ = 0, warnings_ = 0;
};

bool ends_with(const std::string& s, std::string_view tail)
{
    return s.size() >= tail.size() && std::string_view(s).substr(s.size() - tail.size()) == tail;
}

bool is_json_lines(const std::string& path, const settings& s)
{
    return s.jsonl || ends_with(path, ".jsonl") || ends_with(path, ".ndjson");
}

std::optional<std::string> read_stdin(std::size_t max_bytes)
{
    std::string text;
    char buf[1 << 16];
    std::size_t n;
    while (text.size() <= max_bytes && (n = std::fread(buf, 1, sizeof buf, stdin)) > 0) text.append(buf, n);
    if (std::ferror(stdin)) return std::nullopt;
    return text;
}

/// A payload name whose link leads nowhere readable: said, never skipped in silence.
std::string unresolvable_link(const fs::path& p)
{
    return p.string() + ": a symbolic link that loops or leads nowhere";
}

/// The files a folder holds for `validate`: recursively, `*.json`, `*.jsonl`, `*.ndjson`,
/// `*.har`, in name order; only regular files and links to them (a FIFO could block), and
/// symbolic links to folders are not followed (no loops).
std::vector<fs::path> files_below(const fs::path& dir, std::vector<std::string>& errors)
{
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!ends_with(name, ".json") && !ends_with(name, ".jsonl") && !ends_with(name, ".ndjson") && !ends_with(name, ".har"))
            continue;
        std::error_code type_ec;
        if (it->is_regular_file(type_ec)) files.push_back(it->path());
        else if (it->is_symlink(type_ec) && !fs::exists(it->path(), type_ec)) errors.push_back(unresolvable_link(it->path()));
    }
    if (ec) errors.push_back(dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

class checker
{
public:
    checker(const settings& s, tc::grouping g) : settings_(s), opts_(s.options()), grouping_(g), out_(s) {}

    int run(std::vector<std::string> paths)
    {
        if (paths.empty()) {
            if (isatty(STDIN_FILENO)) {
                std::cerr << "tented-contract: no input: give files or folders, or '-' for standard input\n";
                return exit_usage;
            }
            paths.push_back("-");
        }
        std::vector<std::string> sequence;
        for (const auto& p : paths) {
            if (grouping_ == tc::grouping::sequences && p != "-" && !is_json_lines(p, settings_) &&
                !ends_with(p, ".har") && !fs::is_directory(p)) {
                sequence.push_back(p);
                continue;
            }
            flush_sequence(sequence);
            input(p);
        }
        flush_sequence(sequence);
        out_.finish();
        for (const auto& e : errors_) std::cerr << "tented-contract: " << printable(e) << '\n';
        if (!errors_.empty()) return exit_usage;
        return out_.any_error() ? exit_findings : exit_ok;
    }

private:
    void input(const std::string& p)
    {
        if (p == "-") return text(read_stdin(opts_.max_bytes), "<stdin>", "<stdin>: read error");
        std::error_code ec;
        const auto status = fs::status(p, ec);
        if (ec || !fs::exists(status))
            return errors_.push_back(fs::is_symlink(fs::symlink_status(p, ec)) ? unresolvable_link(p)
                                                                                : p + ": no such file or folder");
        if (fs::is_directory(status)) {
            if (grouping_ == tc::grouping::sequences) return folder_sequence(p);
            for (const auto& f : files_below(p, errors_)) file(f.string());
            return;
        }
        file(p);
    }

    void file(const std::string& p)
    {
        std::string error;
        auto reports = tc::check_file(p, grouping_, opts_, error, settings_.jsonl);
        if (!reports) return errors_.push_back(error);
        out_.add_all(std::move(*reports));
    }

    void text(const std::optional<std::string>& content, const std::string& name, const std::string& error)
    {
        if (!content) return errors_.push_back(error);
        if (content->size() > opts_.max_bytes) { // a pipe cut past the limit: its real size is not known
            tc::sourced_report r;
            r.source = name;
            r.findings = tc::too_large(tc::unknown_position, opts_);
            return out_.add(std::move(r));
        }
        if (ends_with(name, ".har")) return out_.add_all(tc::check_har(*content, name, grouping_, opts_));
        if (is_json_lines(name, settings_)) return out_.add_all(tc::check_json_lines(*content, name, grouping_, opts_));
        tc::sourced_report r;
        r.source = name;
        r.findings = tc::validate(*content, opts_);
        out_.add(std::move(r));
    }

    // Every folder from `p` down that holds snapshots is one sequence (a folder of imported
    // jobs, or of corpus cases, replays each); logs and captures anywhere below are their own.
    void folder_sequence(const std::string& p)
    {
        std::vector<fs::path> folders{p};
        std::error_code ec;
        fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code type_ec;
            if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) folders.push_back(it->path());
        }
        std::sort(folders.begin() + 1, folders.end());
        for (const auto& folder : folders) out_.add_all(tc::check_sequence_folder(folder, opts_, errors_));
        for (const auto& f : files_below(p, errors_))
            if (ends_with(f.string(), ".har") || is_json_lines(f.string(), settings_)) file(f.string());
    }

    void flush_sequence(std::vector<std::string>& files)
    {
        if (files.empty()) return;
        tc::sequence_checker seq(opts_);
        for (const auto& f : files) {
            std::string error;
            std::size_t size = 0;
            auto content = tc::read_file(f, opts_.max_bytes, error, &size);
            if (!content) {
                errors_.push_back(error);
                continue;
            }
            tc::sourced_report r;
            r.source = f;
            r.findings = size > opts_.max_bytes ? tc::too_large(size, opts_) : seq.add(*content, f);
            out_.add(std::move(r));
        }
        files.clear();
    }

    const settings& settings_;
    tc::options opts_;
    tc::grouping grouping_;
    printer out_;
    std::vector<std::string> errors_;
};

int list_rules(const std::string& format)
{
    if (format == "json") {
        json::array rules;
        for (const auto& r : tc::catalogue())
            rules.push_back(json::object{{"rule", r.id}, {"severity", tc::to_string(r.default_severity)},
                                         {"summary", r.summary}, {"source", r.source}});
        std::cout << json::serialize(json::object{{"version", 1}, {"rules", std::move(rules)}}) << '\n';
        return exit_ok;
    }
    for (const auto& r : tc::catalogue())
        std::cout << fmt::format("{:<34} {:<8} {}\n", r.id, tc::to_string(r.default_severity), r.summary);
    return exit_ok;
}

/// What `generate` writes: valid payloads (optionally pinned), or violations of one rule.
struct generate_settings
{
    std::size_t count = 1;
    std::uint64_t seed = 0;
    std::string status;
    std::optional<std::size_t> items;
    std::string violate;
};

const std::map<std::string, tc::job_status>& job_status_names()
{
    static const std::map<std::string, tc::job_status> names = {
        {"accepted", tc::job_status::accepted}, {"running", tc::job_status::running},
        {"completed", tc::job_status::completed}, {"completed_with_failures", tc::job_status::completed_with_failures},
        {"failed", tc::job_status::failed}};
    return names;
}

/// Writes `count` payloads as JSON Lines, the same ones for the same seed: the kit's RapidCheck
/// generators driven by a random source seeded with `seed`, at RapidCheck's nominal size (100,
/// the generators' full range), one split of the source per payload.
int generate_payloads(const generate_settings& g)
{
    namespace tt = tc::testing;
    rc::Gen<std::string> gen = rc::gen::just(std::string());
    if (!g.violate.empty()) {
        const auto& v = tt::violation_for(g.violate); // an unknown id throws std::invalid_argument: exit 2
        gen = v.gen;
        if (v.opts.max_bytes != tc::options{}.max_bytes)
            std::cerr << "tented-contract: these payloads raise " << v.rule << " when checked with --max-bytes "
                      << v.opts.max_bytes << '\n';
    } else {
        tt::generation_options o;
        if (!g.status.empty()) o.status = job_status_names().at(g.status);
        o.items = g.items;
        gen = rc::gen::map(tt::gen_bulk_job(o), [](const tc::bulk_job& job) { return tc::to_json(job); });
    }
    rc::Random random(g.seed);
    for (std::size_t i = 0; i < g.count; ++i) std::cout << gen(random.split(), rc::kNominalSize).value() << '\n';
    return exit_ok;
}

std::string id_set(const std::vector<std::string>& ids)
{
    if (ids.empty()) return "{}";
    std::string s = "{";
    for (const auto& id : ids) s += (s.size() > 1 ? ", " : "") + id;
    return s + "}";
}

int replay_corpus(const std::vector<std::string>& roots, bool verbose)
{
    std::size_t passed = 0, failed = 0;
    for (const auto& root : roots) {
        std::vector<tc::corpus_case> cases;
        try {
            cases = tc::load_corpus(root);
        } catch (const tc::corpus_error& e) {
            std::cerr << "tented-contract: " << printable(e.what()) << '\n';
            return exit_usage;
        }
        for (const auto& c : cases) {
            const auto outcome = tc::replay_case(c);
            if (outcome.matches(c)) {
                ++passed;
                if (verbose) std::cout << "ok   " << printable(c.name) << ' ' << id_set(c.expected) << '\n';
                continue;
            }
            ++failed;
            std::cout << "FAIL " << printable(c.name) << ": expected " << id_set(c.expected) << ", raised "
                      << id_set(outcome.raised) << '\n';
            for (const auto& e : outcome.errors) std::cout << "     " << printable(e) << '\n';
            for (const auto& r : outcome.reports)
                for (const auto& d : r.findings.diagnostics)
                    std::cout << "     " << printable(r.label()) << ':' << d.line << ':' << d.column << ": "
                              << printable(d.message) << " [" << d.rule << "]\n";
        }
    }
    std::cout << "corpus: " << passed << " passed, " << failed << " failed\n";
    return failed ? exit_findings : exit_ok;
}

int import_capture(const std::string& har, const std::string& out_dir)
{
    std::string error;
    const auto content = tc::read_file(har, tc::options{}.max_bytes, error);
    if (!content) {
        std::cerr << "tented-contract: " << printable(error) << '\n';
        return exit_usage;
    }
    try {
        const auto result = tc::import_har(*content, out_dir);
        for (const auto& d : result.findings.diagnostics)
            std::cout << printable(har) << ": " << tc::to_string(d.severity) << ": " << printable(d.message) << " (at "
                      << printable(d.pointer) << ") [" << d.rule << "]\n";
        for (const auto& f : result.files) std::cout << "wrote " << printable(f.string()) << '\n';
        std::cout << fmt::format("{} {} of {} {} imported\n", result.files.size(),
                                 result.files.size() == 1 ? "snapshot" : "snapshots", result.folders.size(),
                                 result.folders.size() == 1 ? "job" : "jobs");
        return result.findings.ok() ? exit_ok : exit_findings;
    } catch (const std::exception& e) {
        std::cerr << "tented-contract: " << printable(e.what()) << '\n';
        return exit_usage;
    }
}

/// Flushes standard output; false, with a message, when it could not be written (a full disk,
/// a closed descriptor): a report that never arrived must not pass for a clean one.
bool output_written()
{
    errno = 0;
    std::cout.flush();
    if (std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
    std::cerr << "tented-contract: cannot write the output" << (errno ? std::string(": ") + std::strerror(errno) : "")
              << '\n';
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"tented-contract: check responses of GET /v1/bulk-jobs/{bulkJobId} against their contract"};
    app.set_version_flag("--version", std::string("tented-contract ") + tc::version);
    app.require_subcommand(1);

    settings check;
    std::vector<std::string> paths;
    auto* validate = app.add_subcommand("validate", "Check payloads: files, folders (recursive), - for stdin");
    validate->add_option("paths", paths, "Files (.json, .jsonl, .ndjson, .har), folders, or -");
    validate->add_flag("--jsonl", check.jsonl, "Read every input as JSON Lines (one payload a line)");
    add_check_options(*validate, check);

    auto* replay = app.add_subcommand("replay", "Check poll sequences: folders of snapshots, JSON Lines logs, HAR captures");
    replay->add_option("paths", paths, "Folders (one sequence each), .jsonl logs, .har captures, or .json files in order");
    replay->add_flag("--jsonl", check.jsonl, "Read files as JSON Lines logs");
    add_check_options(*replay, check);

    std::vector<std::string> roots;
    bool verbose = false;
    auto* corpus = app.add_subcommand("corpus", "Replay corpus folders against their expected findings");
    corpus->add_option("folders", roots, "Corpus roots (layout of corpus/README.md)")->required();
    corpus->add_flag("-v,--verbose", verbose, "List every case, not only mismatches");

    std::string har_path, out_dir;
    auto* import = app.add_subcommand("import", "Turn the bulk-job polls of a HAR capture into corpus sequence folders "
                                                "(only response bodies are written: no header, cookie or query string)");
    import->add_option("har", har_path, "The HAR 1.2 capture")->required();
    import->add_option("--out", out_dir, "The folder to write OUT/<job id>/001.json, ... into")
        ->required()
        ->check(CLI::Validator([](std::string& s) { return s.empty() ? std::string("expected a folder name") : std::string(); },
                               "FOLDER"));

    std::string rules_format = "text";
    auto* rules = app.add_subcommand("rules", "List every rule: id, severity, summary");
    rules->add_option("--format", rules_format, "text or json")->check(CLI::IsMember({"text", "json"}));

    generate_settings gen;
    auto* generate = app.add_subcommand("generate", "Write generated payloads as JSON Lines: valid ones, or ones that "
                                                    "raise one rule (the same payloads for the same --seed)");
    generate->add_option("--count", gen.count, "How many payloads (default 1)")->check(whole_number(0, max_count));
    generate->add_option("--seed", gen.seed, "Seed of the random source (default 0)")
        ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
    std::vector<std::string> status_names;
    for (const auto& [name, value] : job_status_names()) status_names.push_back(name);
    auto* gen_status = generate->add_option("--status", gen.status, "Job status of every valid payload")
                           ->check(CLI::IsMember(status_names));
    // A response holds 1 to 25 items (limits/total): more would not be a valid payload.
    auto* gen_items = generate->add_option("--items", gen.items, "Number of items of every valid payload (1 to 25)")
                          ->check(whole_number(1, 25));
    generate->add_option("--violate", gen.violate, "Write payloads that raise rule RULE (a rule of sections 1 to 8)")
        ->type_name("RULE")
        ->excludes(gen_status)
        ->excludes(gen_items);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    int status = exit_ok;
    try {
        if (*rules) status = list_rules(rules_format);
        else if (*generate) status = generate_payloads(gen);
        else if (*corpus) status = replay_corpus(roots, verbose);
        else if (*import) status = import_capture(har_path, out_dir);
        else status = checker(check, *replay ? tc::grouping::sequences : tc::grouping::alone).run(paths);
    } catch (const std::invalid_argument& e) {
        std::cerr << "tented-contract: " << printable(e.what()) << '\n';
        return exit_usage;
    } catch (const std::bad_alloc&) {
        std::cerr << "tented-contract: out of memory (a lower --max-bytes bounds what one input may take)\n";
        return exit_usage;
    } catch (const std::exception& e) {
        std::cerr << "tented-contract: " << printable(e.what()) << '\n';
        return exit_usage;
    }
    return output_written() ? status : exit_usage;
}
