// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_REPLAY_HPP
#define TENTED_CONTRACT_DETAIL_REPLAY_HPP

#include <tented/contract/locate.hpp>
#include <tented/contract/replay.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <system_error>

namespace tented::contract::detail {

inline bool ends_with(std::string_view s, std::string_view tail)
{
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// Runs `records` through per-job sequence checkers (or alone), keeping their order.
inline std::vector<sourced_report> check_records(const std::vector<record>& records, const std::string& source,
                                                 bool har, grouping g, const options& opts)
{
    std::vector<sourced_report> out;
    std::map<std::string, sequence_checker> jobs;
    for (const auto& r : records) {
        sourced_report s;
        s.source = source;
        s.har_entry = har;
        s.record = har ? r.entry : r.line;
        if (g == grouping::alone || r.job_id.empty()) {
            s.findings = validate(r.text, opts);
        } else {
            auto it = jobs.try_emplace(r.job_id, opts).first;
            s.findings = it->second.add(r.text, har ? s.label() : source, har ? 1 : r.line);
        }
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
    out.add(rule::json_too_large, 0, "", detail::too_large_message(size, opts.max_bytes));
    for (auto& d : r.diagnostics) d.line = d.column = d.character = 1;
    return r;
}

inline std::optional<std::vector<sourced_report>> check_file(const std::filesystem::path& path, grouping g,
                                                             const options& opts, std::string& error, bool json_lines)
{
    std::size_t size = 0;
    const auto text = read_file(path, opts.max_bytes, error, &size);
    if (!text) return std::nullopt;
    const auto name = path.string();
    if (size > opts.max_bytes) {
        sourced_report s;
        s.source = name;
        s.findings = too_large(size, opts);
        return std::vector<sourced_report>{std::move(s)};
    }
    if (detail::ends_with(name, ".har")) return check_har(*text, name, g, opts);
    if (json_lines || detail::ends_with(name, ".jsonl") || detail::ends_with(name, ".ndjson"))
        return check_json_lines(*text, name, g, opts);
    sourced_report s;
    s.source = name;
    s.findings = validate(*text, opts);
    return std::vector<sourced_report>{std::move(s)};
}

inline std::vector<sourced_report> check_json_lines(std::string_view content, const std::string& source,
                                                    grouping g, const options& opts)
{
    if (content.size() > opts.max_bytes) {
        sourced_report s;
        s.source = source;
        s.findings = validate(content, opts);
        return {std::move(s)};
    }
    return detail::check_records(read_json_lines(content), source, false, g, opts);
}

inline std::vector<sourced_report> check_har(std::string_view content, const std::string& source, grouping g,
                                             const options& opts)
{
    std::vector<sourced_report> out;
    if (content.size() > opts.max_bytes) {
        sourced_report s;
        s.source = source;
        s.findings = validate(content, opts);
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
    if (!capture.diagnostics.empty()) {
        locate_all(capture, content);
        sourced_report s;
        s.source = source;
        s.findings = std::move(capture);
        out.push_back(std::move(s));
    }
    auto polls = detail::check_records(har.polls, source, true, g, opts);
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

inline std::vector<sourced_report> check_sequence_folder(const std::filesystem::path& folder,
                                                         const options& opts, std::vector<std::string>& errors)
{
    const auto files = sequence_files(folder, errors);
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
        s.findings = size > opts.max_bytes ? too_large(size, opts) : seq.add(*text, s.source);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace tented::contract

#endif
