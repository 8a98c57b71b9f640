// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_REPLAY_HPP
#define TENTED_CONTRACT_DETAIL_REPLAY_HPP

#include <tented/contract/detail/chunks.hpp>
#include <tented/contract/position.hpp>
#include <tented/contract/replay.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

namespace tented::contract::detail {

/// Texts shorter than this are not timed: checked at 16 MB/s or faster (the kit's slowest builds,
/// sanitized, run near 50), they take less than the whole millisecond a JUnit test case counts,
/// while the clock read twice costs 2% of a log of small records (26 ns a read on kvm-clock).
inline constexpr std::size_t least_timed_bytes = 16 * 1024;

/// Sets the findings of `s` to what `check` returns and, for a text of `bytes` from
/// `least_timed_bytes` on, its duration to how long that took (a JUnit test case's time).
template <class Check>
void check_timed(sourced_report& s, std::size_t bytes, Check&& check)
{
    if (bytes < least_timed_bytes) {
        s.findings = check();
        return;
    }
    const auto start = std::chrono::steady_clock::now();
    s.findings = check();
    s.duration = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start);
}

/// Whether file name `s` ends with `tail` (lower case), in any case: captures saved on systems
/// that write `.JSON` or `.HAR` are read, not silently passed over.
inline bool ends_with(std::string_view s, std::string_view tail)
{
    if (s.size() < tail.size()) return false;
    const auto end = s.substr(s.size() - tail.size());
    return std::equal(end.begin(), end.end(), tail.begin(), [](char a, char b) {
        return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
    });
}

/// Whether `selected` takes the case `id`: an empty filter takes every case.
inline bool takes(const case_filter& selected, const std::string& id)
{
    return !selected || selected(id);
}

/// The poll sequences of a log's jobs, by `bulk_job_id`. A log may follow thousands of jobs, a
/// few at a time: the checkers of the jobs polled most recently keep their last poll decoded,
/// the others as text (`sequence_checker::compact`), so memory is the text of each job's last
/// poll and the decoded form of those few, whatever the number of polls.
class job_sequences
{
public:
    /// The checker of `job_id`, made at its first poll when `take()` (then `nullptr` for a job
    /// not taken), counted as the one polled last.
    template <class Take>
    sequence_checker* of(const std::string& job_id, const options& opts, Take take)
    {
        auto [it, first] = jobs_.try_emplace(job_id);
        if (first && take()) it->second.emplace(opts);
        if (!it->second) return nullptr;
        polled(*it->second);
        return &*it->second;
    }

private:
    // Enough for the jobs a client polls at once; past it, a poll of a job that had been left
    // for a while decodes its previous poll again.
    static constexpr std::size_t decoded_jobs = 64;

    void polled(sequence_checker& job)
    {
        ++clock_;
        const auto seen = std::find_if(recent_.begin(), recent_.end(), [&](const auto& r) { return r.first == &job; });
        if (seen != recent_.end()) return void(seen->second = clock_);
        recent_.emplace_back(&job, clock_);
        if (recent_.size() <= decoded_jobs) return;
        const auto oldest = std::min_element(recent_.begin(), recent_.end(),
                                             [](const auto& a, const auto& b) { return a.second < b.second; });
        oldest->first->compact();
        *oldest = recent_.back();
        recent_.pop_back();
    }

    std::map<std::string, std::optional<sequence_checker>> jobs_;
    std::vector<std::pair<sequence_checker*, std::uint64_t>> recent_; // and when each was polled
    std::uint64_t clock_ = 0;
};

/// Checks one record (`at`: its line, or its HAR entry): alone, or in the sequence of `job_id`
/// in `jobs` when grouped and the record names its job. `std::nullopt` for a case `selected`
/// does not take (`source#JOB` a job's records, `source:N` a record alone).
inline std::optional<sourced_report> check_record(std::string_view text, std::size_t at, const std::string& job_id,
                                                  const std::string& source, bool har, grouping g,
                                                  const options& opts, job_sequences& jobs,
                                                  const case_filter& selected)
{
    sequence_checker* job = nullptr;
    if (g == grouping::alone || job_id.empty()) {
        if (selected && !selected(source + ':' + std::to_string(at))) return std::nullopt;
    } else {
        job = jobs.of(job_id, opts, [&] { return takes(selected, source + '#' + job_id); });
        if (!job) return std::nullopt;
    }
    sourced_report s;
    s.source = source;
    s.har_entry = har;
    s.record = at;
    if (!job) detail::check_timed(s, text.size(), [&] { return validate(text, opts); });
    else detail::check_timed(s, text.size(), [&] { return job->add(text, har ? s.label() : source, har ? 1 : at); });
    return s;
}

/// The job whose sequence `r` is checked in: none (checked alone) for a body of another job.
inline const std::string& sequence_job(const record& r)
{
    static const std::string none;
    return r.other_job ? none : r.job_id;
}

/// Runs `records` through per-job sequence checkers (or alone), keeping their order; only the
/// cases `selected` takes (see `check_record`).
inline std::vector<sourced_report> check_records(const std::vector<record>& records, const std::string& source,
                                                 bool har, grouping g, const options& opts,
                                                 const case_filter& selected = {})
{
    std::vector<sourced_report> out;
    job_sequences jobs;
    for (const auto& r : records)
        if (auto s = check_record(r.text, har ? r.entry : r.line, sequence_job(r), source, har, g, opts, jobs, selected))
            out.push_back(std::move(*s));
    return out;
}

/// The report of a record over the size limit (`size` bytes; its line, or HAR entry, `at`):
/// not kept, so not checked; `std::nullopt` when `selected` does not take `source:N`.
inline std::optional<sourced_report> oversized_record(const std::string& source, std::size_t at, bool har,
                                                      std::size_t size, const options& opts,
                                                      const case_filter& selected)
{
    if (selected && !selected(source + ':' + std::to_string(at))) return std::nullopt;
    sourced_report s;
    s.source = source;
    s.har_entry = har;
    s.record = at;
    s.findings = too_large(size, opts);
    return s;
}

/// The report of the input `name`, of `size` bytes, refused whole by the size limit
/// (`unknown_position`: a stream cut past it, whose size is not known).
inline std::vector<sourced_report> whole_too_large(const std::string& name, std::size_t size, const options& opts)
{
    sourced_report r;
    r.source = name;
    r.findings = too_large(size, opts);
    return {std::move(r)};
}

/// The report of a HAR capture's own findings (`read_har`'s, with the caller's `opts`: at most
/// `opts.max_findings` kept, the rest counted with those `findings` counted already), placed
/// in `head` (the capture's text, or its first bytes: only a finding at its start has an
/// offset); `std::nullopt` when there are none or `selected` does not take `source`.
inline std::optional<sourced_report> capture_report(const report& findings, std::string_view head,
                                                    const std::string& source, const options& opts,
                                                    const case_filter& selected)
{
    report capture;
    finding_tally tally;
    sink out(opts, capture.diagnostics, &tally);
    for (const auto& d : findings.diagnostics) out.add(*find_rule(d.rule), d.offset, d.pointer, d.message);
    tally.into(capture);
    capture.omitted_errors += findings.omitted_errors;
    capture.omitted_warnings += findings.omitted_warnings;
    std::vector<std::string> omitted_rules;
    std::set_union(capture.omitted_rules.begin(), capture.omitted_rules.end(), findings.omitted_rules.begin(),
                   findings.omitted_rules.end(), std::back_inserter(omitted_rules));
    capture.omitted_rules = std::move(omitted_rules);
    const bool none = capture.diagnostics.empty() && capture.omitted_errors == 0 && capture.omitted_warnings == 0;
    if (none || !takes(selected, source)) return std::nullopt;
    locate_all(capture, head);
    sourced_report s;
    s.source = source;
    s.findings = std::move(capture);
    return s;
}

/// Name order with numbers read as numbers, as a person would number polls: `9.json` before
/// `10.json`, `999.json` before `1000.json`; equal numbers fall back to plain byte order.
inline bool natural_less(std::string_view a, std::string_view b)
{
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (!digit(a[i]) || !digit(b[j])) {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i, ++j;
            continue;
        }
        const auto run = [&](std::string_view s, std::size_t& k) {
            while (k < s.size() && s[k] == '0') ++k;
            const std::size_t from = k;
            while (k < s.size() && digit(s[k])) ++k;
            return s.substr(from, k - from);
        };
        const auto x = run(a, i), y = run(b, j);
        if (x.size() != y.size()) return x.size() < y.size();
        if (x != y) return x < y;
    }
    if ((a.size() - i) != (b.size() - j)) return a.size() - i < b.size() - j;
    return a < b;
}

} // namespace tented::contract::detail

namespace tented::contract {

namespace detail {

/// `read_file` on a file already opened as `in`.
inline std::optional<std::string> read_opened(byte_source& in, const std::string& name, std::size_t max_bytes,
                                              std::string& error, std::size_t* size)
{
    std::string text;
    const std::size_t cap = max_bytes == static_cast<std::size_t>(-1) ? max_bytes : max_bytes + 1;
    if (!in.read_up_to(text, cap, name, error)) return std::nullopt;
    if (size) {
        *size = std::max(text.size(), in.size());
        // Cut at the limit past the size it had when opened (a FIFO's or a device's is 0, and so
        // is a procfs file's; a file may grow): how much more it held is not known.
        if (text.size() > max_bytes && text.size() > in.size()) *size = unknown_position;
    }
    return text;
}

} // namespace detail

inline std::optional<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes,
                                            std::string& error, std::size_t* size)
{
    detail::byte_source in;
    if (!in.open(path.string(), error)) return std::nullopt;
    return detail::read_opened(in, path.string(), max_bytes, error, size);
}

inline report too_large(std::size_t size, const options& opts)
{
    report r;
    detail::sink out(opts, r.diagnostics);
    // json/too-large
    out.add(rule::json_too_large, 0, "", detail::too_large_message(size, opts.max_bytes));
    for (auto& d : r.diagnostics) d.line = d.column = d.character = 1;
    return r;
}

inline file_kind kind_of(std::string_view name, bool json_lines) noexcept
{
    if (detail::ends_with(name, ".har")) return file_kind::har;
    if (json_lines || detail::ends_with(name, ".jsonl") || detail::ends_with(name, ".ndjson"))
        return file_kind::json_lines;
    return file_kind::payload;
}

namespace detail {

inline std::string unresolvable_link(const std::filesystem::path& p)
{
    return p.string() + ": a symbolic link that loops or leads nowhere";
}

inline bool checked_name(std::string_view name)
{
    return ends_with(name, ".json") || ends_with(name, ".jsonl") || ends_with(name, ".ndjson") ||
           ends_with(name, ".har");
}

} // namespace detail

namespace detail {

/// Sorts the elements of `v` from `first` on by their paths of one walk (`path_of(element)`,
/// components joined by a single `/`) in the order of `std::filesystem::path`: component by
/// component, each compared byte by byte. That is the byte order with the separator before any
/// other byte (`a/x` before `a-b`), which a NUL in its place gives to plain string comparison.
template <class T, class PathOf>
void sort_by_path(std::vector<T>& v, std::size_t first, PathOf path_of)
{
    const auto begin = v.begin() + static_cast<std::ptrdiff_t>(first);
    const auto swap_separator = [&](char from, char to) {
        for (auto it = begin; it != v.end(); ++it) std::replace(path_of(*it).begin(), path_of(*it).end(), from, to);
    };
    swap_separator('/', '\0');
    std::sort(begin, v.end(), [&](T& a, T& b) { return path_of(a) < path_of(b); });
    swap_separator('\0', '/');
}

/// Sorts `paths` of one walk as `std::filesystem::path` orders them (`sort_by_path`).
inline void sort_paths(std::vector<std::string>& paths)
{
    sort_by_path(paths, 0, [](std::string& p) -> std::string& { return p; });
}

/// What `files_below` finds, as the strings of the paths: a walk of many thousand files spends
/// most of its time building, sorting and freeing `std::filesystem::path`s otherwise.
inline std::vector<std::string> file_names_below(const std::filesystem::path& dir, std::vector<std::string>& errors,
                                                 std::vector<skipped_input>* skipped)
{
    namespace fs = std::filesystem;
    folder_walks.fetch_add(1, std::memory_order_relaxed);
    std::vector<std::string> files;
    const auto skip = [&](const fs::path& p, const char* reason) {
        if (skipped) skipped->push_back({p.string(), reason});
    };
    const auto first_skipped = skipped ? skipped->size() : 0, first_error = errors.size();
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_directory(type_ec)) {
            // The walk skips a folder it cannot read without a word: say it, as replay does.
            if (it->is_symlink(type_ec)) skip(it->path(), "a link to a folder (not followed)");
            else if (fs::directory_iterator probe(it->path(), type_ec); type_ec)
                errors.push_back(it->path().string() + ": " + type_ec.message());
            continue;
        }
        const auto& path = it->path().native();
        const auto name = std::string_view(path).substr(path.rfind('/') + 1);
        if (!checked_name(name)) {
            skip(it->path(), "not named .json, .jsonl, .ndjson or .har");
            continue;
        }
        // A corpus keeps a case's options beside it (corpus.hpp): they are no payload.
        if (ends_with(name, ".options.json")) {
            skip(it->path(), "a corpus case's options (.options.json), not a payload");
            continue;
        }
        if (it->is_regular_file(type_ec)) files.push_back(path);
        else if (it->is_symlink(type_ec) && !fs::exists(it->path(), type_ec))
            errors.push_back(unresolvable_link(it->path()));
        else skip(it->path(), "not a regular file (a FIFO, socket or device)");
    }
    if (ec) errors.push_back(dir.string() + ": " + ec.message());
    // Files, skipped files and errors in one order, whatever order the folders were read in.
    sort_paths(files);
    if (skipped) sort_by_path(*skipped, first_skipped, [](skipped_input& k) -> std::string& { return k.path; });
    sort_by_path(errors, first_error, [](std::string& e) -> std::string& { return e; });
    return files;
}

} // namespace detail

inline std::vector<std::filesystem::path> files_below(const std::filesystem::path& dir,
                                                      std::vector<std::string>& errors,
                                                      std::vector<skipped_input>* skipped)
{
    const auto names = detail::file_names_below(dir, errors, skipped);
    return {names.begin(), names.end()};
}

inline std::optional<std::string> read_standard_input(std::size_t max_bytes)
{
    detail::byte_source in;
    std::string error;
    in.open("-", error);
    return detail::read_opened(in, "<stdin>", max_bytes, error, nullptr);
}

namespace detail {

// `generate | validate`, or a log saved as .json: a second value that starts a line of its own
// after a first one is most likely JSON Lines read as one payload, and the finding says so.
inline void hint_json_lines(report& r, std::string_view text)
{
    for (auto& d : r.diagnostics) {
        if (d.rule != id(rule::json_syntax) || d.offset >= text.size()) continue;
        // Only after a whole value: '{' at a line's start inside an open one is a missing comma.
        if (d.message.rfind("expected the end of the input after the JSON value", 0) != 0) continue;
        if (text[d.offset] != '{' && text[d.offset] != '[') continue;
        const auto line_start = text.find_last_not_of(" \t", d.offset == 0 ? 0 : d.offset - 1);
        if (d.offset == 0 || line_start == std::string_view::npos || text[line_start] != '\n') continue;
        if (text.find_first_not_of(" \t\r\n", line_start) != d.offset) continue;
        d.message += " (a JSON value on each line is JSON Lines: give --jsonl, or name the file .jsonl)";
    }
}

/// The bytes the parser reads of a mapped payload at a time: the pages behind are dropped, so a
/// payload of any size costs a few slices of memory, not its size.
inline constexpr std::size_t mapped_slice = std::size_t{8} << 20;

/// Checks the payload of the mapped file `name`, as `check_text` would its text; nothing, with
/// `error` set, when the file was cut while it was read (`mapped_file::truncated`).
inline std::optional<std::vector<sourced_report>> check_mapped(mapped_file& file, const std::string& name,
                                                               const options& opts, const case_filter& selected,
                                                               std::string& error)
{
    if (!takes(selected, name)) return std::vector<sourced_report>{};
    const auto text = file.text();
    sourced_report s;
    s.source = name;
    if (text.size() > opts.max_bytes) {
        s.findings = too_large(text.size(), opts);
    } else {
        const reading_mapping reading(file);
        const slice_feed feed{mapped_slice, [&](std::size_t at) { file.drop_before(at); }};
        check_timed(s, text.size(), [&] { return validate_text(text, opts, &feed); });
        hint_json_lines(s.findings, text);
    }
    if (file.truncated()) {
        error = shrank_while_read(name);
        return std::nullopt;
    }
    std::vector<sourced_report> out;
    out.push_back(std::move(s));
    return out;
}

} // namespace detail

namespace detail {

/// Checks the polls of a HAR capture in `batch` (from `source`) into `out`, as `check_batch`
/// checks a log's records; a body over the size limit is `json/too-large`, case `source:N`.
inline void check_polls(const std::vector<har_poll_entry>& batch, const std::string& source, grouping g,
                        const options& opts, job_sequences& jobs, const case_filter& selected,
                        std::vector<sourced_report>& out)
{
    out.reserve(out.size() + batch.size());
    for (const auto& p : batch) {
        auto s = p.too_large ? oversized_record(source, p.poll.entry, true, p.too_large, opts, selected)
                             : check_record(p.poll.text, p.poll.entry, sequence_job(p.poll), source, true, g, opts, jobs, selected);
        if (s) out.push_back(std::move(*s));
    }
}

/// Checks the HAR capture in the regular file `path` as `check_har` checks its text, read in
/// two passes a chunk at a time (`har_stream`), never whole; `std::nullopt` with `error` set
/// when it cannot be read or holds neither a poll nor a finding of its own (`no_poll_in`).
inline std::optional<std::vector<sourced_report>> check_capture_file(const std::string& path, grouping g,
                                                                     const options& opts, std::string& error,
                                                                     const case_filter& selected)
{
    har_stream capture(path, path, opts.max_bytes, read_chunk);
    report found;
    std::string head;
    if (!capture.index(found, opts, head, error)) return std::nullopt;
    std::vector<sourced_report> reports;
    if (auto s = capture_report(found, head, path, opts, selected)) reports.push_back(std::move(*s));
    job_sequences jobs;
    std::vector<har_poll_entry> batch;
    std::size_t bytes = 0;
    while (capture.next(batch, bytes, error)) check_polls(batch, path, g, opts, jobs, selected, reports);
    if (!error.empty()) return std::nullopt;
    return reports;
}

} // namespace detail

inline std::vector<sourced_report> check_text(std::string_view content, const std::string& name, grouping g,
                                              const options& opts, bool json_lines, const case_filter& selected)
{
    switch (kind_of(name, json_lines)) {
    case file_kind::har: return check_har(content, name, g, opts, selected);
    case file_kind::json_lines: return check_json_lines(content, name, g, opts, selected);
    case file_kind::payload: break;
    }
    if (!detail::takes(selected, name)) return {};
    sourced_report s;
    s.source = name;
    detail::check_timed(s, content.size(), [&] { return validate(content, opts); });
    detail::hint_json_lines(s.findings, content);
    return {std::move(s)};
}

namespace detail {

/// `check_text` of a whole input; `std::nullopt` with `error` set (`no_record_in`, `no_poll_in`)
/// for a log or a capture that holds nothing to check, when `selected` takes it whole.
inline std::optional<std::vector<sourced_report>> check_whole_text(std::string_view text, const std::string& name,
                                                                   grouping g, const options& opts, bool json_lines,
                                                                   const case_filter& selected, std::string& error)
{
    auto reports = check_text(text, name, g, opts, json_lines, selected);
    const auto kind = kind_of(name, json_lines);
    if (kind != file_kind::payload && reports.empty() && takes(selected, name)) {
        error = kind == file_kind::har ? no_poll_in(name) : no_record_in(name);
        return std::nullopt;
    }
    return reports;
}

/// `check_file`, which also gives the bytes the file holds (for progress; `unknown_position` for
/// a stream cut at the size limit). `listed_regular`: a folder walk listed it as a regular file,
/// so it is an error, never a wait or a stream read as a file, when it is one no longer
/// (`byte_source::open`).
inline std::optional<std::vector<sourced_report>> check_file_sized(const std::string& name, grouping g,
                                                                   const options& opts, std::string& error,
                                                                   bool json_lines, const case_filter& selected,
                                                                   std::size_t& size, bool listed_regular = false);

inline std::optional<std::vector<sourced_report>> check_stream(byte_source& in, const std::string& name, grouping g,
                                                               const options& opts, bool json_lines, std::string& error);


} // namespace detail

inline std::optional<std::vector<sourced_report>> check_file(const std::filesystem::path& path, grouping g,
                                                             const options& opts, std::string& error, bool json_lines,
                                                             const case_filter& selected)
{
    std::size_t size = 0;
    return detail::check_file_sized(path.string(), g, opts, error, json_lines, selected, size);
}

namespace detail {

inline std::optional<std::vector<sourced_report>> check_file_sized(const std::string& name, grouping g,
                                                                   const options& opts, std::string& error,
                                                                   bool json_lines, const case_filter& selected,
                                                                   std::size_t& size, bool listed_regular)
{
    byte_source in;
    const auto kind = kind_of(name, json_lines);
    if (listed_regular && kind == file_kind::payload && in.open_listed(name)) {
        // Reused by every file of a walk that this thread checks: no allocation a file.
        thread_local const std::unique_ptr<char[]> buffer(new char[read_chunk]);
        if (const auto got = in.read_listed(buffer.get(), opts.max_bytes)) {
            size = got;
            return check_whole_text(std::string_view(buffer.get(), got), name, g, opts, json_lines, selected, error);
        }
        if (!in.learn(name, error, true)) return std::nullopt;
    } else if (!in.open(name, error, listed_regular)) {
        return std::nullopt;
    }
    size = in.size();
    if (kind == file_kind::payload) {
        mapped_file mapped;
        if (mapped.map(in, mapped_slice)) return check_mapped(mapped, name, opts, selected, error);
    }
    // A FIFO cannot be read twice: a capture in one is read whole, as standard input is.
    if (kind == file_kind::har && in.regular()) return check_capture_file(name, g, opts, error, selected);
    if (kind == file_kind::payload && !in.regular()) {
        if (!takes(selected, name)) return std::vector<sourced_report>{};
        auto reports = check_stream(in, name, g, opts, json_lines, error);
        size = in.bytes_read();
        return reports;
    }
    const auto text = read_opened(in, name, opts.max_bytes, error, &size);
    if (!text) return std::nullopt;
    if (size > opts.max_bytes) return takes(selected, name) ? whole_too_large(name, size, opts) : std::vector<sourced_report>{};
    return check_whole_text(*text, name, g, opts, json_lines, selected, error);
}

} // namespace detail

inline std::vector<sourced_report> check_json_lines(std::string_view content, const std::string& source,
                                                    grouping g, const options& opts, const case_filter& selected)
{
    return detail::check_records(read_json_lines(content), source, false, g, opts, selected);
}

inline std::vector<sourced_report> check_har(std::string_view content, const std::string& source, grouping g,
                                             const options& opts, const case_filter& selected)
{
    std::vector<sourced_report> out;
    if (content.size() > opts.max_bytes) {
        if (!detail::takes(selected, source)) return out;
        sourced_report s;
        s.source = source;
        detail::check_timed(s, content.size(), [&] { return validate(content, opts); });
        out.push_back(std::move(s));
        return out;
    }
    auto har = read_har(content);
    if (auto s = detail::capture_report(har.findings, content, source, opts, selected)) out.push_back(std::move(*s));
    auto polls = detail::check_records(har.polls, source, true, g, opts, selected);
    out.insert(out.end(), std::make_move_iterator(polls.begin()), std::make_move_iterator(polls.end()));
    return out;
}

inline std::vector<std::filesystem::path> sequence_files(const std::filesystem::path& folder,
                                                        std::vector<std::string>& errors)
{
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (detail::ends_with(name, ".json") && !detail::ends_with(name, ".options.json") &&
            it->is_regular_file(ec))
            files.push_back(it->path());
    }
    if (ec) errors.push_back(folder.string() + ": " + ec.message());
    std::sort(files.begin(), files.end(), [](const std::filesystem::path& a, const std::filesystem::path& b) {
        return detail::natural_less(a.filename().string(), b.filename().string());
    });
    return files;
}

namespace detail {

/// Checks `files` as one poll sequence, in the order given: a file that cannot be read goes to
/// `errors` and the sequence goes on.
inline std::vector<sourced_report> check_sequence(const std::vector<std::filesystem::path>& files,
                                                  const options& opts, std::vector<std::string>& errors,
                                                  std::size_t* bytes = nullptr)
{
    sequence_checker seq(opts);
    std::vector<sourced_report> out;
    for (const auto& f : files) {
        std::string error;
        std::size_t size = 0;
        auto text = read_file(f, opts.max_bytes, error, &size);
        if (!text) {
            errors.push_back(error);
            continue;
        }
        if (bytes) *bytes += text->size();
        sourced_report s;
        s.source = f.string();
        detail::check_timed(s, size, [&] { return size > opts.max_bytes ? too_large(size, opts) : seq.add(*text, s.source); });
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace detail

inline std::vector<sourced_report> check_sequence_folder(const std::filesystem::path& folder,
                                                         const options& opts, std::vector<std::string>& errors)
{
    return detail::check_sequence(sequence_files(folder, errors), opts, errors);
}

namespace detail {

/// `p` and every folder below it (symbolic links not followed), the ones below in name order:
/// where a sequence may be (`replay` and `serve` read a folder of sequences so).
inline std::vector<std::filesystem::path> folders_from(const std::filesystem::path& p)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> folders{p};
    std::error_code ec;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) folders.push_back(it->path());
    }
    std::sort(folders.begin() + 1, folders.end());
    return folders;
}

/// The payload a pipe `in` named `name` goes on with after its first bytes `head`, copied to
/// `spool` and mapped from there (see `check_stream`).
inline std::optional<std::vector<sourced_report>> check_spooled(byte_source& in, std::string head, spool_file& spool,
                                                                const std::string& name, const options& opts,
                                                                std::string& error)
{
    if (!spool.write(head, name, error)) return std::nullopt;
    auto size = head.size();
    head = std::string();
    for (std::string piece; size <= opts.max_bytes; size += piece.size()) {
        piece.clear();
        if (!in.read_into(piece, read_chunk, name, error)) break;
        if (!spool.write(piece, name, error)) return std::nullopt;
    }
    if (!error.empty()) return std::nullopt;
    if (size > opts.max_bytes) return whole_too_large(name, unknown_position, opts);
    mapped_file mapped;
    if (mapped.map(spool.descriptor(), size)) return check_mapped(mapped, name, opts, {}, error);
    error = name + ": cannot map its temporary copy (" + std::strerror(errno) + ")";
    return std::nullopt;
}

/** A stream `in` (standard input, a FIFO, a device) named `name`, as `check_file` checks a file,
    or a file redirected to standard input: such a file is mapped; a stream is read as it comes,
    and a pipe, once it holds more than a slice (`mapped_slice`) of one payload, is copied to a
    temporary file (`spool_file`) that is mapped, so a payload of any size is parsed a slice at
    a time. A device (`/dev/zero`, a terminal) is not copied, and neither is a pipe when no
    temporary file can be made: they are read whole, up to the size limit. */
inline std::optional<std::vector<sourced_report>> check_stream(byte_source& in, const std::string& name, grouping g,
                                                               const options& opts, bool json_lines, std::string& error)
{
    const bool payload = kind_of(name, json_lines) == file_kind::payload;
    mapped_file mapped;
    if (payload && mapped.map(in, mapped_slice)) return check_mapped(mapped, name, opts, {}, error);
    const auto limit = opts.max_bytes == static_cast<std::size_t>(-1) ? opts.max_bytes : opts.max_bytes + 1;
    std::string text;
    if (!in.read_up_to(text, payload ? std::min(limit, mapped_slice + 1) : limit, name, error)) return std::nullopt;
    if (payload && text.size() > mapped_slice && text.size() <= opts.max_bytes) {
        if (in.pipe()) {
            if (spool_file spool; spool) return check_spooled(in, std::move(text), spool, name, opts, error);
        }
        if (!in.read_up_to(text, limit, name, error)) return std::nullopt;
    }
    if (text.size() > opts.max_bytes) return whole_too_large(name, unknown_position, opts);
    return check_whole_text(text, name, g, opts, json_lines, {}, error);
}

/// Checks standard input as `check_stream` reads it, named `<stdin>`, and sets `size` to its
/// bytes (a file's size, or what was read of a stream); `std::nullopt` with `error` set when it
/// cannot be read.
inline std::optional<std::vector<sourced_report>> check_standard_input(grouping g, const options& opts,
                                                                       bool json_lines, std::string& error,
                                                                       std::size_t& size)
{
    byte_source in;
    if (!in.open("-", error)) return std::nullopt;
    auto reports = check_stream(in, "<stdin>", g, opts, json_lines, error);
    size = in.regular() ? in.size() : in.bytes_read();
    return reports;
}

} // namespace detail

} // namespace tented::contract

#endif
