// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_REPLAY_HPP
#define TENTED_CONTRACT_REPLAY_HPP

#include <tented/contract/capture.hpp>
#include <tented/contract/diagnostic.hpp>
#include <tented/contract/output.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/sequence.hpp>
#include <tented/contract/validate.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tented::contract {

/** How a file's records are grouped. `alone`: each record is checked by itself (`validate`);
    `sequences`: records of one job form a poll sequence, in order (`replay`). */
enum class grouping { alone, sequences };

/** What an input file holds, by its name: a HAR capture (`.har`), a JSON Lines log (`.jsonl`,
    `.ndjson`, or any file read with `--jsonl`), or one payload (anything else). */
enum class file_kind { payload, json_lines, har };

/** Which cases of a run to check, by case id (see shard.hpp, which deals them to shards): true
    for a case to check. Empty: every case. A case id is the path of a file as given or walked
    (`<stdin>` for `-`); with `grouping::sequences`, the path of a sequence folder, the first of
    payload files named one after another, or `PATH#JOB` for a job's records in a JSON Lines log
    or a HAR capture (`PATH:N` for a record or body without a readable job id or over the size
    limit, N its line or entry; `PATH` for a capture's own findings, a capture read whole (a
    FIFO) over the size limit, and a log or capture that is no regular file, which cannot be
    read twice). It may be asked
    from several threads at once when units are checked in parallel (see `input_units`). */
using case_filter = std::function<bool(const std::string& case_id)>;

/** The kind of the file named `name`; `json_lines` reads every file that is not a capture as a
    log (the CLI's `--jsonl`). */
inline file_kind kind_of(std::string_view name, bool json_lines = false) noexcept;

/** The files a folder holds for checking: recursively, the names ending in `.json`, `.jsonl`,
    `.ndjson` or `.har`, in the order of `std::filesystem::path`: component by component, each
    byte by byte, so a folder's files come before a name that extends the folder's (`a/x` before
    `a-b`). Only regular files and links to them are
    taken (a FIFO could block), and links to folders are not followed (no loops). A link that
    loops or leads nowhere, and a folder that cannot be read, are said in `errors`, never skipped
    in silence; every other file passed over (another name, a corpus case's `NAME.options.json`,
    a FIFO or device) is added to
    `skipped` with its reason, when given. Names are matched without regard to case (`.JSON`). */
inline std::vector<std::filesystem::path> files_below(const std::filesystem::path& dir,
                                                      std::vector<std::string>& errors,
                                                      std::vector<skipped_input>* skipped = nullptr);

/** Reads standard input to its end, never more than `max_bytes + 1` bytes; `std::nullopt` on a
    read error. */
inline std::optional<std::string> read_standard_input(std::size_t max_bytes);

/** Reads a file into memory, never more than `max_bytes + 1` bytes (so `/dev/zero` or a FIFO that
    never ends stops at the limit).

    Returns the bytes, or `std::nullopt` with `error` set to a sentence naming the path and the
    system's reason (not found, permission denied, is a directory). More than `max_bytes` is not
    an error here: the text returned is then only the first `max_bytes + 1` bytes, and `size`
    (when given) receives the file's whole size (a regular file's size on disk; for a FIFO or a
    device cut at the limit, `unknown_position`), for `too_large`.
*/
inline std::optional<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes,
                                            std::string& error, std::size_t* size = nullptr);

/** The report of an input of `size` bytes that the size limit refuses before reading it whole:
    one `json/too-large` finding at 1:1 naming the size and the limit (as `validate` reports a
    text that is too large); `size` `unknown_position` (a stream cut at the limit) says "more
    than the limit". Source: docs/contract.md `json/too-large`. */
inline report too_large(std::size_t size, const options& opts);

/** Checks text read from `name` (a file, or `<stdin>`) as `kind_of(name, json_lines)` says: a
    HAR capture, a JSON Lines log, or one payload; records grouped by `g`. A text longer than
    `opts.max_bytes` is one `json/too-large` finding naming its size. When a payload is followed
    by a second JSON value on a line of its own, the `json/syntax` finding says that the text
    looks like JSON Lines (`--jsonl`), rather than reading it as such: a payload file that holds
    two values is a fault of its own. */
inline std::vector<sourced_report> check_text(std::string_view content, const std::string& name, grouping g,
                                              const options& opts, bool json_lines = false,
                                              const case_filter& selected = {});

/** Checks one whole file the way `tented-contract validate` does: a `.har` capture, a JSON
    Lines log (`.jsonl`, `.ndjson`, or any file when `json_lines`), or one payload; records
    grouped by `g`. A file over the size limit is one `json/too-large` finding with its real
    size, except a HAR capture in a regular file: it is read a chunk at a time in two passes,
    never whole (see `input_units`), and the limit is each body's, as each is one payload.
    Returns `std::nullopt` with `error` set when the file cannot be read, and when a log holds no
    record or a capture neither a bulk-job poll nor a finding of its own (a run given it must not
    pass having checked nothing). Only the cases `selected` takes are checked and returned (see
    `case_filter`). */
inline std::optional<std::vector<sourced_report>> check_file(const std::filesystem::path& path, grouping g,
                                                             const options& opts, std::string& error,
                                                             bool json_lines = false,
                                                             const case_filter& selected = {});

/** Checks the records of a JSON Lines capture (`content` read from `source`): each alone, or,
    with `grouping::sequences`, grouped by `bulk_job_id`, each group in file order a sequence
    (interleaved jobs work; a record without a readable id is checked alone). The size limit
    (`options::max_bytes`) is each record's: each is one payload (`input_units` reads a log of any
    size in chunks, never whole).

    Returns one `sourced_report` per record `selected` takes (see `case_filter`), in file order.
    Errors: never throws on bad input.
*/
inline std::vector<sourced_report> check_json_lines(std::string_view content, const std::string& source,
                                                    grouping g, const options& opts = {},
                                                    const case_filter& selected = {});

/** Checks the bulk-job polls of a HAR capture (see `read_har`): each alone, or grouped by the job
    of their URL into sequences ordered by `startedDateTime`. `content` is held whole, so a text
    over the size limit is `json/too-large` (`check_file` reads a capture file in chunks instead). The first report holds the
    findings about the capture itself (`capture/har`, `capture/http-status`, `seq/same-job` for a URL/body mismatch) when
    there are any. Only the cases `selected` takes are checked and returned (see `case_filter`). */
inline std::vector<sourced_report> check_har(std::string_view content, const std::string& source, grouping g,
                                             const options& opts = {}, const case_filter& selected = {});

/** The snapshots of a sequence folder, in poll order: its `*.json` files (regular files only, not
    `*.options.json`, not recursive) in name order, numbers read as numbers (`9.json`, `10.json`,
    ..., `1000.json`). A folder that cannot be listed (wholly or part way) adds its path and the
    system's reason to `errors`; the files listed so far are returned. */
inline std::vector<std::filesystem::path> sequence_files(const std::filesystem::path& folder,
                                                        std::vector<std::string>& errors);

/** Checks a folder of snapshots as one poll sequence: its `*.json` files in name order, numbers
    read as numbers (`9.json`, `10.json`, ..., `999.json`, `1000.json`; not recursive;
    `*.options.json` skipped). A file that cannot be read is not a finding about the
    API: its message goes to `errors` (the CLI exits 2 for it) and the sequence goes on. */
inline std::vector<sourced_report> check_sequence_folder(const std::filesystem::path& folder,
                                                         const options& opts, std::vector<std::string>& errors);

/** Where `check_inputs` sends what it finds: each report as soon as its input is checked, in the
    order of the paths given; and each input that could not be read (a sentence naming it). */
struct input_handler
{
    std::function<void(sourced_report)> report;
    std::function<void(std::string)> error;
    /// Each file a folder walk passed over (see `files_below`); may be left empty.
    std::function<void(skipped_input)> skipped = {};
    /** Which cases to check (a shard of the run, see shard.hpp); empty: all. Asked once a case,
        where the case starts, before a payload or a sequence folder is read. A file a folder walk
        passed over is a case too, by its path: it goes to `skipped` only when taken. A run whose
        cases it all refuses reports nothing and is no error. */
    case_filter selected = {};
};

/** Checks the inputs `tented-contract validate` and `replay` are given, in order: `-` is standard
    input; a folder is walked (`files_below`), or with `grouping::sequences` each folder from it
    down that holds snapshots is one sequence (`check_sequence_folder`) and the logs and captures
    below it are checked as files; with `grouping::sequences`, consecutive payload files given by
    name are one sequence, in the order given. Logs are read in chunks and payload files mapped
    (see `input_units`, whose units this runs in order in this thread). Never throws on bad
    input: a path that does not exist or cannot be read goes to `on.error`. */
inline void check_inputs(const std::vector<std::string>& paths, grouping g, const options& opts,
                         const input_handler& on, bool json_lines = false);

} // namespace tented::contract

#include <tented/contract/detail/replay.hpp>
#include <tented/contract/inputs.hpp>

#endif
