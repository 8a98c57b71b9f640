// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_SHARD_HPP
#define TENTED_CONTRACT_SHARD_HPP

#include <tented/contract/output.hpp>
#include <tented/contract/replay.hpp>

#include <cstddef>
#include <cstdlib>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tented::contract {

/** One part of a run split across machines or processes, as Bazel and GoogleTest split a test:
    the case ids of the whole run sorted bytewise, case `k` of that list is shard `k % count`'s.
    Shards are numbered from 0; `{0, 1}` is the whole run. Every shard of a count together check
    each case of the run exactly once. */
struct shard
{
    std::size_t index = 0; ///< from 0 to `count - 1`
    std::size_t count = 1; ///< at least 1

    /// Whether case number `k` (from 0) of the sorted case ids is this shard's.
    bool deals(std::size_t k) const noexcept { return k % count == index; }
};

/** A shard that cannot be: an index not below its count, a count of 0, a value that is not a
    whole number, one variable of a pair without the other, or a status file that cannot be
    written. The message names the flag or the variable and the value; the CLI exits 2. */
class shard_error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Looks an environment variable up: its value, or null when unset (`std::getenv`'s shape).
using environment_lookup = std::function<const char*(const char*)>;

/** The shard that sharding flags name: `index` and `count` as `--shard-index` and
    `--shard-count` give them, both or neither. Neither: the shard the environment names
    (`shard_from_environment`): flags win over the environment, which is then not read.

    Returns `std::nullopt` when neither flags nor environment shard the run.
    Errors: throws `shard_error` when only one flag is given, `index >= count` or `count` is 0,
    naming the flags; and as `shard_from_environment` throws. */
inline std::optional<shard> shard_from_flags(std::optional<std::size_t> index, std::optional<std::size_t> count,
                                             const environment_lookup& env = std::getenv);

/** The shard a test runner names in the environment: Bazel's test-sharding protocol first
    (`TEST_SHARD_INDEX`, `TEST_TOTAL_SHARDS`; when they are used, the file `TEST_SHARD_STATUS_FILE`
    names, if set, is created, which tells Bazel that the runner shards), then GoogleTest's
    (`GTEST_SHARD_INDEX`, `GTEST_TOTAL_SHARDS`). A variable set to an empty value counts as unset.

    Returns `std::nullopt` when neither pair is set.
    Errors: throws `shard_error` naming the variable and its value when one of a pair is set
    without the other, a value is not a whole number, the count is 0 or the index not below it,
    or the status file cannot be created.
    Source: https://bazel.build/reference/test-encyclopedia (test sharding), GoogleTest's
    advanced guide (distributing test functions to multiple machines). */
inline std::optional<shard> shard_from_environment(const environment_lookup& env = std::getenv);

/** The items of shard `s`: `items` sorted by `id_of(item)` (a `std::string`) bytewise, stable for
    equal ids, item `k` of them to shard `k % s.count`; in that order. */
template <class T, class IdOf>
std::vector<T> deal(std::vector<T> items, shard s, IdOf id_of);

/** The ids of the cases `check_inputs(paths, g, opts, on, json_lines)` checks (see
    `case_filter`), sorted bytewise, each once. Payloads and snapshots are not read; with
    `grouping::sequences`, logs and captures are read to find their jobs. Nothing is validated
    and nothing reported: an input that cannot be read is left to the run itself to say. */
inline std::vector<std::string> case_ids(const std::vector<std::string>& paths, grouping g, const options& opts,
                                         bool json_lines = false);

/** The filter (`input_handler::selected`) that takes the cases of shard `s` of a run whose case
    ids are `ids` (as `case_ids` lists them; an id given twice counts once): the shard's part
    (`deal`), each case of the run in exactly one shard of the count. Safe to call from several
    threads at once. */
inline case_filter shard_filter(std::vector<std::string> ids, shard s);

} // namespace tented::contract

#include <tented/contract/detail/shard.hpp>

#endif
