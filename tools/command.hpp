// tented-contract: what the subcommands share. main.cpp dispatches; each verb lives in its own
// file and registers itself with an add_<verb>() function declared here.
#ifndef TENTED_CONTRACT_TOOLS_COMMAND_HPP
#define TENTED_CONTRACT_TOOLS_COMMAND_HPP

#include <tented/contract/detail/nearest.hpp>
#include <tented/contract/output.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/shard.hpp>

#include <CLI/CLI.hpp>

#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tented::contract {
class input_units;
struct unit_result;
} // namespace tented::contract

namespace tented::contract::cli {

/// Exit statuses, the same for every verb.
inline constexpr int exit_ok = 0;        ///< nothing wrong
inline constexpr int exit_findings = 1;  ///< contract errors (or a corpus case that did not match)
inline constexpr int exit_usage = 2;     ///< usage, unreadable input, output that could not be written
inline constexpr int exit_deadline = 3;  ///< a deadline came before the run's stop condition

/// A registered subcommand: its CLI11 app, and what runs when the command line names it.
struct verb
{
    CLI::App* command;
    std::function<int()> run;
};

/// The number of threads `--jobs` defaults to: the machine's cores (1 when it cannot tell).
std::size_t default_jobs();

/** What every checking verb shares: how to check (the `options`) and how to report. The
    defaults are those of `options{}`, so the CLI and the library cannot drift apart. */
struct check_settings
{
    /// `--disable`, `--warning` and `--error` as given, in order: (option, rule id). A later one
    /// naming a rule wins, as a compiler's later -W option does.
    std::vector<std::pair<std::string, std::string>> rule_flags;
    bool werror = false;
    std::int64_t max_items = options{}.max_items;
    std::size_t max_bytes = options{}.max_bytes;
    std::size_t max_depth = options{}.max_depth;
    std::size_t max_findings = options{}.max_findings;
    std::string format = "text";
    std::string output;
    std::string color = "auto";
    bool jsonl = false;
    std::optional<std::size_t> shard_index, shard_count;
    std::size_t jobs = default_jobs();

    /// The options these settings say. Throws `std::invalid_argument` for an unknown rule id.
    options to_options() const;

    /** The shard of the run: the flags', else the environment's (`shard_from_flags`); none for a
        whole run. Throws `shard_error` (exit 2) for one that cannot be. */
    std::optional<shard> to_shard() const { return shard_from_flags(shard_index, shard_count); }
};

/// A decimal whole number from `min` to `max`: CLI11 alone reads "-1" into an unsigned option
/// as 2^64-1 and "" as 0, and both would lift a limit in silence.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

/** One of `names`, exactly: else "expected WHAT (a, b or c), got "x"; did you mean 'y'?", the
    nearest name suggested as git and clang do. */
CLI::Validator one_of(std::vector<std::string> names, const std::string& what);

/// The largest count an option takes: an integer of the contract is at most 2^53-1.
inline constexpr std::uint64_t max_count = (std::uint64_t{1} << 53) - 1;
/// The largest size an option takes: what a reader can still add one byte to.
inline constexpr std::uint64_t max_size = std::uint64_t{1} << 62;

/// Adds the rule options: `--disable`, `--warning`, `--error`, `--werror`, `--max-items`.
void add_rule_options(CLI::App& cmd, check_settings& s);

/// Adds the report options: `--format`, `--output`, `--color`.
void add_report_options(CLI::App& cmd, check_settings& s);

/// Adds the rule, limit and report options of `validate`, `replay` (and every checking verb).
void add_check_options(CLI::App& cmd, check_settings& s);

/// Adds `--shard-index` and `--shard-count` (each needs the other) to `validate`, `replay` and
/// `corpus`: the verbs whose cases can be dealt across machines.
void add_shard_options(CLI::App& cmd, check_settings& s);
/// Adds `-j,--jobs N`: how many threads check inputs (default: the machine's cores).
void add_jobs_option(CLI::App& cmd, std::size_t& jobs);

/** Runs the units of a run on `jobs` threads (oneTBB's `parallel_pipeline`: units made in input
    order, checked in parallel, emitted by `emit` in input order), so the output is the same for
    any `jobs`; `jobs` 1 runs them in this thread (`run_in_order`). */
void run_units(input_units& units, std::size_t jobs, const std::function<void(unit_result&)>& emit);

/// Calls `f(i)` for each `i` below `n` on `jobs` threads (oneTBB's `parallel_for`), in this
/// thread alone when `jobs` is 1: for work whose results are kept by index and written in order.
void for_each_index(std::size_t n, std::size_t jobs, const std::function<void(std::size_t)>& f);

/// For the SIGBUS handler: mends the mapped payload this thread reads when another program cut
/// it (see `detail::patch_truncated_mapping`); false for any other bus error. Async-signal-safe.
bool patch_truncated_input(const void* address) noexcept;

/** Has the folder `folder` (null: none) removed if it is still empty when Ctrl-C, SIGTERM or
    SIGHUP ends the process: a recording folder this run made, which must not be left empty for
    the next replay to find (one that holds a snapshot stays). `folder` must stay valid until it
    is cleared. A signal the caller ignores (`nohup`) stays ignored. */
void remove_if_empty_on_ending_signals(const char* folder);

/** While `on`, the first Ctrl-C, SIGTERM or SIGHUP is only noted (`ending_signal`), for a verb
    that then ends its run itself, its report whole; a second one ends the process at once, as
    the signal would (removing what `remove_on_ending_signals` and
    `remove_if_empty_on_ending_signals` name). A signal the caller ignores stays ignored. */
void defer_ending_signals(bool on);

/// The signal noted while `defer_ending_signals` was on (SIGINT, SIGTERM, SIGHUP), or 0.
int ending_signal() noexcept;

/** Milliseconds of the monotonic clock at its coarse tick (CLOCK_MONOTONIC_COARSE, a few ms):
    for a check made once a record, where reading the exact clock costs far more (26 ns against
    4 on a virtual machine's kvm-clock, 2.6 ms of a 100,000-record log's serial output stage). */
std::int64_t coarse_milliseconds() noexcept;

/** `bytes` in decimal kilobytes or megabytes, to two or three figures: "0.4 kB", "310 kB",
    "4.2 MB", "112 MB". A run of small records is slow in bytes, and whole megabytes showed it
    as 0. */
std::string decimal_size(double bytes);

/** A progress line on standard error for long runs: files done (of how many, when known),
    payloads checked, megabytes read and the rate, redrawn at most a few times a second once a run has taken a
    second, and wiped at the end. Nothing at all when standard error is not a terminal, so logs
    and CI output never hold one, nor when `hidden` (the report shares the terminal and is not
    written in whole lines, which the line's redraw would wipe). */
class progress_line
{
public:
    explicit progress_line(std::string verb, bool hidden = false);
    ~progress_line();
    progress_line(const progress_line&) = delete;
    progress_line& operator=(const progress_line&) = delete;

    /// Counts `inputs_done` more inputs (files), `reports` more payloads checked and `bytes` more
    /// bytes, of `inputs` listed in all.
    void add(std::size_t inputs_done, std::size_t reports, std::size_t bytes, std::size_t inputs);
    /// Wipes the line, so that a report printed to the same terminal starts on a clean line.
    void clear();

private:
    std::string verb_;
    bool enabled_;
    bool shown_ = false;
    std::size_t done_ = 0, reports_ = 0, bytes_ = 0;
    std::chrono::steady_clock::time_point start_, last_;
};

/** A stream buffer that writes through another and keeps the errno of the first write that
    failed: a stream that failed makes no further call that could say why, and "cannot write the
    output" should. Standard output is written through one (`keep_output_reasons`), and so is an
    `--output` file. */
class reason_keeping_buffer : public std::streambuf
{
public:
    /// Writes through `to` from now on.
    void write_to(std::streambuf* to) noexcept { to_ = to; }
    /// The reason the first failed write gave (strerror), or empty when none failed or it gave none.
    std::string reason() const;

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

private:
    template <class Write, class Failed>
    auto noting(Write write, Failed failed);

    std::streambuf* to_ = nullptr;
    int error_ = 0;
};

/// Makes standard output write through a `reason_keeping_buffer`; called once, first, by main.
void keep_output_reasons();

/// Whether a file to write at `path` is written in place rather than beside it and renamed over
/// it: a name of an open descriptor (`/dev/stderr`, `/dev/fd/N`), a FIFO or a device (renaming
/// would replace the node, or the shell's file).
bool written_in_place(const std::string& path);

/// How a file written in place (`written_in_place`) is opened: a descriptor's file appended to,
/// as the shell's own; a FIFO or a device truncated, as `>` opens it.
std::ios::openmode in_place_mode(const std::string& path);

/** Standard output, or the `--output` file. The file is written under a hidden temporary name
    beside it (`aside_name`) and renamed over FILE by
    `commit()`, once every input has been read: no input is emptied before it is read, and a run
    that ends early leaves any earlier report whole. Through a symbolic link the file it names is
    replaced; a FIFO, a device (`/dev/null`) or a name of an open descriptor (`/dev/stderr`) is
    written in place, never replaced (`written_in_place`); `/dev/stdout` is standard output
    itself, as `-` is. Throws `std::runtime_error` naming FILE when the file cannot be opened. */
class output_target
{
public:
    explicit output_target(const std::string& path);
    ~output_target();
    output_target(const output_target&) = delete;
    output_target& operator=(const output_target&) = delete;

    std::ostream& stream() noexcept { return *out_; }
    /// True when the output is standard output and that is a terminal.
    bool terminal() const noexcept;
    /// Flushes, and renames the file into place; false, with a message, when that failed.
    bool commit();
    /// Whether `path` is the file being written, before it is renamed into place.
    bool writes_to(const std::string& path) const;
    /// Whether `path` is, by any path, the file the report will replace (one that existed when
    /// the output was opened): then an input as well, reached where the refusals at the start
    /// could not see it (a link in a walked folder).
    bool replaces(const std::string& path) const;
    /// Drops what was written: the file it was to replace stays as it was.
    void discard();
    /// The output's name as given.
    const std::string& name() const noexcept { return path_; }

private:
    std::string path_;         ///< as given, for messages
    std::string final_, temp_; ///< a regular file's place, and where it is written until commit
                               ///< (removed if SIGINT, SIGTERM or SIGHUP ends the run first)
    std::ofstream file_;
    reason_keeping_buffer file_buffer_; ///< writes through file_'s buffer
    std::ostream file_stream_{&file_buffer_};
    std::ostream* out_;
    std::optional<std::pair<dev_t, ino_t>> replaced_; ///< the file final_ names, when there is one
};

/** Where a checking verb's reports go: the `--format` writer over standard output or the
    `--output` file, and the run's summary. Throws `std::runtime_error` naming the file when
    `--output` cannot be opened. */
class report_output
{
public:
    report_output(const check_settings& s, const options& opts, std::string command);

    /// One more input's report, written at once (JUnit: kept for the end, whose counts come
    /// first) and flushed when it holds findings or a tenth of a second has passed since the
    /// last flush: a reader of a pipe sees each finding as it is found, and a log of a million
    /// valid records costs no million writes.
    void add(const sourced_report& r);

    /** Ends the run: writes what the format writes at the end, `errors` (inputs that could not
        be checked) and `unfinished` (why the run stopped before its goal) among it
        (`run_summary::input_errors`, `run_summary::unfinished`), then `errors` on standard error.
        Returns the exit status: 2 for such errors or an output that could not be written, 1 for
        contract errors, 3 for a run `unfinished`, else 0. */
    int finish(const std::vector<std::string>& errors, const std::string& unfinished = {});

    /// One more file a folder walk passed over: counted in the summary, unless it is this
    /// report's own file being written.
    void skip(skipped_input k);

    /// Says in the summary that the run is shard `s` of a larger one.
    void sharded(const shard& s) { summary_.shard_index = s.index, summary_.shard_count = s.count; }

    const run_summary& summary() const noexcept { return summary_; }

    /// Whether the report goes to a terminal in pieces of lines (`--format json` or `sarif` on
    /// standard output): a progress line on the same screen would wipe them.
    bool written_in_pieces_on_terminal() const noexcept { return pieces_ && target_.terminal(); }

private:
    output_target target_;
    std::unique_ptr<report_writer> writer_;
    bool streamed_ = false; // a format written as the run goes (all but JUnit)
    bool pieces_ = false;   // a format whose writes are not whole lines (JSON, SARIF)
    std::int64_t flushed_ = coarse_milliseconds(); // when the stream was last flushed
    run_summary summary_;
    std::string last_source_; // the last input compared with the file the report replaces
    std::string overwritten_; // the input that is that file, if one was
};

/** What is wrong when no argument is given ("no command given (commands: ...)") or the first is
    no verb of `verbs` ("'validat' is not a command; did you mean 'validate'?"), or an empty
    string: CLI11 would only say that a subcommand is required or the arguments not expected. */
template <std::size_t N>
std::string unknown_verb(int argc, char** argv, const verb (&verbs)[N])
{
    std::vector<std::string> names;
    for (const auto& v : verbs) names.push_back(v.command->get_name());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    if (argc < 2) return "no command given (commands: " + list + "; --help says more)";
    if (argv[1][0] == '-' || std::find(names.begin(), names.end(), argv[1]) != names.end()) return {};
    return "'" + std::string(argv[1]) + "' is not a command" + detail::did_you_mean(argv[1], names) + " (commands: " + list + ")";
}

/** `"; did you mean '--format'?"` when CLI11 refused arguments it did not expect (`e`) and the
    first of them that is an option (`--name` or `--name=value`) is a typo of an option of the
    command given (of the tool when none was): the nearest; else an empty string. */
inline std::string unknown_option_hint(const CLI::App& app, const CLI::Error& e)
{
    if (dynamic_cast<const CLI::ExtrasError*>(&e) == nullptr) return {};
    const CLI::App* command = &app;
    for (const CLI::App* given : app.get_subcommands()) command = given;
    std::vector<std::string> names;
    for (const CLI::Option* o : command->get_options())
        for (const auto& name : o->get_lnames()) names.push_back("--" + name);
    for (const auto& arg : app.remaining(true))
        if (arg.rfind("--", 0) == 0) return detail::did_you_mean(arg.substr(0, arg.find('=')), names);
    return {};
}

/// Prints `message` on standard error as the tool's own (`tented-contract: ...`), escaped.
void say(const std::string& message);

/// A failed write to `where` (a path, or standard output), worded as a failed open is:
/// `WHERE: cannot write (REASON)`, or without the parentheses when `reason` is empty.
std::string write_failure(const std::string& where, const std::string& reason);

/** The file a write to `path` replaces: `path`, or through a symbolic link (a chain of them) the
    file it names, even one not there yet. The link itself is kept. */
std::filesystem::path replaced_file(const std::string& path);

/// Gives `aside` the permissions of the regular file `replaced` it is about to be renamed over,
/// if there is one: a file kept private (0600) stays so when it is written again.
void keep_permissions(const std::string& replaced, const std::string& aside);

/** The hidden name beside `target` (the file `path` names, `replaced_file`) that a file is
    written under before it is renamed over it, whole: `.NAME.partial-PID`, which no folder walk
    reads, or `.tented-contract.partial-PID` when that would pass the 255 bytes a name may
    have. Throws `std::runtime_error` (`write_failure`) when `target` is a folder, which no file
    can be renamed over: said before anything is done, not once the run is over. */
std::string aside_name(const std::string& path, const std::filesystem::path& target);

/// Runs `verb`, which writes files (`import`, `watch --record`): a file or folder it cannot
/// write (`std::filesystem::filesystem_error`) is said as `write_failure` words it, exit 2.
int writing_files(const std::function<int()>& verb);

/** Why the file `written` (named `shown` in the message: `--output r.json`, `standard output`)
    must not be written: it is one of `inputs` (the same file by any path, through links as it is
    written; `-`, standard input, is the file it is redirected from), or it is in a folder of
    `inputs` (one not there yet judged by its name) under a name a walk reads (`.json`,
    `.jsonl`, `.ndjson`, `.har`; any name with `every_name`, for a run that reads every file of
    its folders, as `corpus` reads `.expect` files). Such a file, if it exists, may be a payload
    as well as an earlier report (`rule` ends that message); if it does not, the next run of the
    same command would read it as an input. `role` says what the run does with the folders of
    `inputs` ("checks", "serves", "records into"). Nothing when `written` is empty or clashes
    with no input. */
std::optional<std::string> overwritten_input(const std::string& shown, const std::string& written,
                                             const std::vector<std::string>& inputs, const std::string& rule,
                                             const std::string& role = "checks", bool every_name = false);

/// Says why the report file `output` (standard output when empty, if that is redirected to a
/// file) must not be written over one of `inputs` (`overwritten_input`, with `role`, `rule` and
/// `every_name`) and returns true, when it must not.
bool refuses_output(const std::string& output, const std::vector<std::string>& inputs,
                    const std::string& role = "checks", const std::string& rule = "a report never overwrites what it checks",
                    bool every_name = false);

/** Why `token` cannot be the bearer token a verb sends or expects, or an empty string when it
    can: it must be RFC 6750 section 2.1's `b64token` (letters, digits, `-._~+/`, then `=`
    padding); with `searched` (watch hides it in every report), also at least
    `shortest_searched_token` characters, since hiding a short one ("test", "e") would cut
    pieces out of the reports themselves. Never quotes the token. */
std::string bearer_token_problem(const std::string& token, bool searched);

inline constexpr std::size_t shortest_searched_token = 12;

/** Flushes standard output; false, with a message, when it could not be written (a full disk,
    a closed descriptor): a report that never arrived must not pass for a clean one. */
bool output_written();

verb add_validate(CLI::App& app);
verb add_replay(CLI::App& app);
verb add_corpus(CLI::App& app);
verb add_import(CLI::App& app);
verb add_rules(CLI::App& app);
verb add_generate(CLI::App& app);
verb add_schema(CLI::App& app);
verb add_serve(CLI::App& app);
verb add_watch(CLI::App& app);

} // namespace tented::contract::cli

#endif
