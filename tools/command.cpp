// tented-contract: the options, output and messages every verb shares (command.hpp).
#include "command.hpp"

#include <algorithm>

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace tented::contract::cli {

namespace {

/// Whether `path` names this process's standard output through the system's names for its
/// descriptor 1: written through that very descriptor, as `-` is, its offset is shared with the
/// shell's (`( tool --output /dev/stdout; echo after ) > log`, `>> log`).
bool names_standard_output(const std::string& path)
{
    return path == "/dev/stdout" || path == "/dev/fd/1" || path == "/proc/self/fd/1";
}

/// Whether `path` names an open descriptor (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
/// `/proc/self/fd/N`): the file behind it is the shell's, to append to, never truncated or
/// replaced.
bool names_descriptor(const std::string& path)
{
    return path == "/dev/stdout" || path == "/dev/stderr" || path.rfind("/dev/fd/", 0) == 0 ||
           path.rfind("/proc/self/fd/", 0) == 0;
}

} // namespace

std::ios::openmode in_place_mode(const std::string& path)
{
    return std::ios::binary | (names_descriptor(path) ? std::ios::app : std::ios::trunc);
}

bool written_in_place(const std::string& path)
{
    std::error_code ec;
    const auto what = std::filesystem::status(path, ec);
    return names_descriptor(path) ||
           (std::filesystem::exists(what) && !std::filesystem::is_regular_file(what) && !std::filesystem::is_directory(what));
}

options check_settings::to_options() const
{
    options o;
    for (const auto& [flag, id] : rule_flags) {
        if (flag == "--disable") o.disable(id);
        else o.set_severity(id, flag == "--warning" ? severity::warning : severity::error);
    }
    o.warnings_as_errors = werror;
    o.max_items = max_items;
    o.max_bytes = max_bytes;
    o.max_depth = max_depth;
    o.max_findings = max_findings;
    return o;
}

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max)
{
    const auto range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    return CLI::Validator(
        [=](std::string& s) -> std::string {
            errno = 0;
            const bool digits = !s.empty() && s.size() <= 20 && s.find_first_not_of("0123456789") == std::string::npos;
            const auto v = digits ? std::strtoull(s.c_str(), nullptr, 10) : 0;
            if (!digits || errno == ERANGE || v < min || v > max) return "expected " + range + ", got \"" + s + '"';
            return {};
        },
        "INT in [" + std::to_string(min) + " - " + std::to_string(max) + "]");
}

CLI::Validator one_of(std::vector<std::string> names, const std::string& what)
{
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    auto type = names.front();
    for (std::size_t i = 1; i < names.size(); ++i) type += '|' + names[i];
    return CLI::Validator(
        [names = std::move(names), what, list](std::string& s) -> std::string {
            if (std::find(names.begin(), names.end(), s) != names.end()) return {};
            return "expected " + what + " (" + list + "), got \"" + s + '"' + detail::did_you_mean(s, names);
        },
        type);
}

void add_rule_options(CLI::App& cmd, check_settings& s)
{
    // One id per occurrence (else the option would swallow the paths that follow), recorded as it
    // is read: the order of the three options decides which one of them naming a rule wins.
    const auto rule_flag = [&](const std::string& flag, const std::string& help) {
        cmd.add_option_function<std::string>(
               flag, [&s, flag](const std::string& id) { s.rule_flags.emplace_back(flag, id); }, help)
            ->type_name("RULE")
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->trigger_on_parse();
    };
    rule_flag("--disable", "Turn rule RULE off (repeatable; the last of --disable, --warning, --error naming it wins)");
    rule_flag("--warning", "Report rule RULE as a warning (repeatable)");
    rule_flag("--error", "Report rule RULE as an error (repeatable)");
    cmd.add_flag("--werror", s.werror, "Report every warning as an error (unless set by --warning)");
    cmd.add_option("--max-items", s.max_items, "Upper bound of total for limits/total (default 25)")
        ->check(whole_number(0, max_count));
}

void add_report_options(CLI::App& cmd, check_settings& s)
{
    cmd.add_option("--format", s.format,
                   "Output: text (compiler style), json, junit (JUnit XML), sarif (SARIF 2.1.0) or github "
                   "(GitHub Actions annotations)")
        ->check(one_of({"text", "json", "junit", "sarif", "github"}, "an output format"));
    // "-" is standard output, as for every tool that takes a file to write (curl -o -).
    cmd.add_option("--output", s.output, "Write the report to FILE instead of standard output (- is standard output)")
        ->transform(CLI::Validator(
            [](std::string& f) {
                if (f.empty()) return std::string("expected a file name, or - for standard output");
                if (f == "-" || names_standard_output(f)) f.clear();
                return std::string();
            },
            "FILE"));
    cmd.add_option("--color", s.color, "Colour the text output: auto (a terminal without NO_COLOR), always, never")
        ->check(one_of({"auto", "always", "never"}, "a colour setting"));
}

void add_check_options(CLI::App& cmd, check_settings& s)
{
    add_rule_options(cmd, s);
    cmd.add_option("--max-bytes", s.max_bytes, "Refuse inputs larger than N bytes: json/too-large (default 64 MiB)")
        ->check(whole_number(0, max_size));
    // The parser recurses once per level: past max_safe_depth a hostile input could overflow the stack.
    cmd.add_option("--max-depth", s.max_depth, "Refuse nesting deeper than N: json/depth (default 64, at most 1000)")
        ->check(whole_number(0, max_safe_depth));
    cmd.add_option("--max-findings", s.max_findings, "Keep at most N findings an input; count the rest (default 10000)")
        ->check(whole_number(1, max_size));
    add_report_options(cmd, s);
}

void add_shard_options(CLI::App& cmd, check_settings& s)
{
    auto* index = cmd.add_option("--shard-index", s.shard_index,
                                 "Check only shard I (from 0) of --shard-count: the cases sorted by id, dealt "
                                 "round-robin (else TEST_SHARD_INDEX, then GTEST_SHARD_INDEX)")
                      ->type_name("I")
                      ->check(whole_number(0, max_count));
    auto* count = cmd.add_option("--shard-count", s.shard_count,
                                 "Split the cases into N shards (else TEST_TOTAL_SHARDS, then GTEST_TOTAL_SHARDS)")
                      ->type_name("N")
                      ->check(whole_number(1, max_count));
    index->needs(count);
    count->needs(index);
}

std::size_t default_jobs()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

void add_jobs_option(CLI::App& cmd, std::size_t& jobs)
{
    cmd.add_option("-j,--jobs", jobs, "Check on N threads (default: the number of cores); the output is the same for any N")
        ->check(whole_number(1, 1024));
}

std::string decimal_size(double bytes)
{
    // Chosen by the figure as it prints: 999,950 bytes is 1.0 MB, not 1000 kB; 9,960 is 10 kB.
    const bool mega = bytes >= 999.5e3;
    const double figure = bytes / (mega ? 1e6 : 1e3);
    char text[32];
    std::snprintf(text, sizeof text, figure < 9.95 ? "%.1f %s" : "%.0f %s", figure, mega ? "MB" : "kB");
    return text;
}

progress_line::progress_line(std::string verb, bool hidden)
    : verb_(std::move(verb)), enabled_(!hidden && isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()), last_(start_)
{
}

progress_line::~progress_line() { clear(); }

void progress_line::add(std::size_t inputs_done, std::size_t reports, std::size_t bytes, std::size_t inputs)
{
    done_ += inputs_done;
    reports_ += reports;
    bytes_ += bytes;
    if (!enabled_) return;
    using namespace std::chrono_literals;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < 1s || now - last_ < 200ms) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double read = static_cast<double>(bytes_);
    char line[160];
    std::snprintf(line, sizeof line, "\r\033[K%s: %zu of %zu %s, %zu %s, %s, %s/s", verb_.c_str(), done_, inputs,
                  inputs == 1 ? "file" : "files", reports_, reports_ == 1 ? "payload" : "payloads",
                  decimal_size(read).c_str(), decimal_size(read / seconds).c_str());
    std::fputs(line, stderr);
    std::fflush(stderr);
    shown_ = true;
}

void progress_line::clear()
{
    if (!shown_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    shown_ = false;
}

namespace {

/// NO_COLOR set to a non-empty value turns colour off (no-color.org).
bool no_color()
{
    const char* v = std::getenv("NO_COLOR");
    return v && *v;
}

} // namespace

template <class Write, class Failed>
auto reason_keeping_buffer::noting(Write write, Failed failed)
{
    const int before = errno;
    errno = 0;
    const auto result = write();
    if (failed(result) && error_ == 0) error_ = errno;
    errno = before;
    return result;
}

std::string reason_keeping_buffer::reason() const { return error_ ? std::strerror(error_) : std::string(); }

reason_keeping_buffer::int_type reason_keeping_buffer::overflow(int_type c)
{
    if (traits_type::eq_int_type(c, traits_type::eof())) return sync() == 0 ? traits_type::not_eof(c) : c;
    return noting([&] { return to_->sputc(traits_type::to_char_type(c)); },
                  [](int_type r) { return traits_type::eq_int_type(r, traits_type::eof()); });
}

std::streamsize reason_keeping_buffer::xsputn(const char* s, std::streamsize n)
{
    return noting([&] { return to_->sputn(s, n); }, [n](std::streamsize written) { return written < n; });
}

int reason_keeping_buffer::sync()
{
    return noting([&] { return to_->pubsync(); }, [](int r) { return r != 0; });
}

namespace {

reason_keeping_buffer& standard_output()
{
    static reason_keeping_buffer buffer;
    return buffer;
}

/// `reason`, unless the failing call just made (errno) gave one of its own.
std::string reason_now_or(const std::string& reason) { return errno ? std::strerror(errno) : reason; }

} // namespace

std::string write_failure(const std::string& where, const std::string& reason)
{
    return where + ": cannot write" + (reason.empty() ? std::string() : " (" + reason + ")");
}

void keep_permissions(const std::string& replaced, const std::string& aside)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(replaced, ec);
    if (!ec && fs::is_regular_file(status)) fs::permissions(aside, status.permissions(), ec);
}

std::filesystem::path replaced_file(const std::string& path)
{
    namespace fs = std::filesystem;
    constexpr int longest_chain = 40; // Linux's own limit on links followed in one path
    std::error_code ec;
    fs::path p(path);
    for (int hop = 0; hop < longest_chain && fs::is_symlink(fs::symlink_status(p, ec)); ++hop) {
        const auto target = fs::read_symlink(p, ec);
        if (ec) break;
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    return p;
}

std::string aside_name(const std::string& path, const std::filesystem::path& target)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(target, ec)) throw std::runtime_error(write_failure(path, std::strerror(EISDIR)));
    const auto pid = std::to_string(getpid());
    auto name = "." + target.filename().string() + ".partial-" + pid;
    constexpr std::size_t longest_name = 255; // NAME_MAX of Linux's file systems
    if (name.size() > longest_name) name = ".tented-contract.partial-" + pid;
    return (target.parent_path() / name).string();
}

namespace {

// What `remove_then_end` removes: the `--output` file being written aside, and a recording
// folder made by this run (removed only while empty).
const char* volatile aside_being_written = nullptr;
const char* volatile folder_being_filled = nullptr;
// `defer_ending_signals`: the first signal is noted in `deferred`, not acted on.
volatile std::sig_atomic_t deferring = 0, deferred = 0;
constexpr int ending_signals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction ending_actions[std::size(ending_signals)]; // as they were before
bool ending_handled = false;                              // remove_then_end is installed

// A run ended by Ctrl-C or `kill` leaves the file it was to replace as it was, no hidden partial
// file beside it and no empty recording folder (rmdir removes none that holds a snapshot); then
// the signal ends the process as it would have.
extern "C" void remove_then_end(int signal)
{
    if (deferring != 0 && deferred == 0) {
        deferred = signal;
        return;
    }
    if (const char* path = aside_being_written) ::unlink(path);
    if (const char* folder = folder_being_filled) ::rmdir(folder);
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

// Installs `remove_then_end` for `ending_signals` while there is something to remove, and puts
// back what was there when there is nothing; a signal the caller ignores (as `nohup` has SIGHUP
// ignored) stays ignored.
void handle_ending_signals()
{
    const bool wanted = aside_being_written != nullptr || folder_being_filled != nullptr || deferring != 0;
    if (wanted == ending_handled) return;
    ending_handled = wanted;
    for (std::size_t i = 0; i < std::size(ending_signals); ++i) {
        if (!wanted) {
            ::sigaction(ending_signals[i], &ending_actions[i], nullptr);
            continue;
        }
        ::sigaction(ending_signals[i], nullptr, &ending_actions[i]);
        if (ending_actions[i].sa_handler == SIG_IGN) continue;
        struct sigaction remove = {};
        remove.sa_handler = remove_then_end;
        ::sigaction(ending_signals[i], &remove, nullptr);
    }
}

// Has `path` (null: none) removed if one of `ending_signals` comes.
void remove_on_ending_signals(const char* path)
{
    aside_being_written = path;
    handle_ending_signals();
}

} // namespace

void remove_if_empty_on_ending_signals(const char* folder)
{
    folder_being_filled = folder;
    handle_ending_signals();
}

void defer_ending_signals(bool on)
{
    deferring = on ? 1 : 0;
    handle_ending_signals();
}

int ending_signal() noexcept
{
    return deferred;
}

std::int64_t coarse_milliseconds() noexcept
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return std::int64_t{now.tv_sec} * 1000 + now.tv_nsec / 1'000'000;
}

int writing_files(const std::function<int()>& verb)
{
    try {
        return verb();
    } catch (const std::filesystem::filesystem_error& e) {
        say(write_failure(e.path1().string(), e.code().message()));
        return exit_usage;
    }
}

void keep_output_reasons()
{
    standard_output().write_to(std::cout.rdbuf());
    std::cout.rdbuf(&standard_output());
}

output_target::output_target(const std::string& path) : path_(path), out_(&std::cout)
{
    if (path.empty()) return;
    if (written_in_place(path)) {
        file_.open(path, in_place_mode(path));
        if (!file_) throw std::runtime_error(write_failure(path, std::strerror(errno)));
        file_buffer_.write_to(file_.rdbuf());
        out_ = &file_stream_;
        return;
    }
    const auto target = replaced_file(path);
    final_ = target.string();
    if (struct stat st; ::stat(final_.c_str(), &st) == 0) replaced_.emplace(st.st_dev, st.st_ino);
    temp_ = aside_name(path, target);
    file_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!file_) throw std::runtime_error(write_failure(path, std::strerror(errno)));
    remove_on_ending_signals(temp_.c_str());
    file_buffer_.write_to(file_.rdbuf());
    out_ = &file_stream_;
}

output_target::~output_target()
{
    if (file_.is_open()) {
        file_.close();
        if (!temp_.empty()) std::remove(temp_.c_str());
    }
    if (!temp_.empty()) remove_on_ending_signals(nullptr);
}

bool output_target::terminal() const noexcept
{
    return !file_.is_open() && isatty(STDOUT_FILENO);
}

bool output_target::writes_to(const std::string& path) const
{
    std::error_code ec;
    return !temp_.empty() && std::filesystem::equivalent(path, temp_, ec);
}

bool output_target::replaces(const std::string& path) const
{
    struct stat st;
    return replaced_ && ::stat(path.c_str(), &st) == 0 && st.st_dev == replaced_->first && st.st_ino == replaced_->second;
}

void output_target::discard()
{
    if (!file_.is_open() || temp_.empty()) return;
    file_.close();
    std::remove(temp_.c_str());
}

bool output_target::commit()
{
    if (!file_.is_open()) return true;
    errno = 0;
    file_stream_.flush();
    const bool written = static_cast<bool>(file_stream_);
    file_.close();
    if (written && !file_.fail() && !temp_.empty()) keep_permissions(final_, temp_);
    if (written && !file_.fail() && (temp_.empty() || std::rename(temp_.c_str(), final_.c_str()) == 0)) return true;
    const auto reason = reason_now_or(file_buffer_.reason());
    say(write_failure(path_, reason));
    if (!temp_.empty()) std::remove(temp_.c_str());
    return false;
}

report_output::report_output(const check_settings& s, const options& opts, std::string command) : target_(s.output)
{
    writer_options w;
    w.color = s.color == "always" || (s.color == "auto" && target_.terminal() && !no_color());
    w.opts = opts;
    w.command = std::move(command);
    const auto format = *output_format_named(s.format);
    writer_ = make_report_writer(format, target_.stream(), w);
    streamed_ = format != output_format::junit;
    pieces_ = format == output_format::json || format == output_format::sarif;
}

void report_output::skip(skipped_input k)
{
    if (!target_.writes_to(k.path)) summary_.skipped.push_back(std::move(k));
}

void report_output::add(const sourced_report& r)
{
    // The records of a log share their source: one comparison a file.
    if (overwritten_.empty() && r.source != last_source_) {
        last_source_ = r.source;
        if (target_.replaces(r.source)) overwritten_ = r.source;
    }
    summary_.add(r.findings);
    writer_->add(r);
    // Findings are seen as they are found, as a compiler's are: a stream read as JSON Lines may
    // pause or never end, and a run stopped then must not lose what it found.
    if (!streamed_) return;
    const auto now = coarse_milliseconds();
    if (r.findings.diagnostics.empty() && now - flushed_ < 100) return;
    target_.stream().flush();
    flushed_ = now;
}

int report_output::finish(const std::vector<std::string>& input_errors, const std::string& unfinished)
{
    auto errors = input_errors;
    if (!overwritten_.empty()) {
        errors.push_back("--output " + target_.name() + " is the input " + overwritten_ +
                         ": a report never overwrites what the run reads (it is left as it was)");
        target_.discard();
    }
    const int status = !errors.empty()      ? exit_usage
                       : summary_.errors     ? exit_findings // contract errors say more than an unfinished run
                       : !unfinished.empty() ? exit_deadline
                                             : exit_ok;
    summary_.input_errors = errors;
    summary_.unfinished = unfinished;
    writer_->finish(summary_, status);
    for (const auto& e : errors) say(e);
    return target_.commit() ? status : exit_usage;
}

std::optional<std::string> overwritten_input(const std::string& shown, const std::string& written,
                                             const std::vector<std::string>& inputs, const std::string& rule,
                                             const std::string& role, bool every_name)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (written.empty()) return std::nullopt;
    // Through links, as the file is written (a link not yet pointing at a file included).
    const auto target = replaced_file(written);
    const bool exists = fs::exists(target, ec);
    // Made absolute first: the canonical form of a bare name not yet written stays relative
    // (nothing of it exists to resolve), and would compare with no folder.
    const auto place = fs::weakly_canonical(fs::absolute(target, ec), ec);
    const bool walked_name = every_name || detail::checked_name(place.filename().string());
    const auto clash = [&](const std::string& why) { return shown + " " + why; };
    for (const auto& p : inputs) {
        // Standard input redirected from a file (`< c.json`) is that file: /dev/stdin names it. A
        // device or pipe there (/dev/null in CI) is no file a report could write over.
        if (p == "-") {
            if (exists && fs::is_regular_file("/dev/stdin", ec) && fs::equivalent("/dev/stdin", target, ec))
                return clash("is the file standard input reads: " + rule);
            continue;
        }
        if (exists && fs::equivalent(p, target, ec)) return clash("is the input " + p + ": " + rule);
        // A folder not there yet (a recording's, made by this run) is judged by its name alone.
        if (!walked_name || (fs::exists(p, ec) && !fs::is_directory(p, ec))) continue;
        const auto below = place.lexically_relative(fs::weakly_canonical(fs::absolute(p, ec), ec));
        if (below.empty() || *below.begin() == "..") continue;
        const auto folder = "a file of the folder " + p + ", which this run " + role;
        if (exists) return clash("is " + folder + ": " + rule);
        // Not there yet, it would be read as an input by the next run of the same command.
        if (every_name) return clash("would be " + folder + ": put it outside " + p);
        return clash("would be " + folder +
                     ", and the next run would read it too: give it a name a folder walk passes over (not .json, "
                     ".jsonl, .ndjson or .har), or put it outside " + p);
    }
    return std::nullopt;
}

bool refuses_output(const std::string& output, const std::vector<std::string>& inputs, const std::string& role,
                    const std::string& rule, bool every_name)
{
    // A report to standard output redirected to a file (`> report.json`, `>> c.json`) is written
    // into that file: judged as --output would be, as cat judges "input file is output file".
    std::error_code ec;
    const bool into_file = output.empty() && std::filesystem::is_regular_file("/dev/stdout", ec);
    const auto clash = into_file ? overwritten_input("standard output", "/dev/stdout", inputs, rule, role, every_name)
                                 : overwritten_input("--output " + output, output, inputs, rule, role, every_name);
    if (clash) say(*clash);
    return clash.has_value();
}

void say(const std::string& message)
{
    std::cerr << "tented-contract: " << printable(message) << '\n';
}

std::string bearer_token_problem(const std::string& token, bool searched)
{
    const auto b64 = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
               c == '_' || c == '~' || c == '+' || c == '/';
    };
    const auto padding = token.find_last_not_of('=') + 1;
    if (token.empty() || padding == 0 || !std::all_of(token.begin(), token.begin() + static_cast<std::ptrdiff_t>(padding), b64))
        return "the token is not an RFC 6750 bearer token (letters, digits and - . _ ~ + /, then = padding)";
    if (searched && token.size() < shortest_searched_token)
        return "the token has fewer than " + std::to_string(shortest_searched_token) +
               " characters: every report is searched for it, and hiding so short a text would cut pieces out of them";
    return {};
}

bool output_written()
{
    errno = 0;
    std::cout.flush();
    if (std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
    const auto reason = reason_now_or(standard_output().reason());
    say(write_failure("standard output", reason));
    return false;
}

} // namespace tented::contract::cli
