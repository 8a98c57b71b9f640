// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_REPLAY_HPP
#define TENTED_CONTRACT_DETAIL_REPLAY_HPP

#include <tented/contract/position.hpp>
#include <tented/contract/replay.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <system_error>

namespace tented::contract::detail {

/// Sets the findings of `s` to what `check` returns, and its duration to how long that took (a
/// JUnit test case's time).
template <class Check>
void check_timed(sourced_report& s, Check&& check)
{
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

/// Runs `records` through per-job sequence checkers (or alone), keeping their order; only the
/// cases `selected` takes (`source#JOB` a job's records, `source:N` a record alone).
inline std::vector<sourced_report> check_records(const std::vector<record>& records, const std::string& source,
                                                 bool har, grouping g, const options& opts,
                                                 const case_filter& selected = {})
{
    std::vector<sourced_report> out;
    std::map<std::string, std::optional<sequence_checker>> jobs; // no checker: a job not taken
    for (const auto& r : records) {
        const auto n = har ? r.entry : r.line;
        sequence_checker* job = nullptr;
        if (g == grouping::alone || r.job_id.empty()) {
            if (!takes(selected, source + ':' + std::to_string(n))) continue;
        } else {
            auto [it, first] = jobs.try_emplace(r.job_id);
            if (first && takes(selected, source + '#' + r.job_id)) it->second.emplace(opts);
            if (!it->second) continue;
            job = &*it->second;
        }
        sourced_report s;
        s.source = source;
        s.har_entry = har;
        s.record = n;
        if (!job) detail::check_timed(s, [&] { return validate(r.text, opts); });
        else detail::check_timed(s, [&] { return job->add(r.text, har ? s.label() : source, har ? 1 : r.line); });
        out.push_back(std::move(s));
    }
    return out;
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

inline std::optional<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes,
                                            std::string& error, std::size_t* size)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = path.string() + ": is a directory";
        return std::nullopt;
    }
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path.string() + ": cannot open (" + std::string(errno ? std::strerror(errno) : "unknown error") + ")";
        return std::nullopt;
    }
    std::string text;
    const std::size_t cap = max_bytes == static_cast<std::size_t>(-1) ? max_bytes : max_bytes + 1;
    char buf[1 << 16];
    while (text.size() < cap && in) {
        in.read(buf, static_cast<std::streamsize>(std::min(sizeof buf, cap - text.size())));
        text.append(buf, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        error = path.string() + ": read error";
        return std::nullopt;
    }
    if (size) {
        const bool regular = std::filesystem::is_regular_file(path, ec);
        const auto on_disk = regular ? std::filesystem::file_size(path, ec) : 0;
        *size = std::max<std::size_t>(text.size(), ec ? 0 : static_cast<std::size_t>(on_disk));
        // A FIFO or a device cut at the limit: how much more it held is not known.
        if (!regular && text.size() > max_bytes) *size = unknown_position;
    }
    return text;
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

inline std::vector<std::filesystem::path> files_below(const std::filesystem::path& dir,
                                                      std::vector<std::string>& errors,
                                                      std::vector<skipped_input>* skipped)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    const auto skip = [&](const fs::path& p, const char* reason) {
        if (skipped) skipped->push_back({p.string(), reason});
    };
    const auto first_skipped = skipped ? skipped->size() : 0;
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
        if (!detail::checked_name(it->path().filename().string())) {
            skip(it->path(), "not named .json, .jsonl, .ndjson or .har");
            continue;
        }
        if (it->is_regular_file(type_ec)) files.push_back(it->path());
        else if (it->is_symlink(type_ec) && !fs::exists(it->path(), type_ec))
            errors.push_back(detail::unresolvable_link(it->path()));
        else skip(it->path(), "not a regular file (a FIFO, socket or device)");
    }
    if (ec) errors.push_back(dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    if (skipped)
        std::sort(skipped->begin() + static_cast<std::ptrdiff_t>(first_skipped), skipped->end(),
                  [](const skipped_input& a, const skipped_input& b) { return a.path < b.path; });
    return files;
}

inline std::optional<std::string> read_standard_input(std::size_t max_bytes)
{
    std::string text;
    char buf[1 << 16];
    std::size_t n;
    while (text.size() <= max_bytes && (n = std::fread(buf, 1, sizeof buf, stdin)) > 0) text.append(buf, n);
    if (std::ferror(stdin)) return std::nullopt;
    return text;
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
    detail::check_timed(s, [&] { return validate(content, opts); });
    detail::hint_json_lines(s.findings, content);
    return {std::move(s)};
}

inline std::optional<std::vector<sourced_report>> check_file(const std::filesystem::path& path, grouping g,
                                                             const options& opts, std::string& error, bool json_lines,
                                                             const case_filter& selected)
{
    std::size_t size = 0;
    const auto text = read_file(path, opts.max_bytes, error, &size);
    if (!text) return std::nullopt;
    const auto name = path.string();
    if (size > opts.max_bytes) {
        if (!detail::takes(selected, name)) return std::vector<sourced_report>{};
        sourced_report s;
        s.source = name;
        s.findings = too_large(size, opts);
        return std::vector<sourced_report>{std::move(s)};
    }
    return check_text(*text, name, g, opts, json_lines, selected);
}

inline std::vector<sourced_report> check_json_lines(std::string_view content, const std::string& source,
                                                    grouping g, const options& opts, const case_filter& selected)
{
    if (content.size() > opts.max_bytes) {
        if (!detail::takes(selected, source)) return {};
        sourced_report s;
        s.source = source;
        detail::check_timed(s, [&] { return validate(content, opts); });
        return {std::move(s)};
    }
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
        detail::check_timed(s, [&] { return validate(content, opts); });
        out.push_back(std::move(s));
        return out;
    }
    auto har = read_har(content);
    report capture;
    {
        detail::sink out_sink(opts, capture.diagnostics);
        for (auto& d : har.findings.diagnostics)
            out_sink.add(*find_rule(d.rule), d.offset, d.pointer, d.message);
    }
    if (!capture.diagnostics.empty() && detail::takes(selected, source)) {
        locate_all(capture, content);
        sourced_report s;
        s.source = source;
        s.findings = std::move(capture);
        out.push_back(std::move(s));
    }
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
                                                  const options& opts, std::vector<std::string>& errors)
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
        sourced_report s;
        s.source = f.string();
        detail::check_timed(s, [&] { return size > opts.max_bytes ? too_large(size, opts) : seq.add(*text, s.source); });
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

/// One run of `check_inputs`: payload files named one after another form one sequence when
/// grouped, so they wait in `pending` until an input of another kind (or the end) closes it.
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

class input_run
{
public:
    input_run(grouping g, const options& opts, const input_handler& on, bool json_lines)
        : g_(g), opts_(opts), on_(on), json_lines_(json_lines)
    {
    }

    void add(const std::string& p)
    {
        std::error_code ec; // a link that loops is not a folder: input() says what it is
        if (g_ == grouping::sequences && p != "-" && kind_of(p, json_lines_) == file_kind::payload &&
            !std::filesystem::is_directory(p, ec)) {
            pending_.push_back(p);
            return;
        }
        flush();
        input(p);
    }

    void flush()
    {
        // Payloads named one after another are one case, named by the first.
        if (!pending_.empty() && !takes(on_.selected, pending_.front())) pending_.clear();
        if (pending_.empty()) return;
        sequence_checker seq(opts_);
        for (const auto& f : pending_) {
            std::string error;
            std::size_t size = 0;
            auto content = read_file(f, opts_.max_bytes, error, &size);
            if (!content) {
                on_.error(error);
                continue;
            }
            sourced_report r;
            r.source = f;
            detail::check_timed(r, [&] { return size > opts_.max_bytes ? too_large(size, opts_) : seq.add(*content, f); });
            on_.report(std::move(r));
        }
        pending_.clear();
    }

private:
    void input(const std::string& p)
    {
        namespace fs = std::filesystem;
        if (p == "-") return standard_input();
        std::error_code ec;
        const auto status = fs::status(p, ec);
        if (ec || !fs::exists(status))
            return on_.error(fs::is_symlink(fs::symlink_status(p, ec)) ? unresolvable_link(p)
                                                                         : p + ": no such file or folder");
        if (!fs::is_directory(status)) return file(p);
        if (g_ == grouping::sequences) return folder_sequences(p);
        std::vector<std::string> errors;
        std::vector<skipped_input> skipped;
        const auto files = files_below(p, errors, &skipped);
        report_skipped(skipped);
        for (const auto& f : files) file(f.string());
        if (files.empty() && errors.empty()) errors.push_back(nothing_to_check(p));
        for (auto& e : errors) on_.error(std::move(e));
    }

    // A folder given to check that holds nothing to check is a mistake (a wrong path, a capture
    // not yet written), not a pass: CI must not go green on it.
    static std::string nothing_to_check(const std::string& folder)
    {
        return folder + ": holds no .json, .jsonl, .ndjson or .har file to check";
    }

    // Standard input is one case whatever it holds: it cannot be read twice to find its jobs.
    void standard_input()
    {
        if (!takes(on_.selected, "<stdin>")) return;
        const auto content = read_standard_input(opts_.max_bytes);
        if (!content) return on_.error("<stdin>: read error");
        if (content->size() > opts_.max_bytes) { // a pipe cut past the limit: its real size is not known
            sourced_report r;
            r.source = "<stdin>";
            r.findings = too_large(unknown_position, opts_);
            return on_.report(std::move(r));
        }
        for (auto& r : check_text(*content, "<stdin>", g_, opts_, json_lines_)) on_.report(std::move(r));
    }

    // Checked alone, a file is one case, left unread when not taken; a log or a capture replayed
    // is a case a job, which only reading it can tell.
    void file(const std::string& p)
    {
        const bool alone = g_ == grouping::alone;
        if (alone && !takes(on_.selected, p)) return;
        std::string error;
        auto reports = check_file(p, g_, opts_, error, json_lines_, alone ? case_filter{} : on_.selected);
        if (!reports) return on_.error(error);
        for (auto& r : *reports) on_.report(std::move(r));
    }

    // Every folder from `p` down that holds snapshots is one sequence (a folder of imported
    // jobs, or of corpus cases, replays each); logs and captures anywhere below are their own.
    void folder_sequences(const std::string& p)
    {
        std::vector<std::string> errors;
        bool checked = false;
        for (const auto& folder : folders_from(p)) {
            const auto files = sequence_files(folder, errors);
            checked = checked || !files.empty(); // a case of another shard still counts
            if (files.empty() || !takes(on_.selected, folder.string())) continue;
            for (auto& r : check_sequence(files, opts_, errors)) on_.report(std::move(r));
        }
        std::vector<skipped_input> skipped;
        for (const auto& f : files_below(p, errors, &skipped))
            if (kind_of(f.string(), json_lines_) != file_kind::payload) file(f.string()), checked = true;
        report_skipped(skipped);
        if (!checked && errors.empty()) errors.push_back(nothing_to_check(p));
        for (auto& e : errors) on_.error(std::move(e));
    }

    void report_skipped(std::vector<skipped_input>& skipped)
    {
        if (on_.skipped)
            for (auto& k : skipped) on_.skipped(std::move(k));
    }

    grouping g_;
    const options& opts_;
    const input_handler& on_;
    bool json_lines_;
    std::vector<std::string> pending_;
};

} // namespace detail

inline void check_inputs(const std::vector<std::string>& paths, grouping g, const options& opts,
                         const input_handler& on, bool json_lines)
{
    detail::input_run run(g, opts, on, json_lines);
    for (const auto& p : paths) run.add(p);
    run.flush();
}

} // namespace tented::contract

#endif
