// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_SERVER_HPP
#define TENTED_CONTRACT_TESTING_SERVER_HPP

// An HTTP server of recorded responses, for tests of a client of GET /v1/bulk-jobs/{bulkJobId}:
// per-job cursors over the recorded snapshots, the reference's errors, faults, and a journal of
// the requests. `tented-contract serve` is this server behind a command line. Boost.Beast and
// Boost.Asio (header-only in Boost 1.81) and a thread: link `tented::contract_server` (CMake) or
// `tented_contract_server_dep` (meson), which add Threads to the header-only core.

#include <tented/contract/rules.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tented::contract::testing {

/** The recorded snapshots of one bulk job, in the order the server answers them.

    - `id`: the `{bulkJobId}` it is served under (compared byte for byte with the request's).
    - `snapshots`: the response bodies, exactly as recorded; never empty.
    - `source`: the path it was loaded from, for messages.
*/
struct served_job
{
    std::string id;
    std::vector<std::string> snapshots;
    std::string source;
};

/// Thrown by `load_recordings` (and the `server` constructor given paths): the message names the
/// path and what is wrong with it.
class recording_error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/** The jobs recorded in `paths`, read as `tented-contract replay` reads them:

    - a folder: one poll sequence, its `*.json` files in name order (`sequence_files`), served
      under the `bulk_job_id` of its first snapshot;
    - a `.jsonl` / `.ndjson` JSON Lines log: its records grouped by their `bulk_job_id`, each group
      in file order;
    - a `.har` capture: its `GET .../v1/bulk-jobs/{id}` polls answered 200 (`read_har`), grouped by
      the `{id}` of their URL, ordered by `startedDateTime`; a poll whose body names another job
      (`seq/same-job`) is served in its place, as recorded: the API answering with another job;
    - any other file: one payload, a job of one snapshot, served under its `bulk_job_id`.

    Errors: throws `recording_error` for a path that cannot be read, a file over
    `opts.max_bytes`, a recording holding no snapshot, a snapshot or record whose job cannot be
    told (no readable `bulk_job_id`), or a job found in two places.
*/
inline std::vector<served_job> load_recordings(const std::vector<std::filesystem::path>& paths,
                                               const options& opts = {});

/** A fault rule: what a request gets instead of its snapshot, and which requests.

    Written `WHAT[:PARAM]@WHEN` (`parse_fault`):
    - WHAT: an HTTP status from 400 to 599 (answered with a JSON error body), `drop` (the
      connection is closed without an answer), `truncate` (the snapshot's headers, with its whole
      `Content-Length`, then half its body, then the connection closes) or `hang` (no answer ever:
      the connection is held until the client closes it or the server stops);
    - PARAM: `retry-after=SECONDS` (statuses only; 429 and 503 send `Retry-After: 1` unless told);
    - WHEN: `N`, the N-th request of every job (1-based, counting every request the job got,
      faulted or not), or `rate=P`, each request with probability P (0 to 1), drawn from the seed,
      the job and the request's number, so the same seed faults the same requests of a job
      whatever the order in which jobs are polled.
    A faulted request does not move its job's cursor: the snapshot it would have had goes to the
    next request. Examples: `429@2`, `429:retry-after=3@1`, `500@rate=0.25`, `drop@3`,
    `truncate@1`, `hang@2`.
*/
struct fault
{
    enum class kind { status, drop, truncate, hang };

    kind what = kind::status;
    unsigned status = 500;           ///< the status answered, for `kind::status`
    std::optional<unsigned> retry_after; ///< seconds, sent as `Retry-After`
    std::uint64_t nth = 0;           ///< the request of each job it fires on; 0: `rate` decides
    double rate = 0;                 ///< the probability it fires on any request when `nth` is 0
    std::string text;                ///< the rule as written, as the journal names it
};

/// The fault rule `text` means (see `fault`), or `std::nullopt` with `error` set to a sentence
/// saying what is wrong with it.
inline std::optional<fault> parse_fault(std::string_view text, std::string& error);

/** A delay before every answer of the API path, in milliseconds: `min` when `max` equals it, else
    drawn from [min, max] by the seed (as `fault` rates are). Written `MS` or `MIN..MAX`. */
struct latency
{
    std::chrono::milliseconds min{0};
    std::chrono::milliseconds max{0};
};

/// The latency `text` means (`250`, `100..400`), or `std::nullopt` with `error` set.
inline std::optional<latency> parse_latency(std::string_view text, std::string& error);

/** How a `server` listens and answers.

    - `host`, `port`: where it listens; loopback by default; port 0 takes a free port.
    - `token`: when set, every `GET /v1/bulk-jobs/{id}` must carry `Authorization: Bearer TOKEN`
      (else 401). The token is never stored in the journal.
    - `seed`, `delay`, `faults`: see `latency` and `fault`; the first rule that fires wins.
    - `idle_timeout`: the longest a connection may take to send one whole request (a slow client
      is closed after it), and the longest it may stay idle between requests.
    - `max_connections`: connections beyond it are closed as soon as accepted.
    - `max_header_bytes`: the request line and headers together (431 beyond); request bodies are
      limited to 64 KiB (413 beyond).
    - `journal_limit`: requests journaled at most (each holds its target, up to 8 KiB: the
      default bounds the journal near 80 MiB); later ones are counted in `journal_dropped`.
*/
struct server_options
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::optional<std::string> token;
    std::uint64_t seed = 0;
    latency delay;
    std::vector<fault> faults;
    std::chrono::milliseconds idle_timeout{10000};
    std::size_t max_connections = 256;
    std::size_t max_header_bytes = 8192;
    std::size_t journal_limit = 10000;
};

/** One request the server received on its API path (every path but `/__admin/...`).

    - `method`, `target`: as received; the token's text, wherever it appears, is `[redacted]`.
    - `job`: the `{bulkJobId}` asked for when the server holds that job (else empty); `n`: which
      request of that job it was (1-based; 0 when it did not reach a job: not held, or refused
      with 401 or 405).
    - `bearer`: whether an `Authorization: Bearer ...` header came (its value is never kept).
    - `status`: the status answered (200 for a truncated body); 0 when no answer was sent
      (`drop`, `hang`).
    - `fault`: the fault rule that fired, as written; empty when none did.
    - `received`: when its request was read whole.
*/
struct journal_entry
{
    std::string method;
    std::string target;
    std::string job;
    std::uint64_t n = 0;
    bool bearer = false;
    unsigned status = 0;
    std::string fault;
    std::chrono::steady_clock::time_point received;
};

namespace detail {
class server_core;
}

/** An HTTP/1.1 server of recorded bulk jobs on a thread of its own, for a client's tests.

    - `GET /v1/bulk-jobs/{id}`: the n-th request of a job gets its n-th snapshot, then the last
      one repeats (`200`, `application/json`, the body byte for byte). 401 when `token` is set
      and the request's bearer token is missing or differs; 400 for an id that is not a ULID
      (`format/ulid`; missing, or with any other character: `/`, `%`, `.`); 404 for a ULID it
      does not hold; 405 for another method. Error bodies are JSON:
      `{"error":{"status":404,"code":"NOT_FOUND","message":"..."}}`, the message being the
      reference's cause.
    - `POST /__admin/reset`: every job's cursor back to its first snapshot and the journal
      emptied; `POST /__admin/reset?job=ID`: that job's cursor and request count only (404 when
      not held). `GET /__admin/requests`: the journal as JSON (`journal_json`). Not journaled,
      and open without the token.
    - Serves only what it was given: no part of a request reaches the filesystem.

    Errors: the constructors throw `recording_error` (paths) or `std::system_error` (cannot
    listen on `host:port`: "cannot listen on HOST port PORT: REASON"), or
    `std::invalid_argument` for a `host` that is no IP address ("cannot listen on HOST: not an IP
    address (...)"). Stops when destroyed.
    Example (Catch2):
    @code
    tented::contract::testing::server api({"corpus/sequences/valid/credit-cost-two"});
    my_client client(api.base_url());   // "http://127.0.0.1:40123"
    ...
    CHECK(api.journal().size() == 3);
    @endcode
    Source: reference page, "Endpoint" and "Common Errors".
*/
class server
{
public:
    /// Serves the recordings of `paths` (see `load_recordings`).
    inline explicit server(const std::vector<std::filesystem::path>& paths, server_options opts = {});
    /// Serves `jobs` as given.
    inline explicit server(std::vector<served_job> jobs, server_options opts = {});
    inline ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// `http://HOST:PORT` (IPv6 hosts in brackets), without a trailing slash.
    inline std::string base_url() const;
    /// The port it listens on (the one taken when 0 was asked).
    inline std::uint16_t port() const;
    /// A copy of the journal, oldest request first.
    inline std::vector<journal_entry> journal() const;
    /// How many requests came after the journal was full.
    inline std::size_t journal_dropped() const;
    /// The journal as `GET /__admin/requests` gives it: `{"requests":[{"method", "target", "job",
    /// "n", "bearer", "status", "fault", "at_us"}, ...], "dropped": N}`, members as in
    /// `journal_entry` (a byte of a request that is not UTF-8 as U+FFFD, `valid_utf8`), `at_us`
    /// the microseconds from the server's start to `received`.
    inline std::string journal_json() const;
    /// As `POST /__admin/reset`: every cursor back to the start, the journal emptied.
    inline void reset();
    /// As `POST /__admin/reset?job=ID`; false when it holds no such job.
    inline bool reset(std::string_view job);
    /// Stops listening, closes every connection and joins its thread; idempotent.
    inline void stop();

private:
    std::unique_ptr<detail::server_core> core_;
};

} // namespace tented::contract::testing

#include <tented/contract/testing/detail/server.hpp>

#endif
