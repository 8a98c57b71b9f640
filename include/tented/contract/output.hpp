// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_OUTPUT_HPP
#define TENTED_CONTRACT_OUTPUT_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tented::contract {

/** The findings of one recorded response (or of a capture file itself), with where it came from.
    - `source`: the file it was read from, as given (`<stdin>` for standard input).
    - `record`: the 1-based line in a JSON Lines file, the 0-based entry of a HAR file (see
      `har_entry`), or `std::nullopt` for a whole file.
    - `findings`: positions are in that record's own text (see `display_line` for the file's).
    - `duration`: how long checking it took, reading excluded (a JUnit test case's time); zero
      when not measured, as for a text under 16 KiB (`detail::least_timed_bytes`).
    - `uri`: empty for a file; for a response checked as it arrived and kept in no file (a
      `watch` poll without `--record`, whose `source` is `poll N`), the absolute URL it was
      fetched from. SARIF then places its findings at that URL (`source` as the artifact
      location's description), and GitHub annotations and JUnit test cases name no file.
*/
struct sourced_report
{
    std::string source;
    std::optional<std::size_t> record;
    bool har_entry = false;
    contract::report findings;
    std::chrono::nanoseconds duration{0};
    std::string uri;

    /// `source`, `source:LINE` (JSON Lines) or `source#ENTRY` (HAR), as messages name a record.
    std::string label() const
    {
        if (!record) return source;
        return source + (har_entry ? "#" : ":") + std::to_string(*record);
    }
};

/** A file a folder walk passed over, and why (`reason`, such as "not named .json, .jsonl,
    .ndjson or .har"): counted in the summary and named on `-v`, so that a payload saved under an
    unexpected name is never left unchecked in silence. */
struct skipped_input
{
    std::string path;
    std::string reason;
};

/** What a run of reports adds up to: the summary line of the text output and the `summary`
    object of the JSON document. An input is invalid when it holds an error, omitted ones
    included (`report::ok`). */
struct run_summary
{
    std::size_t inputs = 0, valid = 0, invalid = 0, errors = 0, warnings = 0;
    /// The files the folder walks passed over, in the order met.
    std::vector<skipped_input> skipped;
    /// The inputs that could not be checked, in the order met, each as a message that names its
    /// path: one that cannot be read, a folder or a log holding nothing to check, a file that
    /// changed while it was read. Any of them makes the run's exit status 2; every format reports
    /// them, so that a CI system reading only the report does not pass a run that checked less
    /// than it was given.
    std::vector<std::string> input_errors;
    /// Why the run stopped before its goal, empty when it reached it: a `watch` whose deadline,
    /// `--max-polls` or a signal came before the stop condition ("--max-polls: 2 polls made,
    /// before the job was terminal"). It makes the exit status 3 unless an error says more; every format
    /// reports it as a warning of the run, so that a CI system reading only the report knows
    /// the job was not followed to its end.
    std::string unfinished;
    /// The shard of the run these inputs are (shard.hpp): index from 0, and the count of
    /// shards; 1 for a run that is whole.
    std::size_t shard_index = 0, shard_count = 1;

    /// Counts `r` as one more input.
    void add(const report& r) noexcept
    {
        ++inputs;
        const auto e = r.count(severity::error);
        errors += e;
        warnings += r.count(severity::warning);
        (e ? invalid : valid) += 1;
    }
};

/** `s` with every control character written as an escape: C0 and DEL as `\n`, `\t`, `\r`,
    `\x1b`; C1 (U+0080 to U+009F), U+2028, U+2029 and the bidirectional formatting characters
    (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) as `\u009b`, `\u2028`,
    `\u202e`; a byte of 0x80 to 0x9F outside any UTF-8 character (an 8-bit C1 control) as
    `\x9b`. Other bytes no UTF-8 holds (a Latin-1 file name's) are written as they are. Text
    output is one finding a line: a payload's string, pointer or file name must not be able to
    start a line of its own, send escape codes to a terminal or reorder how the line shows. */
inline std::string printable(std::string_view s);

/** `s` as valid UTF-8: each byte outside a well-formed sequence (overlong forms, surrogates and
    code points past U+10FFFF included) becomes U+FFFD. JSON and XML output must stay text
    whatever bytes a file name or a message quoting the input holds (POSIX names are bytes). */
inline std::string valid_utf8(std::string_view s);

/** The line of `d` in the file `r` came from: a JSON Lines record is one line, so its findings
    are on that line of the file; elsewhere the finding's own line. `unknown_position` when `d`
    has no position. */
inline std::size_t display_line(const sourced_report& r, const diagnostic& d) noexcept;

/** The column of `d` counted in Unicode code points (`diagnostic::character`), what SARIF and
    GitHub count; its byte column when only that is known (a diagnostic made by hand). */
constexpr std::size_t code_point_column(const diagnostic& d) noexcept
{
    return d.character != unknown_position ? d.character : d.column;
}

/** One finding the way compilers print one, without a line feed:
    `FILE:LINE:COL: error: MESSAGE (at /pointer) [rule/id]`. `:LINE:COL` is left out when the
    finding has no position, ` (at ...)` when its pointer is the whole document. FILE is
    `r.label()` for a HAR entry (`capture.har#3`), else `r.source`. Control characters are
    escaped (`printable`). With `color`, ANSI bold for the place and bright red (errors) or
    bright magenta (warnings) for the severity, as GCC and Clang colour theirs. Without a file,
    `format_finding(const diagnostic&)` (diagnostic.hpp). */
inline std::string format_finding(const sourced_report& r, const diagnostic& d, bool color = false);

/** The note that follows an input's kept findings when `options::max_findings` cut some:
    `FILE: note: N more findings not shown (E errors, W warnings; --max-findings raises the
    limit)`, `FILE:LINE: note: ...` for a JSON Lines record, or an empty string when none were
    cut. */
inline std::string format_omitted(const sourced_report& r);

/** What `format_omitted` says after `note: `, `N more findings not shown (...)`: the text of the
    SARIF notification for the same cut. Empty when none were cut. */
inline std::string omitted_note(const sourced_report& r);

/** The summary line of the text output: `3 inputs, 2 valid, 1 invalid, 9 errors, 0 warnings`,
    then, for a shard of a run, `, shard index 1 of 4`; then, when a folder walk passed over
    files, how many and why: `, 2 files skipped (1 not named .json, .jsonl, .ndjson or .har; 1 not
    a regular file (a FIFO, socket or device))`; then, when inputs could not be checked
    (`run_summary::input_errors`, whose messages go to standard error), `, 1 input not checked`. */
inline std::string format_summary(const run_summary& s);

/** One element of the JSON document's `results`: `source`, `record` (or null), `valid`,
    `diagnostics` (each `rule`, `severity`, `pointer`, `line` and `column` or null, `message`),
    and `omitted` when findings were cut. Strings are made valid UTF-8 (`valid_utf8`). */
inline boost::json::object to_json(const sourced_report& r);

/// The JSON document's `summary`: `inputs`, `valid`, `invalid`, `errors`, `warnings`,
/// `skipped`, an array of `{"path", "reason"}` (empty when nothing was skipped),
/// `input_errors`, an array of messages (`run_summary::input_errors`, empty when every input was
/// checked), and for a shard of a run `shard`, `{"index", "count"}`.
inline boost::json::object to_json(const run_summary& s);

/** The report formats a run can be written in.
    - `text`: one compiler-style line a finding (`format_finding`) as found, then the summary.
    - `json`: one document, `{"version":1,"results":[...],"summary":{...}}`, written as it goes:
      each result as it is added, the summary at the end.
    - `junit`: JUnit XML at the end (its test cases wait in a temporary file, not in memory): `<testsuites>`, one `<testsuite>` for the run, one
      `<testcase>` an input (named by `sourced_report::label`, made unique), with a `<failure>`
      (type: its first error's rule id; body: its findings as `text` prints them) when it holds
      an error, its warnings as `<system-out>`; `file` and `line` for GitLab; times from
      `sourced_report::duration`. Jenkins and GitLab read it.
    - `sarif`: SARIF 2.1.0 at the end: one run, the whole catalogue as the driver's rules, one
      result a finding with its rule, level, message, file relative to `%SRCROOT%` (the
      current folder, or `writer_options::source_root`), line and column in code points, byte
      offset and length, the JSON Pointer as a logical location, the previous poll of a
      sequence finding as a related location, and a fingerprint stable from run to run. A
      finding without a position is on line 1. GitHub code scanning reads it.
    - `github`: one GitHub Actions workflow command a finding as found,
      `::error file=F,line=L,col=C,title=RULE::MESSAGE` (`::warning` for a warning), escaped so
      that no text of the input can end it or start another; then the summary line. */
enum class output_format { text, json, junit, sarif, github };

/** Where a rule is documented: the catalogue, whose anchor for a rule is its id with `/` as `-`
    (SARIF's `helpUri`, `informationUri`). */
inline constexpr std::string_view catalogue_uri =
    "https://github.com/tented-contract/tented-contract/blob/main/docs/contract.md";

/** `"text"`, `"json"`, `"junit"`, `"sarif"` or `"github"`, as the `--format` option spells them. */
inline std::string_view to_string(output_format f) noexcept;

/** The format named `name`; `std::nullopt` for an unknown name. */
inline std::optional<output_format> output_format_named(std::string_view name) noexcept;

/** What a writer needs beside the reports.
    - `color`: ANSI colours in text output (never in the other formats).
    - `opts`: the options the run checked with (which rules were on, at what severity).
    - `command`: the verb that ran (`validate`, `replay`, `corpus`, `watch`), named in reports
      that record what produced them (JUnit's test suite).
    - `source_root`: the folder SARIF's `%SRCROOT%` names, as a `file:` URI ending in `/`;
      empty for the current folder. */
struct writer_options
{
    bool color = false;
    options opts;
    std::string command = "validate";
    std::string source_root;
};

/** Writes a run's reports in one format as they arrive. `add` is called once per input in the
    order they are to be printed; `finish` once at the end with the run's summary and exit status.
    Errors: what the stream reports (its state); writing never throws but `std::bad_alloc`. */
class report_writer
{
public:
    virtual ~report_writer() = default;
    /// One more input's report.
    virtual void add(const sourced_report& r) = 0;
    /// The end of the run: `exit_code` is what the process will exit with.
    virtual void finish(const run_summary& s, int exit_code) = 0;
};

/** A writer of format `f` to `out`, which must outlive it.
    Example:
    @code
    auto w = tented::contract::make_report_writer(output_format::text, std::cout, {});
    run_summary s;
    for (const auto& r : reports) { w->add(r); s.add(r.findings); }
    w->finish(s, s.errors ? 1 : 0);
    @endcode
*/
inline std::unique_ptr<report_writer> make_report_writer(output_format f, std::ostream& out,
                                                         const writer_options& w = {});

} // namespace tented::contract

#include <tented/contract/detail/output.hpp>

#endif
