// tented-contract watch: poll GET {base}/v1/bulk-jobs/{id} until the job is done, checking each
// snapshot alone and against the earlier ones as it arrives. The policy (waits, backoff,
// Retry-After, deadline, stop condition) is live/poller.hpp; this file adds HTTP (http_client),
// the token and its redaction, the report, the progress line and the recording.
#include "command.hpp"
#include "http_client.hpp"

#include <tented/contract/import.hpp>
#include <tented/contract/live/poller.hpp>
#include <tented/contract/live/redact.hpp>
#include <tented/contract/replay.hpp>
#include <tented/contract/sequence.hpp>

#include <boost/describe/enum_to_string.hpp>

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <streambuf>

namespace tented::contract::cli {

namespace {

namespace fs = std::filesystem;

struct watch_args
{
    std::string job_id;
    std::string base_url = "https://api.tented.ai";
    std::string token_env = "TENTED_API_KEY";
    std::string token_file;
    std::string ca_file;
    bool allow_http = false;
    std::string until = "terminal";
    live::milliseconds interval{2000};
    live::milliseconds max_interval{60000};
    live::milliseconds timeout{0}; // 0: no deadline
    live::milliseconds request_timeout{30000};
    std::size_t max_polls = 0; // 0: no limit
    std::size_t max_errors = 5;
    std::string record;
    check_settings check;
};

/// Holds each line until it is whole, then passes it on with the token hidden: a token cannot
/// reach the terminal or a log split across two writes.
class redacting_buffer final : public std::streambuf
{
public:
    redacting_buffer(std::streambuf* out, const live::redactor& hide) : out_(out), hide_(hide) {}
    ~redacting_buffer() override { flush_line(); }

    /// The buffer the lines go to.
    std::streambuf* target() const noexcept { return out_; }

protected:
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        put(traits_type::to_char_type(c));
        return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        for (std::streamsize i = 0; i < n; ++i) put(s[i]);
        return n;
    }
    // A flush passes on whole lines only (std::cerr flushes after every insertion).
    int sync() override { return out_->pubsync(); }

private:
    void put(char c)
    {
        line_ += c;
        if (c == '\n') flush_line();
    }
    void flush_line()
    {
        const auto text = hide_(line_);
        out_->sputn(text.data(), static_cast<std::streamsize>(text.size()));
        line_.clear();
    }

    std::streambuf* out_;
    const live::redactor& hide_;
    std::string line_;
};

/// Puts a redacting buffer in front of a stream for its own lifetime.
class redacted_stream
{
public:
    redacted_stream(std::ostream& s, const live::redactor& hide) : stream_(s), buffer_(s.rdbuf(), hide)
    {
        stream_.rdbuf(&buffer_);
    }
    ~redacted_stream() { stream_.rdbuf(buffer_.target()); } // then the buffer passes on what it holds
    redacted_stream(const redacted_stream&) = delete;
    redacted_stream& operator=(const redacted_stream&) = delete;

private:
    std::ostream& stream_;
    redacting_buffer buffer_;
};

/// Hides the token in every answer before anything reads it: a body, header or error that echoes
/// it is checked, printed and recorded without it.
class redacting_transport final : public live::transport
{
public:
    redacting_transport(live::transport& inner, const live::redactor& hide) : inner_(inner), hide_(hide) {}

    live::response get(live::milliseconds timeout) override
    {
        ++requests_;
        auto r = inner_.get(timeout);
        r.body = hide_(r.body);
        r.retry_after = hide_(r.retry_after);
        r.location = hide_(r.location);
        r.error = hide_(r.error);
        return r;
    }

    /// The requests made so far.
    std::size_t requests() const noexcept { return requests_; }

private:
    live::transport& inner_;
    const live::redactor& hide_;
    std::size_t requests_ = 0;
};

/// Thrown out of the poller when a signal is noted (`defer_ending_signals`): the run ends there.
struct interrupted
{
};

/// The real clock, whose waits end early, by `interrupted`, when a signal is noted.
class interruptible_clock final : public live::clock
{
public:
    live::milliseconds now() override { return clock_.now(); }
    std::int64_t wall_seconds() override { return clock_.wall_seconds(); }

    void sleep_for(live::milliseconds d) override
    {
        // In slices, a tenth of a second at most: std::this_thread::sleep_for sleeps on through a signal.
        const auto until = clock_.now() + d;
        for (auto left = d; left > live::milliseconds::zero(); left = until - clock_.now()) {
            if (ending_signal() != 0) throw interrupted{};
            clock_.sleep_for(std::min(left, live::milliseconds(100)));
        }
        if (ending_signal() != 0) throw interrupted{};
    }

private:
    live::real_clock clock_;
};

/// Notes Ctrl-C, SIGTERM and SIGHUP while it lives (`defer_ending_signals`).
struct deferred_ending_signals
{
    deferred_ending_signals() { defer_ending_signals(true); }
    ~deferred_ending_signals() { defer_ending_signals(false); }
    deferred_ending_signals(const deferred_ending_signals&) = delete;
    deferred_ending_signals& operator=(const deferred_ending_signals&) = delete;
};

std::string signal_name(int signal)
{
    return signal == SIGINT    ? "SIGINT"
           : signal == SIGTERM ? "SIGTERM"
           : signal == SIGHUP  ? "SIGHUP"
                               : "signal " + std::to_string(signal);
}

/// Writes each snapshot's body as `DIR/<job id>/001.json`, `002.json`, ...: a corpus sequence.
class recorder
{
public:
    /// Throws as `detail::make_sequence_folder` does (never overwrites).
    recorder(const fs::path& dir, const std::string& job_id)
        : folder_(dir / detail::safe_folder_name(job_id)), folder_text_(folder_.string())
    {
        made_ = detail::make_sequence_folder(folder_, "a recording");
        if (made_) remove_if_empty_on_ending_signals(folder_text_.c_str());
    }

    // A folder this run made and recorded nothing into (every poll failed, or a signal ended the
    // run first) is not left behind, where the next replay would find an empty recording.
    ~recorder()
    {
        if (!made_) return;
        remove_if_empty_on_ending_signals(nullptr);
        std::error_code ignored;
        if (count_ == 0) fs::remove(folder_, ignored);
    }

    recorder(const recorder&) = delete;
    recorder& operator=(const recorder&) = delete;

    /// The path the next snapshot will be written to.
    fs::path next() const { return folder_ / detail::snapshot_name(count_ + 1, count_ + 1); }

    /// Writes `body` as the next snapshot; throws `std::filesystem::filesystem_error` when it cannot.
    void write(const std::string& body)
    {
        detail::write_snapshot(next(), body);
        ++count_;
    }

private:
    fs::path folder_;
    std::string folder_text_; // for the signal handler, which cannot build it
    std::size_t count_ = 0;
    bool made_ = false;
};

/// `d` in seconds, to the millisecond it holds and at least to a tenth: `1.0 s`, `0.25 s`,
/// `0.001 s` (a tenth alone would print 1 ms as `0.0 s`).
std::string seconds_text(live::milliseconds d)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(d.count()) / 1000);
    std::string s = buf;
    while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
    return s + " s";
}

/// Checks, reports, records and shows progress as the poller tells it of each answer.
class watcher final : public live::observer
{
public:
    /// `url`: what each poll of the job `job_id` fetches, the place of its findings when they are
    /// not recorded; a body of another job is `seq/same-job`.
    watcher(const options& opts, report_output& out, recorder* rec, bool progress, const live::redactor& hide,
            std::string url, const std::string& job_id)
        : opts_(opts), seq_(opts), out_(out), recorder_(rec), progress_(progress), hide_(hide), url_(std::move(url))
    {
        seq_.expect_job(job_id);
    }

    void snapshot(std::size_t poll, const live::response& r, const std::optional<bulk_job>& job) override
    {
        sourced_report s;
        // A body cut short, by the connection or by the client at the size limit, is not the API's
        // answer: not recorded, so no replay reads it as one.
        // Cut at max_bytes + 1 by the client: its whole size is not known.
        const bool over_limit = r.body.size() > opts_.max_bytes;
        const bool recorded = recorder_ && !r.cut && !over_limit;
        s.source = recorded ? recorder_->next().string() : "poll " + std::to_string(poll);
        if (recorded) recorder_->write(r.body);
        else s.uri = url_;
        s.findings = over_limit ? too_large(unknown_position, opts_) : r.cut ? cut_short(r.body) : seq_.add(r.body, s.source);
        findings_ += s.findings.diagnostics.size() + s.findings.omitted();
        if (job) last_status_ = job->status;
        out_.add(hidden(std::move(s)));
        std::cout.flush(); // text findings are printed as found, even on a pipe
        if (!progress_) return;
        std::string line = "poll " + std::to_string(poll) + ": ";
        if (job)
            line += std::string(boost::describe::enum_to_string(job->status, "?")) + ", " + std::to_string(job->queued) + " queued, " +
                    std::to_string(job->generating) + " generating, " + std::to_string(job->completed) +
                    " completed, " + std::to_string(job->failed) + " failed";
        else
            line += "not a bulk job";
        say_progress(line + "; " + std::to_string(findings_) + (findings_ == 1 ? " finding" : " findings") + " so far");
    }

    void retry(std::size_t poll, const live::response& r, live::milliseconds wait) override
    {
        // A request a signal cut short is no answer of the server's to show.
        if (progress_ && ending_signal() == 0)
            say_progress("poll " + std::to_string(poll) + ": " + live::explain(r) + "; next poll in " + seconds_text(wait));
    }

    /// The status of the last snapshot that was a bulk job, if any.
    std::optional<job_status> last_status() const noexcept { return last_status_; }

private:
    static void say_progress(const std::string& line) { std::cerr << "watch: " << printable(line) << '\n'; }

    /// The report of a body the connection cut short (`response::cut`): `json/syntax` at its
    /// end, whatever it holds, and no snapshot for the sequence (what came is not the answer).
    report cut_short(const std::string& body) const
    {
        report r;
        detail::sink out(opts_, r.diagnostics);
        // json/syntax
        out.add(rule::json_syntax, body.size(), "",
                "the connection closed before the whole body came (" + std::to_string(body.size()) +
                    " bytes came): the JSON text is truncated");
        locate_all(r, body);
        return r;
    }

    /// `s` with the token hidden wherever a report writes it: --output files do not pass through
    /// the redacting streams, and JUnit, SARIF or GitHub's format encode it their own way.
    sourced_report hidden(sourced_report s) const
    {
        s.source = hide_(s.source);
        s.uri = hide_(s.uri);
        for (auto& d : s.findings.diagnostics) {
            d.message = hide_(d.message);
            d.pointer = hide_(d.pointer);
        }
        return s;
    }

    const options& opts_;
    sequence_checker seq_;
    report_output& out_;
    recorder* recorder_;
    bool progress_;
    const live::redactor& hide_;
    std::string url_;
    std::size_t findings_ = 0;
    std::optional<job_status> last_status_;
};

/// The longest duration an option takes: far past any run, and far from overflowing a clock.
constexpr std::int64_t longest_duration_ms = std::int64_t{30} * 24 * 3600 * 1000;

/** A duration as the options spell it: seconds (`2`, `0.5`) or a number with a unit (`500ms`,
    `2s`, `5m`, `1h`), at most three decimals of a second; from 1 ms to 30 days. */
std::optional<live::milliseconds> parse_duration(std::string_view s)
{
    std::int64_t scale = 1000;
    for (const auto& [unit, ms] : {std::pair<std::string_view, std::int64_t>{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}})
        if (s.size() > unit.size() && s.substr(s.size() - unit.size()) == unit) {
            s.remove_suffix(unit.size());
            scale = ms;
            break;
        }
    const auto dot = s.find('.');
    const auto whole = s.substr(0, dot), fraction = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    const auto digits = [](std::string_view d) { return d.find_first_not_of("0123456789") == std::string_view::npos; };
    if (whole.empty() || whole.size() > 10 || !digits(whole) || fraction.size() > 3 || !digits(fraction) ||
        (dot != std::string_view::npos && fraction.empty()))
        return std::nullopt;
    std::int64_t thousandths = 0;
    for (const char c : whole) thousandths = thousandths * 10 + (c - '0');
    for (std::size_t i = 0; i < 3; ++i) thousandths = thousandths * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    if (thousandths > longest_duration_ms / scale * 1000 + 999) return std::nullopt; // keeps the product in range
    const auto ms = thousandths * scale / 1000;
    if (ms < 1 || ms > longest_duration_ms) return std::nullopt;
    return live::milliseconds(ms);
}

/// Adds a duration option that sets `target`.
void add_duration(CLI::App& cmd, const std::string& name, live::milliseconds& target, const std::string& help)
{
    cmd.add_option_function<std::string>(
           name, [&target](const std::string& s) { target = *parse_duration(s); }, help)
        ->type_name("DURATION")
        ->check(CLI::Validator(
            [](std::string& s) {
                return parse_duration(s) ? std::string()
                                         : "expected a duration from 1ms to 30 days such as 2, 0.5, 500ms, 5m or 1h, got \"" + s + '"';
            },
            ""));
}

/// The token: the first line of `--token-file`, else the variable named by `--token-env`.
/// Throws `std::invalid_argument` (exit 2) without ever quoting it.
std::string read_token(const watch_args& a)
{
    std::string token;
    if (!a.token_file.empty()) {
        std::string error;
        const auto text = read_file(a.token_file, 64 * 1024, error);
        if (!text) throw std::invalid_argument(error);
        token = text->substr(0, text->find('\n'));
        while (!token.empty() && (token.back() == '\r' || token.back() == ' ' || token.back() == '\t')) token.pop_back();
        if (token.empty()) throw std::invalid_argument(a.token_file + ": no token on its first line");
    } else {
        const char* v = std::getenv(a.token_env.c_str());
        if (!v || !*v)
            throw std::invalid_argument("no token: set " + a.token_env +
                                        " (or name another variable with --token-env), or give --token-file");
        token = v;
    }
    if (const auto problem = bearer_token_problem(token, true); !problem.empty()) throw std::invalid_argument(problem);
    return token;
}

bool plain_id(const std::string& id)
{
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-'))
            return false;
    return true;
}

std::string polls_text(std::size_t n)
{
    return std::to_string(n) + (n == 1 ? " poll" : " polls");
}

std::string before_stop(const watch_args& a)
{
    return std::string(", before the job was ") + (a.until == "settled" ? "settled" : "terminal");
}

/// Why the run ended: the stop condition, the bound that came first, or the answer that ended it.
/// `last_status` is the status of the last snapshot that was a bulk job.
std::string end_message(const live::poll_result& r, const watch_args& a, std::optional<job_status> last_status)
{
    const auto polls = polls_text(r.polls);
    // A run bounded while its polls failed says why the last one did.
    const bool failing = r.polls > 0 && live::classify(r.last) != live::answer::snapshot;
    const std::string before = before_stop(a) + (failing ? "; the last: " + live::explain(r.last) : std::string());
    switch (r.end) {
    case live::poll_end::stopped:
        return "the job was " + a.until + " after " + polls +
               (last_status ? std::string(" (") + boost::describe::enum_to_string(*last_status, "?") + ")" : std::string());
    case live::poll_end::deadline: return "the deadline (--timeout " + seconds_text(a.timeout) + ") came after " + polls + before;
    case live::poll_end::max_polls: return "--max-polls: " + polls + " made" + before;
    case live::poll_end::too_many_errors:
        return std::to_string(a.max_errors) +
               (a.max_errors == 1 ? " failed poll" : " failed polls with no snapshot between them") +
               " (--max-errors); the last: " + live::explain(r.last) +
               (live::classify(r.last) == live::answer::throttled ? " without a usable Retry-After" : "");
    default: return "poll " + std::to_string(r.polls) + ": " + live::explain(r.last);
    }
}

live::poll_settings poll_settings_of(const watch_args& a, const options& opts)
{
    live::poll_settings s;
    s.interval = a.interval;
    s.max_interval = a.max_interval;
    if (a.timeout.count() > 0) s.timeout = a.timeout;
    s.request_timeout = a.request_timeout;
    if (a.max_polls > 0) s.max_polls = a.max_polls;
    s.max_errors = a.max_errors;
    s.stop = a.until == "settled" ? live::until::settled : live::until::terminal;
    s.limits = opts;
    s.job_id = a.job_id;
    return s;
}

int watch(const watch_args& a)
{
    if (!plain_id(a.job_id))
        throw std::invalid_argument(
            "JOB_ID: expected at most 64 letters, digits, '-' or '_' (it goes into the URL path and the --record folder)");
    if (a.max_interval < a.interval) throw std::invalid_argument("--max-interval must not be shorter than --interval");
    const auto base = check_base_url(a.base_url);
    if (!base.error.empty()) throw std::invalid_argument("--base-url: " + base.error);
    if (!base.https && !base.loopback && !a.allow_http)
        throw std::invalid_argument(
            "--base-url: plain http:// would send the token in clear: only to a loopback host, or with --allow-http");
    const auto token = read_token(a);
    // The id goes into the URL path and the --record folder's name, which no redaction reaches.
    if (a.job_id == token) throw std::invalid_argument("JOB_ID is the bearer token: give the job's id (a ULID)");
    const live::redactor hide(token);
    const redacted_stream out_guard(std::cout, hide), err_guard(std::cerr, hide);

    const auto opts = a.check.to_options();
    // A report in the recording would be read as a snapshot by every replay of it: refused
    // before any folder is made (the report is opened first, so a recording folder not there
    // yet cannot hold it either).
    if (!a.record.empty() &&
        refuses_output(a.check.output, {a.record}, "records into", "a report never overwrites a recording"))
        return exit_usage;
    std::vector<std::string> read_files; // what the run reads besides answers
    for (const auto* file : {&a.token_file, &a.ca_file})
        if (!file->empty()) read_files.push_back(*file);
    if (refuses_output(a.check.output, read_files, "reads", "a report never overwrites the token or CA file"))
        return exit_usage;
    report_output out(a.check, opts, "watch");
    std::optional<recorder> rec;
    if (!a.record.empty()) rec.emplace(a.record, a.job_id);
    auto url = a.base_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    url += "/v1/bulk-jobs/" + a.job_id;
    // Ctrl-C ends the run where it is, its report whole: no request or wait holds it up longer
    // than a second.
    const deferred_ending_signals noted;
    http_client client({url, token, a.ca_file, opts.max_bytes, [] () noexcept { return ending_signal() != 0; }});
    redacting_transport transport(client, hide);
    watcher w(opts, out, rec ? &*rec : nullptr, isatty(STDERR_FILENO) == 1, hide, url, a.job_id);
    interruptible_clock clock;
    live::poll_result result;
    try {
        result = live::poll_job(transport, clock, w, poll_settings_of(a, opts), live::random_jitter());
    } catch (const interrupted&) {
    } catch (const fs::filesystem_error& e) {
        // A snapshot the recording cannot take (a full disk, a file another run made) ends the
        // run, and the report still ends whole, saying why: a JSON report cut off there, or no
        // SARIF invocation, would leave CI nothing to read.
        return out.finish({write_failure(e.path1().string(), e.code().message())});
    }

    if (const int signal = ending_signal(); signal != 0) {
        const auto message =
            "interrupted by " + signal_name(signal) + " after " + polls_text(transport.requests()) + before_stop(a);
        const int status = out.finish({}, message);
        say(message);
        return status;
    }
    const auto message = end_message(result, a, w.last_status());
    const bool stopped = result.end == live::poll_end::stopped;
    const bool bound = result.end == live::poll_end::deadline || result.end == live::poll_end::max_polls;
    std::vector<std::string> errors;
    if (!stopped && !bound) errors.push_back(message);
    const int status = out.finish(errors, bound ? message : std::string());
    if (stopped || bound) say(message);
    return status;
}

} // namespace

verb add_watch(CLI::App& app)
{
    auto a = std::make_shared<watch_args>();
    auto* cmd = app.add_subcommand("watch", "Poll GET {base}/v1/bulk-jobs/JOB_ID until the job is done, checking each "
                                            "snapshot alone and against the earlier ones as it arrives");
    cmd->add_option("job_id", a->job_id, "The bulk job's id")->required()->type_name("JOB_ID");
    cmd->add_option("--base-url", a->base_url, "The API's address (default https://api.tented.ai)")->type_name("URL");
    cmd->add_option("--token-env", a->token_env, "Read the bearer token from variable NAME (default TENTED_API_KEY)")
        ->type_name("NAME");
    cmd->add_option("--token-file", a->token_file, "Read the bearer token from the first line of FILE")->type_name("FILE");
    // A token on the command line shows in `ps`, shell history and CI logs: refused, never echoed.
    cmd->add_option_function<std::string>(
           "--token", [](const std::string&) {}, "Refused: use --token-env or --token-file (ps and shell history would show it)")
        ->type_name("")
        ->check(CLI::Validator(
            [](std::string&) {
                return std::string("a token is never taken on the command line (ps and shell history would show "
                                   "it): use --token-env NAME or --token-file FILE");
            },
            ""));
    cmd->add_option("--ca-file", a->ca_file, "Trust the CAs of PEM FILE besides the system's (a staging proxy)")
        ->type_name("FILE");
    cmd->add_flag("--allow-http", a->allow_http, "Allow plain http:// to a host that is not loopback (the token goes in clear)");
    cmd->add_option("--until", a->until, "Stop when the job is terminal (default) or settled (terminal, no publication pending)")
        ->check(one_of({"terminal", "settled"}, "a stop condition"));
    add_duration(*cmd, "--interval", a->interval, "The least time between two polls (default 2s)");
    add_duration(*cmd, "--max-interval", a->max_interval, "The longest wait, whatever backoff or Retry-After ask (default 60s)");
    add_duration(*cmd, "--timeout", a->timeout, "The whole run's deadline: exit 3 if the job is not done by then (default none)");
    add_duration(*cmd, "--request-timeout", a->request_timeout, "The longest one request may take (default 30s)");
    cmd->add_option("--max-polls", a->max_polls, "Make at most N requests: exit 3 if the job is not done by then (default no limit)")
        ->check(whole_number(1, max_count));
    cmd->add_option("--max-errors", a->max_errors, "End the run (exit 2) after N failed polls with no snapshot between them (default 5)")
        ->check(whole_number(1, 1000));
    cmd->add_option("--record", a->record, "Write each snapshot's body as DIR/JOB_ID/001.json, ... (a corpus sequence)")
        ->type_name("DIR");
    add_check_options(*cmd, a->check);
    return {cmd, [a] { return writing_files([&] { return watch(*a); }); }};
}

} // namespace tented::contract::cli
