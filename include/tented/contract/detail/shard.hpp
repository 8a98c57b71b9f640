// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SHARD_HPP
#define TENTED_CONTRACT_DETAIL_SHARD_HPP

#include <tented/contract/shard.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <unordered_set>

namespace tented::contract::detail {

/// `index` and `count` as a shard, or `shard_error` naming them by `index_name`, `count_name`.
inline shard checked_shard(std::size_t index, std::size_t count, const std::string& index_name,
                           const std::string& count_name)
{
    if (count == 0) throw shard_error(count_name + " is 0: a run has at least one shard");
    if (index >= count)
        throw shard_error(index_name + " " + std::to_string(index) + " is not below " + count_name + " " +
                          std::to_string(count) + " (shards are numbered from 0)");
    return {index, count};
}

/// The whole number `value` of variable `name`, or `shard_error` naming both.
inline std::size_t shard_number(const char* name, const std::string& value)
{
    errno = 0;
    const bool digits = !value.empty() && value.size() <= 20 && value.find_first_not_of("0123456789") == std::string::npos;
    const auto n = digits ? std::strtoull(value.c_str(), nullptr, 10) : 0;
    if (!digits || errno == ERANGE || n > static_cast<unsigned long long>(static_cast<std::size_t>(-1)))
        throw shard_error(std::string(name) + " is " + printable(detail::quoted(value)) + ": expected a whole number");
    return static_cast<std::size_t>(n);
}

/// The shard a pair of variables names, or nothing when neither is set (or both are empty).
inline std::optional<shard> shard_variables(const environment_lookup& env, const char* index_name,
                                            const char* count_name)
{
    const auto read = [&](const char* name) -> std::optional<std::string> {
        const char* v = env(name);
        if (!v || !*v) return std::nullopt;
        return std::string(v);
    };
    const auto index = read(index_name), count = read(count_name);
    if (!index && !count) return std::nullopt;
    if (!index || !count)
        throw shard_error(std::string(index ? index_name : count_name) + " is set and " +
                          (index ? count_name : index_name) + " is not: a shard needs both");
    return checked_shard(shard_number(index_name, *index), shard_number(count_name, *count), index_name,
                         count_name);
}

} // namespace tented::contract::detail

namespace tented::contract {

inline std::optional<shard> shard_from_flags(std::optional<std::size_t> index, std::optional<std::size_t> count,
                                             const environment_lookup& env)
{
    if (!index && !count) return shard_from_environment(env);
    if (!index || !count)
        throw shard_error(std::string(index ? "--shard-index" : "--shard-count") + " is given without " +
                          (index ? "--shard-count" : "--shard-index") + ": a shard needs both");
    return detail::checked_shard(*index, *count, "--shard-index", "--shard-count");
}

inline std::optional<shard> shard_from_environment(const environment_lookup& env)
{
    if (auto bazel = detail::shard_variables(env, "TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS")) {
        // Bazel fails a sharded test whose runner leaves this file missing: it means "I shard".
        if (const char* status = env("TEST_SHARD_STATUS_FILE"); status && *status) {
            errno = 0;
            std::ofstream touch(status, std::ios::binary | std::ios::app);
            if (!touch)
                throw shard_error("TEST_SHARD_STATUS_FILE is " + printable(detail::quoted(status, std::string_view::npos)) + ", which cannot be created (" +
                                  (errno ? std::strerror(errno) : "unknown error") + ")");
        }
        return bazel;
    }
    return detail::shard_variables(env, "GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS");
}

template <class T, class IdOf>
std::vector<T> deal(std::vector<T> items, shard s, IdOf id_of)
{
    std::vector<std::pair<std::string, std::size_t>> order; // each id computed once
    order.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) order.emplace_back(id_of(items[i]), i);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<T> out;
    for (std::size_t k = 0; k < order.size(); ++k)
        if (s.deals(k)) out.push_back(std::move(items[order[k].second]));
    return out;
}

inline std::vector<std::string> case_ids(const std::vector<std::string>& paths, grouping g, const options& opts,
                                         bool json_lines)
{
    std::vector<std::string> ids;
    std::mutex m; // the run may ask from several threads
    input_handler on{[](sourced_report) {}, [](std::string) {}};
    on.selected = [&](const std::string& id) {
        const std::lock_guard<std::mutex> lock(m);
        ids.push_back(id);
        return false;
    };
    check_inputs(paths, g, opts, on, json_lines);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

inline case_filter shard_filter(std::vector<std::string> ids, shard s)
{
    std::sort(ids.begin(), ids.end()); // an id twice would be dealt to two shards
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto own = deal(std::move(ids), s, [](const std::string& id) { return id; });
    auto taken = std::make_shared<const std::unordered_set<std::string>>(std::make_move_iterator(own.begin()),
                                                                         std::make_move_iterator(own.end()));
    return [taken](const std::string& id) { return taken->count(id) > 0; };
}

} // namespace tented::contract

#endif
