// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CORPUS_HPP
#define TENTED_CONTRACT_DETAIL_CORPUS_HPP

#include <tented/contract/corpus.hpp>
#include <tented/contract/detail/replay.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tented::contract::detail {

inline std::string slurp(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in) throw corpus_error(p.string() + ": cannot be read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::vector<std::string> read_expect(const std::filesystem::path& p)
{
    std::vector<std::string> ids;
    std::istringstream in(slurp(p));
    for (std::string line; std::getline(in, line);) {
        line = line.substr(0, line.find('#'));
        const auto b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos) continue;
        line = line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
        if (!find_rule(line)) throw corpus_error(p.string() + ": unknown rule id '" + line + "'" + nearest_rule_hint(line));
        ids.push_back(line);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

inline options read_options(const std::filesystem::path& p)
{
    boost::system::error_code ec;
    const auto v = boost::json::parse(slurp(p), ec);
    if (ec || !v.is_object()) throw corpus_error(p.string() + ": expected a JSON object of options");
    options o;
    for (const auto& kv : v.get_object()) {
        const auto* n = kv.value().if_int64();
        if (!n || *n < 0) throw corpus_error(p.string() + ": " + detail::quoted(kv.key()) + " must be a non-negative integer");
        if (kv.key() == "max_bytes") o.max_bytes = static_cast<std::size_t>(*n);
        else if (kv.key() == "max_items") o.max_items = *n;
        else if (kv.key() == "max_depth" && static_cast<std::uint64_t>(*n) > max_safe_depth)
            throw corpus_error(p.string() + ": \"max_depth\" must be at most " + std::to_string(max_safe_depth));
        else if (kv.key() == "max_depth") o.max_depth = static_cast<std::size_t>(*n);
        else throw corpus_error(p.string() + ": unknown option " + detail::quoted(kv.key()));
    }
    return o;
}

// `{rule-id}` for a case below an `invalid` folder, from the components between it and the case.
inline std::vector<std::string> expected_from_layout(const std::filesystem::path& relative)
{
    std::vector<std::string> parts;
    for (const auto& part : relative) parts.push_back(part.string());
    const auto it = std::find(parts.begin(), parts.end(), "invalid");
    if (it == parts.end() || parts.end() - it < 3) return {};
    std::string id;
    for (auto p = it + 1; p != parts.end() - 1; ++p) id += (id.empty() ? "" : "/") + *p;
    return {id};
}

inline void add_case(std::vector<corpus_case>& out, const std::filesystem::path& root,
                     const std::filesystem::path& path, case_kind kind)
{
    corpus_case c;
    c.path = path;
    c.kind = kind;
    // Lexically: a case that is a symbolic link keeps its own name, not its target's.
    const auto relative = path.lexically_relative(root);
    c.name = relative.generic_string();
    auto stem = path;
    if (kind == case_kind::sequence_folder) stem += ".expect";
    else stem.replace_extension(".expect");
    if (std::filesystem::exists(stem)) {
        c.expected = read_expect(stem);
    } else {
        c.expected = expected_from_layout(relative);
        if (!c.expected.empty() && !find_rule(c.expected.front()))
            throw corpus_error(path.string() + ": folder names no rule id ('" + c.expected.front() + "')");
    }
    auto opts = path;
    if (kind == case_kind::sequence_folder) opts += ".options.json";
    else opts.replace_extension(".options.json");
    if (std::filesystem::exists(opts)) c.opts = read_options(opts);
    out.push_back(std::move(c));
}

inline bool holds_snapshots(const std::filesystem::path& dir)
{
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".json") return true;
    return false;
}

inline void accumulate(case_outcome& o, std::vector<sourced_report> reports)
{
    for (auto& r : reports) {
        auto ids = r.findings.rule_ids();
        o.raised.insert(o.raised.end(), ids.begin(), ids.end());
        o.reports.push_back(std::move(r));
    }
}

/// `installed_corpus_dir` with the macro's value given (null: undefined), for a test to try any.
inline std::filesystem::path configured_corpus_dir(const char* configured)
{
    if (!configured)
        throw corpus_error("the kit's corpus folder is unknown: TENTED_CONTRACT_CORPUS_DIR is not defined "
                           "(the CMake target tented::contract, the pkg-config file tented-contract.pc and "
                           "the meson dependency tented-contract define it; without them, define it yourself)");
    std::error_code ec;
    if (!std::filesystem::is_directory(configured, ec))
        throw corpus_error(std::string("TENTED_CONTRACT_CORPUS_DIR names '") + configured +
                           "', which is not a folder: was the kit installed with its corpus, and not moved since?");
    return configured;
}

} // namespace tented::contract::detail

namespace tented::contract {

inline std::vector<corpus_case> load_corpus(const std::filesystem::path& root)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw corpus_error(root.string() + (fs::exists(root, ec) ? ": not a folder (a corpus is a folder of cases)"
                                                                  : ": no such file or folder"));
    std::vector<corpus_case> out;
    try {
        for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
            const auto& p = it->path();
            const auto name = p.filename().string();
            const bool in_sequences = p.generic_string().find("/sequences/") != std::string::npos ||
                                      p.lexically_relative(root).begin()->string() == "sequences";
            std::error_code type_ec;
            if (it->is_directory()) {
                if (in_sequences && detail::holds_snapshots(p)) {
                    detail::add_case(out, root, p, case_kind::sequence_folder);
                    it.disable_recursion_pending();
                }
            } else if (!it->is_regular_file(type_ec)) {
                continue; // FIFOs, sockets, devices and links to them: reading one could block forever
            } else if (detail::ends_with(name, ".jsonl") || detail::ends_with(name, ".ndjson")) {
                detail::add_case(out, root, p, case_kind::json_lines);
            } else if (detail::ends_with(name, ".har")) {
                detail::add_case(out, root, p, case_kind::har);
            } else if (detail::ends_with(name, ".json") && !detail::ends_with(name, ".options.json")) {
                detail::add_case(out, root, p, case_kind::payload);
            }
        }
    } catch (const fs::filesystem_error& e) {
        throw corpus_error(std::string("cannot walk the corpus: ") + e.what());
    }
    if (out.empty())
        throw corpus_error(root.string() + ": holds no corpus case (a .json, .jsonl, .ndjson or .har file, or a sequence folder)");
    std::sort(out.begin(), out.end(), [](const corpus_case& a, const corpus_case& b) { return a.name < b.name; });
    return out;
}

// Every translation unit of a program sees the same macro (its build defines it for the whole
// target), so this inline function has one definition.
inline std::filesystem::path installed_corpus_dir()
{
#ifdef TENTED_CONTRACT_CORPUS_DIR
    return detail::configured_corpus_dir(TENTED_CONTRACT_CORPUS_DIR);
#else
    return detail::configured_corpus_dir(nullptr);
#endif
}

inline case_outcome replay_case(const corpus_case& c)
{
    case_outcome o;
    if (c.kind == case_kind::sequence_folder) {
        detail::accumulate(o, check_sequence_folder(c.path, c.opts, o.errors));
    } else {
        std::string error;
        auto reports = check_file(c.path, c.kind == case_kind::payload ? grouping::alone : grouping::sequences, c.opts,
                                  error, c.kind == case_kind::json_lines);
        if (!reports) {
            o.errors.push_back(error);
            return o;
        }
        detail::accumulate(o, std::move(*reports));
    }
    std::sort(o.raised.begin(), o.raised.end());
    o.raised.erase(std::unique(o.raised.begin(), o.raised.end()), o.raised.end());
    return o;
}

} // namespace tented::contract

#endif
