// The server of recordings (testing/server.hpp, `tented-contract serve`): what it answers, its
// faults and journal, and what it does with hostile clients. Loopback only; every exchange is
// bounded in time by its client.
#include "served_cli.hpp"
#include "support.hpp"

#include <tented/contract/testing/server.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

#include <signal.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <functional>
#include <numeric>
#include <thread>

namespace tt = tented::contract::testing;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

const std::string credit_cost_two = (support::corpus_dir() / "sequences/valid/credit-cost-two").string();
const std::string credit_job = "01JRZXFBZW7P6XZ636RYQR8CYW";

std::string snapshot(int n) { return support::read(credit_cost_two + "/00" + std::to_string(n) + ".json"); }

/// What came back on one connection: every byte before the server closed it (`closed`) or
/// before the time limit.
struct exchange_result
{
    std::string bytes;
    bool closed = false;
};

/** Opens a connection to `port`, sends `request` (in `pieces` of that many bytes, `gap` apart,
    when `pieces` is not 0) and reads until the server closes or `limit` passes. */
exchange_result exchange(std::uint16_t port, const std::string& request, std::chrono::milliseconds limit = 10s,
                         std::size_t pieces = 0, std::chrono::milliseconds gap = 0ms)
{
    asio::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    exchange_result r;
    std::array<char, 1 << 16> buf{};
    std::function<void()> read = [&] {
        socket.async_read_some(asio::buffer(buf), [&](boost::system::error_code ec, std::size_t n) {
            r.bytes.append(buf.data(), n);
            if (ec) {
                r.closed = true;
                ioc.stop();
                return;
            }
            read();
        });
    };
    read();
    asio::steady_timer timer(ioc);
    std::size_t sent = 0;
    std::function<void()> send = [&] {
        const auto n = pieces ? std::min(pieces, request.size() - sent) : request.size();
        asio::async_write(socket, asio::buffer(request.data() + sent, n), [&, n](boost::system::error_code ec, std::size_t) {
            sent += n;
            if (ec || sent == request.size()) return;
            timer.expires_after(gap);
            timer.async_wait([&](boost::system::error_code e) {
                if (!e) send();
            });
        });
    };
    send();
    ioc.run_for(limit);
    return r;
}

/// The responses in `bytes`, in order; a last one cut short is left out.
std::vector<http::response<http::string_body>> responses(const std::string& bytes)
{
    std::vector<http::response<http::string_body>> out;
    std::string_view rest = bytes;
    while (!rest.empty()) {
        http::response_parser<http::string_body> p;
        p.body_limit(64u << 20);
        p.eager(true);
        boost::system::error_code ec;
        std::size_t used = 0;
        while (!p.is_done() && !ec && used < rest.size()) used += p.put(asio::buffer(rest.data() + used, rest.size() - used), ec);
        if (!p.is_done()) break;
        out.push_back(p.release());
        rest.remove_prefix(used);
    }
    return out;
}

std::string get_request(const std::string& target, const std::string& extra = "", bool close = true)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + (close ? "Connection: close\r\n" : "") + "\r\n";
}

/// One GET on a connection of its own; the response, or a default one (status 0) when none came whole.
http::response<http::string_body> get(const tt::server& api, const std::string& target, const std::string& extra = "")
{
    auto all = responses(exchange(api.port(), get_request(target, extra)).bytes);
    return all.empty() ? http::response<http::string_body>{} : all.front();
}

std::vector<unsigned> statuses(const tt::server& api)
{
    std::vector<unsigned> out;
    for (const auto& e : api.journal()) out.push_back(e.status);
    return out;
}

tt::server_options with_faults(std::initializer_list<const char*> rules, std::uint64_t seed = 0)
{
    tt::server_options o;
    o.seed = seed;
    for (const auto* r : rules) {
        std::string error;
        auto f = tt::parse_fault(r, error);
        REQUIRE(error == "");
        o.faults.push_back(*f);
    }
    return o;
}

} // namespace

TEST_CASE("the server answers a job's snapshots in order, then repeats the last one", "[server]")
{
    tt::server api({credit_cost_two});
    CHECK(api.base_url() == "http://127.0.0.1:" + std::to_string(api.port()));
    for (int n : {1, 2, 3, 3, 3}) {
        const auto res = get(api, "/v1/bulk-jobs/" + credit_job);
        CHECK(res.result_int() == 200);
        CHECK(res[http::field::content_type] == "application/json");
        CHECK(res.body() == snapshot(n)); // byte for byte
    }
    const auto journal = api.journal();
    REQUIRE(journal.size() == 5);
    CHECK(journal[4].method == "GET");
    CHECK(journal[4].target == "/v1/bulk-jobs/" + credit_job);
    CHECK(journal[4].job == credit_job);
    CHECK(journal[4].n == 5);
    CHECK(journal[4].bearer == false);
    CHECK(journal[4].fault == "");
    CHECK(journal[0].received <= journal[4].received);
}

TEST_CASE("the server answers the reference's errors with JSON bodies", "[server]")
{
    tt::server api({credit_cost_two});
    const auto malformed = R"({"error":{"status":400,"code":"BAD_REQUEST","message":"bulkJobId is missing or malformed"}})";
    for (const char* id : {"", "not-a-ulid", "01JRZXFBZW7P6XZ636RYQR8CYWX", "01JRZXFBZW7P6XZ636RYQR8CYI",
                           "..%2F..%2Fetc%2Fpasswd", "../../../etc/passwd", "01JRZXFBZW7P6XZ636RYQR8CYW/.."}) {
        CAPTURE(id);
        const auto res = get(api, std::string("/v1/bulk-jobs/") + id);
        CHECK(res.result_int() == 400);
        CHECK(res.body() == malformed);
    }
    CHECK(get(api, "/v1/bulk-jobs").result_int() == 400);
    const auto unknown = get(api, "/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K");
    CHECK(unknown.result_int() == 404);
    CHECK(unknown.body() == R"({"error":{"status":404,"code":"NOT_FOUND","message":"The bulk job does not exist in the workspace associated with your API key"}})");
    CHECK(get(api, "/v1/bulk-jobsX").body() == R"({"error":{"status":404,"code":"NOT_FOUND","message":"No such endpoint"}})");
    CHECK(get(api, "/etc/passwd").result_int() == 404);
    const auto post = responses(exchange(api.port(), "DELETE /v1/bulk-jobs/" + credit_job + " HTTP/1.1\r\nConnection: close\r\n\r\n").bytes);
    REQUIRE(post.size() == 1);
    CHECK(post[0].result_int() == 405);
    CHECK(post[0][http::field::allow] == "GET");
    // None of it reached the job: its first snapshot is still next.
    CHECK(get(api, "/v1/bulk-jobs/" + credit_job).body() == snapshot(1));
}

TEST_CASE("a HEAD request's answer has no body, so the next answer on the connection is read whole", "[server]")
{
    tt::server api({credit_cost_two});
    const auto target = "/v1/bulk-jobs/" + credit_job + " HTTP/1.1\r\nHost: x\r\n";
    const auto bytes = exchange(api.port(), "HEAD " + target + "\r\nGET " + target + "Connection: close\r\n\r\n").bytes;
    CHECK(bytes.rfind("HTTP/1.1 405 Method Not Allowed\r\n", 0) == 0);
    const auto second = bytes.find("\r\n\r\nHTTP/1.1 200 OK\r\n");
    REQUIRE(second != std::string::npos);
    CHECK(bytes.substr(bytes.size() - snapshot(1).size()) == snapshot(1));
}

TEST_CASE("with a token, a request without it is answered 401 whatever its method", "[server]")
{
    tt::server_options o;
    o.token = "tnt_secret";
    tt::server api({credit_cost_two}, o);
    const auto res = responses(exchange(api.port(), "DELETE /v1/bulk-jobs/" + credit_job + " HTTP/1.1\r\nConnection: close\r\n\r\n").bytes);
    REQUIRE(res.size() == 1);
    CHECK(res[0].result_int() == 401);
}

TEST_CASE("with a token the server answers 401 to a missing or wrong bearer, and never journals the token", "[server]")
{
    tt::server_options o;
    o.token = "tnt_test_s3cret";
    tt::server api({credit_cost_two}, o);
    const auto target = "/v1/bulk-jobs/" + credit_job;
    const auto unauthorized = R"({"error":{"status":401,"code":"UNAUTHORIZED","message":"Missing or invalid bearer token"}})";
    const auto missing = get(api, target);
    CHECK(missing.result_int() == 401);
    CHECK(missing.body() == unauthorized);
    CHECK(missing[http::field::www_authenticate] == "Bearer");
    CHECK(get(api, target, "Authorization: Bearer tnt_test_s3creT\r\n").result_int() == 401);
    CHECK(get(api, target, "Authorization: Basic tnt_test_s3cret\r\n").result_int() == 401);
    CHECK(get(api, target + "?key=tnt_test_s3cret", "Authorization: bearer tnt_test_s3cret\r\n").body() == snapshot(1));
    // 401 comes before 400 and 404: a client without the token learns nothing about ids.
    CHECK(get(api, "/v1/bulk-jobs/nope").result_int() == 401);

    const auto journal = api.journal();
    REQUIRE(journal.size() == 5);
    CHECK(journal[0].bearer == false);
    CHECK(journal[1].bearer == true);
    CHECK(journal[1].n == 0); // refused before it reached the job
    CHECK(journal[3].n == 1);
    CHECK(journal[3].target == target + "?key=[redacted]");
    const auto json = api.journal_json();
    CHECK(json.find("s3cret") == std::string::npos);
    CHECK(responses(exchange(api.port(), get_request("/__admin/requests")).bytes).front().body() == json);
}

TEST_CASE("the journal stays valid JSON when a request target holds bytes that are not UTF-8", "[server]")
{
    tt::server api({credit_cost_two});
    const std::string raw = "/v1/bulk-jobs/\xff\xfe\xed\xa0\x80";
    const auto answer = responses(exchange(api.port(), get_request(raw)).bytes);
    REQUIRE(answer.size() == 1);
    CHECK(answer.front().result_int() == 400);
    const auto journal = boost::json::parse(api.journal_json());
    CHECK(journal.at("requests").at(0).at("target") == "/v1/bulk-jobs/\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

TEST_CASE("the journal hides a token the client percent-encoded in the query, in either case", "[server]")
{
    tt::server_options o;
    o.token = "tnt_S3cr3t/+=%zz&<>";
    tt::server api({credit_cost_two}, o);
    const auto target = "/v1/bulk-jobs/" + credit_job;
    const auto bearer = "Authorization: Bearer tnt_S3cr3t/+=%zz&<>\r\n";
    CHECK(get(api, target + "?api_key=tnt_S3cr3t%2F%2B%3D%25zz%26%3C%3E", bearer).result_int() == 200);
    CHECK(get(api, target + "?api_key=tnt_S3cr3t%2f%2b%3d%25zz%26%3c%3e&x=1", bearer).result_int() == 200);
    const auto journal = api.journal();
    REQUIRE(journal.size() == 2);
    CHECK(journal[0].target == target + "?api_key=[redacted]");
    CHECK(journal[1].target == target + "?api_key=[redacted]&x=1");
    CHECK(api.journal_json().find("S3cr3t") == std::string::npos);
}

TEST_CASE("the admin endpoints reset cursors and give the journal as JSON", "[server]")
{
    tt::server api({credit_cost_two, (support::corpus_dir() / "sequences/valid/interleaved-two-jobs.jsonl").string()});
    const auto target = "/v1/bulk-jobs/" + credit_job;
    get(api, target);
    get(api, target);
    const auto post = [&](const std::string& t) {
        return responses(exchange(api.port(), "POST " + t + " HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").bytes).front();
    };
    CHECK(post("/__admin/reset?job=" + credit_job).body() == R"({"reset":"01JRZXFBZW7P6XZ636RYQR8CYW"})");
    CHECK(api.journal().size() == 2); // a job's reset keeps the journal
    CHECK(get(api, target).body() == snapshot(1));
    CHECK(post("/__admin/reset?job=01JQZB4H8A7T5B3R2W1X9Y6Z0K").result_int() == 404);
    CHECK(post("/__admin/reset").body() == R"({"reset":"all"})");
    CHECK(get(api, target).body() == snapshot(1));
    const auto journal = get(api, "/__admin/requests").body();
    CHECK(journal.substr(0, journal.find("\"at_us\"")) ==
          R"({"requests":[{"method":"GET","target":"/v1/bulk-jobs/01JRZXFBZW7P6XZ636RYQR8CYW","job":"01JRZXFBZW7P6XZ636RYQR8CYW","n":1,"bearer":false,"status":200,"fault":"",)");
    CHECK(get(api, "/__admin/nothing").result_int() == 404);
    CHECK(get(api, "/__admin/reset").result_int() == 405);
}

TEST_CASE("recordings are read as replay reads them: folders, JSON Lines logs, HAR captures", "[server][recordings]")
{
    const auto seq = support::corpus_dir() / "sequences/valid";
    const auto jobs = tt::load_recordings({seq / "interleaved-two-jobs.jsonl", seq / "browser-capture.har", seq / "credit-cost-two"});
    REQUIRE(jobs.size() == 4);
    CHECK(jobs[0].snapshots.size() == 4);
    CHECK(jobs[1].snapshots.size() == 3);
    CHECK(jobs[0].source == (seq / "interleaved-two-jobs.jsonl").string());
    CHECK(jobs[2].snapshots.size() == 3);
    // The capture lists its polls out of order: served by startedDateTime (2 s, 15 s, 30 s).
    const auto har = tented::contract::read_har(support::read(seq / "browser-capture.har"));
    CHECK(jobs[2].snapshots == std::vector<std::string>{har.polls[0].text, har.polls[1].text, har.polls[2].text});
    CHECK(jobs[3].id == credit_job);
    CHECK(jobs[3].snapshots == std::vector<std::string>{snapshot(1), snapshot(2), snapshot(3)});

    CHECK_THROWS_WITH(tt::load_recordings({seq / "credit-cost-two", seq / "credit-cost-two/002.json"}),
                      "job 01JRZXFBZW7P6XZ636RYQR8CYW is recorded in both " + (seq / "credit-cost-two").string() + " and " +
                          (seq / "credit-cost-two/002.json").string());
    CHECK_THROWS_WITH(tt::load_recordings({seq / "credit-cost-two", seq / "credit-cost-two"}),
                      (seq / "credit-cost-two").string() + ": given twice");
    CHECK_THROWS_WITH(tt::load_recordings({seq / "missing.jsonl"}),
                      (seq / "missing.jsonl").string() + ": no such file or folder");
    const auto include = support::source_dir() / "include";
    CHECK_THROWS_WITH(tt::load_recordings({include}),
                      include.string() + ": holds no recording (*.json snapshots, a .jsonl log or a .har capture)");
}

TEST_CASE("a folder of sequences serves every recording below it, as replay reads it", "[server][recordings]")
{
    const auto seq = support::corpus_dir() / "sequences/valid";
    std::vector<std::string> expected;
    for (const auto& entry : std::filesystem::directory_iterator(seq))
        for (const auto& job : tt::load_recordings({entry.path()})) expected.push_back(job.id + " " + job.source);
    std::vector<std::string> served;
    for (const auto& job : tt::load_recordings({seq})) served.push_back(job.id + " " + job.source);
    std::sort(expected.begin(), expected.end());
    std::sort(served.begin(), served.end());
    CHECK(served.size() >= 10);
    CHECK(served == expected);
}

TEST_CASE("fault rules are parsed from their documented syntax, and refused with a reason", "[server][faults]")
{
    std::string error;
    const auto f = tt::parse_fault("429:retry-after=3@2", error);
    REQUIRE(f);
    CHECK(f->what == tt::fault::kind::status);
    CHECK(f->status == 429);
    CHECK(f->retry_after == 3u);
    CHECK(f->nth == 2);
    CHECK(tt::parse_fault("503@1", error)->retry_after == 1u);
    CHECK(tt::parse_fault("500@1", error)->retry_after == std::nullopt);
    const auto rate = tt::parse_fault("drop@rate=0.25", error);
    CHECK(rate->what == tt::fault::kind::drop);
    CHECK(rate->nth == 0);
    CHECK(rate->rate == 0.25);
    CHECK(tt::parse_fault("truncate@1", error)->what == tt::fault::kind::truncate);
    CHECK(tt::parse_fault("hang@1", error)->what == tt::fault::kind::hang);

    const std::pair<const char*, const char*> bad[] = {
        {"429", "fault rule \"429\": expected WHAT@WHEN, as in 429@2 or drop@rate=0.1"},
        {"200@1", "fault rule \"200@1\": expected a status from 400 to 599, drop, truncate or hang before '@'"},
        {"drop:retry-after=1@1", "fault rule \"drop:retry-after=1@1\": the only parameter is retry-after=SECONDS (0 to 86400), for a status"},
        {"429@0", "fault rule \"429@0\": expected after '@' the request's number (1, 2, ...) or rate=P"},
        {"429@rate=1.5", "fault rule \"429@rate=1.5\": rate= takes a probability from 0 to 1"},
        {"429@rate=-1", "fault rule \"429@rate=-1\": rate= takes a probability from 0 to 1"},
    };
    for (const auto& [text, message] : bad) {
        CHECK_FALSE(tt::parse_fault(text, error));
        CHECK(error == message);
    }
    CHECK(tt::parse_latency("100..300", error)->max == 300ms);
    CHECK_FALSE(tt::parse_latency("300..100", error));
    CHECK(error == "latency \"300..100\": expected MS or MIN..MAX, whole milliseconds up to 3600000");
}

TEST_CASE("a status fault answers in place of a snapshot, which the next request gets", "[server][faults]")
{
    tt::server api({credit_cost_two}, with_faults({"429@1", "500:retry-after=7@3"}));
    const auto target = "/v1/bulk-jobs/" + credit_job;
    const auto limited = get(api, target);
    CHECK(limited.result_int() == 429);
    CHECK(limited[http::field::retry_after] == "1");
    CHECK(limited.body() == R"({"error":{"status":429,"code":"TOO_MANY_REQUESTS","message":"Fault injected by tented-contract serve: 429@1"}})");
    CHECK(get(api, target).body() == snapshot(1));
    const auto failed = get(api, target);
    CHECK(failed.result_int() == 500);
    CHECK(failed[http::field::retry_after] == "7");
    CHECK(get(api, target).body() == snapshot(2));
    CHECK(statuses(api) == std::vector<unsigned>{429, 200, 500, 200});
    CHECK(api.journal()[2].fault == "500:retry-after=7@3");
}

TEST_CASE("drop, truncate and hang faults close, cut or hold the answer", "[server][faults]")
{
    tt::server api({credit_cost_two}, with_faults({"drop@1", "truncate@2", "hang@3"}));
    const auto request = get_request("/v1/bulk-jobs/" + credit_job);
    const auto dropped = exchange(api.port(), request);
    CHECK(dropped.closed);
    CHECK(dropped.bytes == "");

    const auto cut = exchange(api.port(), request);
    CHECK(cut.closed);
    CHECK(responses(cut.bytes).empty()); // the body is shorter than its Content-Length
    const auto body_at = cut.bytes.find("\r\n\r\n") + 4;
    CHECK(cut.bytes.find("Content-Length: " + std::to_string(snapshot(1).size())) != std::string::npos);
    CHECK(cut.bytes.substr(body_at) == snapshot(1).substr(0, snapshot(1).size() / 2));

    const auto held = exchange(api.port(), request, 300ms);
    CHECK_FALSE(held.closed);
    CHECK(held.bytes == "");
    CHECK(get(api, "/v1/bulk-jobs/" + credit_job).body() == snapshot(1));
    CHECK(statuses(api) == std::vector<unsigned>{0, 200, 0, 200});
}

TEST_CASE("rate faults and latencies are the same for the same seed", "[server][faults]")
{
    const auto run = [](std::uint64_t seed) {
        tt::server api({credit_cost_two}, with_faults({"500@rate=0.5"}, seed));
        for (int i = 0; i < 24; ++i) get(api, "/v1/bulk-jobs/" + credit_job);
        return statuses(api);
    };
    const auto first = run(7);
    CHECK(first == run(7));
    CHECK(std::count(first.begin(), first.end(), 500u) > 0);
    CHECK(std::count(first.begin(), first.end(), 200u) > 0);

    tt::server every({credit_cost_two}, with_faults({"503@rate=1"}));
    CHECK(get(every, "/v1/bulk-jobs/" + credit_job).result_int() == 503);

    tt::server_options slow;
    slow.delay = {200ms, 200ms};
    tt::server late({credit_cost_two}, slow);
    const auto start = std::chrono::steady_clock::now();
    CHECK(get(late, "/v1/bulk-jobs/" + credit_job).body() == snapshot(1));
    CHECK(std::chrono::steady_clock::now() - start >= 200ms);
}

TEST_CASE("many clients at once are all answered, each job's cursor moving once a request", "[server]")
{
    tt::server api({credit_cost_two});
    std::vector<std::thread> clients;
    std::vector<int> ok(16, 0);
    for (std::size_t c = 0; c < ok.size(); ++c)
        clients.emplace_back([&, c] {
            for (int i = 0; i < 50; ++i) ok[c] += get(api, "/v1/bulk-jobs/" + credit_job).result_int() == 200;
            ok[c] += static_cast<int>(api.journal().size() > 0); // the journal read while others write it
        });
    for (auto& t : clients) t.join();
    CHECK(std::accumulate(ok.begin(), ok.end(), 0) == 16 * 51);
    const auto journal = api.journal();
    REQUIRE(journal.size() == 800);
    CHECK(journal.back().n == 800);
}

TEST_CASE("hostile clients are answered or closed, and the server still answers after", "[server][hostile]")
{
    tt::server_options o;
    o.idle_timeout = 1500ms;
    o.max_connections = 8;
    tt::server api({credit_cost_two}, o);
    const auto target = "/v1/bulk-jobs/" + credit_job;

    SECTION("a 1 MB header")
    {
        const auto big = exchange(api.port(), get_request(target, "X-Big: " + std::string(1 << 20, 'a') + "\r\n"));
        CHECK(big.closed);
        const auto answered = responses(big.bytes);
        if (!answered.empty()) CHECK(answered.front().result_int() == 431);
    }
    SECTION("10,000 requests on 10 connections")
    {
        std::string many;
        for (int i = 0; i < 999; ++i) many += get_request(target, "", false);
        many += get_request(target);
        std::size_t ok = 0;
        for (int c = 0; c < 10; ++c)
            for (const auto& r : responses(exchange(api.port(), many, 60s).bytes)) ok += r.result_int() == 200;
        CHECK(ok == 10000);
        CHECK(api.journal().size() == 10000);
    }
    SECTION("a connection sending one byte a second")
    {
        const auto slow = exchange(api.port(), get_request(target), 10s, 1, 1s);
        CHECK(slow.closed);
        CHECK(slow.bytes == "");
    }
    SECTION("more connections than allowed")
    {
        asio::io_context ioc;
        std::vector<tcp::socket> idle;
        for (int i = 0; i < 8; ++i) idle.emplace_back(ioc).connect({asio::ip::make_address("127.0.0.1"), api.port()});
        std::this_thread::sleep_for(100ms); // let the server accept them all before the next one
        const auto refused = exchange(api.port(), get_request(target), 5s);
        CHECK(refused.closed);
        CHECK(refused.bytes == "");
    }
    SECTION("bytes that are not HTTP")
    {
        const auto junk = responses(exchange(api.port(), std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15)).bytes);
        REQUIRE(junk.size() == 1);
        CHECK(junk.front().result_int() == 400);
    }
    std::this_thread::sleep_for(100ms); // the idle connections of the section above are gone
    CHECK(get(api, target).result_int() == 200);
}

namespace {

using support::served_cli;

/// `curl ARGS`, at most 10 s: what `-w` writes (the status, say) on standard output.
std::string curl(const std::string& args) { return support::shell("curl -s --max-time 10 " + args).out; }

/// `tented-contract ARGS`, at most 10 s: its exit status and standard error.
support::run_result cli_err(const std::string& args)
{
    return support::shell("timeout 10 '" TENTED_CONTRACT_CLI "' " + args + " 2>&1 >/dev/null");
}

} // namespace

TEST_CASE("serve answers curl: snapshots byte for byte, 400, 401 and 404, and stops on SIGTERM", "[server][cli][curl]")
{
    ::setenv("TC_SERVE_TEST_TOKEN", "tnt_test_curl", 1);
    served_cli serve({credit_cost_two, "--token-env", "TC_SERVE_TEST_TOKEN"});
    CHECK(serve.out() == serve.url() + "\n");
    const auto body = (serve.dir() / "body").string();
    const std::string auth = " -H 'Authorization: Bearer tnt_test_curl' ";
    const auto status = [&](const std::string& args) { return curl("-o '" + body + "' -w '%{http_code}' " + args); };
    for (int n : {1, 2, 3, 3}) {
        CHECK(status(auth + serve.url("/v1/bulk-jobs/" + credit_job)) == "200");
        CHECK(support::read(body) == snapshot(n));
    }
    // In absolute form, as a client sends it to a proxy (RFC 9112 section 3.2.2): the same job.
    CHECK(status(auth + "--request-target '" + serve.url("/v1/bulk-jobs/" + credit_job) + "' " + serve.url("/")) == "200");
    CHECK(support::read(body) == snapshot(3));
    CHECK(status(serve.url("/v1/bulk-jobs/" + credit_job)) == "401");
    CHECK(support::read(body) == R"({"error":{"status":401,"code":"UNAUTHORIZED","message":"Missing or invalid bearer token"}})");
    CHECK(status("-H 'Authorization: Bearer tnt_test_wrong' " + serve.url("/v1/bulk-jobs/" + credit_job)) == "401");
    CHECK(status(auth + serve.url("/v1/bulk-jobs/not-a-ulid")) == "400");
    CHECK(status(auth + "--path-as-is " + serve.url("/v1/bulk-jobs/../../../etc/passwd")) == "400");
    CHECK(status(auth + serve.url("/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K")) == "404");
    CHECK(support::read(body) ==
          R"({"error":{"status":404,"code":"NOT_FOUND","message":"The bulk job does not exist in the workspace associated with your API key"}})");
    CHECK(status("-X POST " + serve.url("/__admin/reset")) == "200");
    CHECK(status(auth + serve.url("/v1/bulk-jobs/" + credit_job)) == "200");
    CHECK(support::read(body) == snapshot(1));
    CHECK(curl(serve.url("/__admin/requests")).find("tnt_test_curl") == std::string::npos);
    CHECK(serve.stop(SIGTERM) == 0);
    CHECK(serve.err().find("tnt_test_curl") == std::string::npos);
}

TEST_CASE("serve's faults reach curl, and SIGINT stops it cleanly", "[server][cli][curl][faults]")
{
    served_cli serve({credit_cost_two, "--fault", "429:retry-after=2@1", "--fault", "drop@2", "--fault", "hang@3"});
    const auto target = serve.url("/v1/bulk-jobs/" + credit_job);
    const auto limited = curl("-i " + target);
    CHECK(limited.rfind("HTTP/1.1 429 Too Many Requests\r\n", 0) == 0);
    CHECK(limited.find("\r\nRetry-After: 2\r\n") != std::string::npos);
    CHECK(support::shell("curl -s --max-time 10 " + target).status == 52); // empty reply from server
    CHECK(support::shell("curl -s --max-time 1 " + target).status == 28);  // timed out
    CHECK(curl(target) == snapshot(1));
    CHECK(serve.stop(SIGINT) == 0);
}

TEST_CASE("serve refuses what it cannot serve with exit 2 and a reason", "[server][cli]")
{
    const auto bad_fault = cli_err("serve " + credit_cost_two + " --fault 200@1");
    CHECK(bad_fault.status == 2);
    CHECK(bad_fault.out == "tented-contract: --fault fault rule \"200@1\": expected a status from 400 to 599, drop, truncate or hang before '@'\n");
    ::unsetenv("TC_SERVE_UNSET");
    const auto no_token = cli_err("serve " + credit_cost_two + " --token-env TC_SERVE_UNSET");
    CHECK(no_token.status == 2);
    CHECK(no_token.out == "tented-contract: --token-env TC_SERVE_UNSET: that environment variable is not set, or empty\n");
    const auto missing = cli_err("serve corpus/sequences/valid/no-such-recording.jsonl");
    CHECK(missing.status == 2);
    CHECK(missing.out == "tented-contract: corpus/sequences/valid/no-such-recording.jsonl: no such file or folder\n");
    CHECK(cli_err("serve " + credit_cost_two + " --port 70000").status == 2);
    CHECK(cli_err("serve " + credit_cost_two + " --latency 5..1").status == 2);

    tt::server taken({credit_cost_two});
    tt::server_options same;
    same.port = taken.port();
    CHECK_THROWS_WITH(tt::server({credit_cost_two}, same),
                      "cannot listen on 127.0.0.1 port " + std::to_string(taken.port()) + ": Address already in use");
    const auto busy = cli_err("serve " + credit_cost_two + " --port " + std::to_string(taken.port()));
    CHECK(busy.status == 2);
    CHECK(busy.out == "tented-contract: cannot listen on 127.0.0.1 port " + std::to_string(taken.port()) + ": Address already in use\n");
    const auto named = cli_err("serve " + credit_cost_two + " --host localhost");
    CHECK(named.status == 2);
    CHECK(named.out == "tented-contract: cannot listen on localhost: not an IP address (as 127.0.0.1, ::1 or 0.0.0.0)\n");
}

TEST_CASE("serve never writes its port file over a recording it serves", "[server][cli]")
{
    const support::temp_folder folder("tc-serve-port-file");
    const auto seq = folder.path() / "seq";
    std::filesystem::copy(support::corpus_dir() / "sequences/valid/credit-cost-two", seq);
    const auto second = (seq / "002.json").string();
    const auto recorded = support::read(second);
    for (const std::string& args : {seq.string() + " --port-file " + second, second + " --port-file " + second}) {
        INFO(args);
        const auto refused = cli_err("serve " + args);
        CHECK(refused.status == 2);
        CHECK(refused.out.find("tented-contract: --port-file " + second + " is ") == 0);
        CHECK(refused.out.find(": the port file never overwrites a recording\n") != std::string::npos);
        CHECK(support::read(second) == recorded);
    }
}

TEST_CASE("a port file serve cannot write stops it before it announces a URL", "[server][cli]")
{
    const support::temp_folder folder("tc-serve-port-file-missing");
    const auto file = (folder.path() / "no-such-folder" / "port").string();
    const auto announced = support::shell("timeout 10 '" TENTED_CONTRACT_CLI "' serve " + credit_cost_two + " --port-file " + file + " 2>/dev/null");
    CHECK(announced.status == 2);
    CHECK(announced.out == ""); // no URL for a script to wait on
    const auto said = cli_err("serve " + credit_cost_two + " --port-file " + file);
    CHECK(said.status == 2);
    CHECK(said.out == "tented-contract: " + file + ": cannot write (No such file or directory)\n");
    CHECK(std::filesystem::is_empty(folder.path()));
    // A folder, which no file can be renamed over, is said before it listens too.
    const auto dir = (folder.path() / "dir").string();
    std::filesystem::create_directories(dir);
    const auto on_dir = support::shell("timeout 10 '" TENTED_CONTRACT_CLI "' serve " + credit_cost_two + " --port 0 --port-file " + dir + " 2>&1");
    CHECK(on_dir.status == 2);
    CHECK(on_dir.out == "tented-contract: " + dir + ": cannot write (Is a directory)\n");
    CHECK(std::filesystem::is_empty(dir));
    // A device written in place fails only as the port goes out: then nothing says it serves.
    const auto full = support::shell("timeout 10 '" TENTED_CONTRACT_CLI "' serve " + credit_cost_two +
                                     " --port 0 --port-file /dev/full 2>&1 >/dev/null");
    CHECK(full.status == 2);
    CHECK(full.out == "tented-contract: /dev/full: cannot write (No space left on device)\n");
}

TEST_CASE("serve whose standard output is a broken pipe or closed says so and stops, before it serves", "[server][cli]")
{
    // A pipe whose reader is gone before serve starts: the URL cannot be announced.
    const auto closed = support::shell(
        "timeout 10 python3 -c 'import os, subprocess, sys; r, w = os.pipe(); os.close(r); "
        "sys.exit(subprocess.call(sys.argv[1:], stdout=w))' '" TENTED_CONTRACT_CLI "' serve " + credit_cost_two + " 2>&1");
    CHECK(closed.status == 2);
    CHECK(closed.out == "tented-contract: standard output: cannot write (Broken pipe)\n");
    // Closed outright, descriptor 1 is not taken by the port file, which is then never written.
    const support::temp_folder folder("tc-serve-closed-output");
    const auto port_file = (folder.path() / "port").string();
    const auto none = support::shell("timeout 10 '" TENTED_CONTRACT_CLI "' serve " + credit_cost_two + " --port-file " +
                                     port_file + " 2>&1 >&-");
    CHECK(none.status == 2);
    CHECK(none.out == "tented-contract: standard output: cannot write (Bad file descriptor)\n");
    CHECK(std::filesystem::is_empty(folder.path()));
}

TEST_CASE("a port file that is a FIFO is written in place, never replaced by a regular file", "[server][cli]")
{
    // Renamed over, a device or a FIFO became a regular file holding the port (/dev/full, as root).
    const support::temp_folder folder("tc-serve-port-fifo");
    const auto fifo = folder.path() / "port";
    const auto got = support::shell("cd '" + folder.path().string() + "' && mkfifo port && { timeout 10 cat port > got.txt & } && "
                                    "timeout -s INT 3 '" TENTED_CONTRACT_CLI "' serve " + credit_cost_two +
                                    " --port 0 --port-file port > /dev/null 2>&1; wait; cat got.txt");
    CHECK(std::filesystem::is_fifo(fifo));
    REQUIRE(got.out.size() >= 2);
    CHECK(got.out.find_first_not_of("0123456789") == got.out.size() - 1); // the port, then a newline
    CHECK(got.out.back() == '\n');
}

TEST_CASE("a port file through a symbolic link is written into the file it names, with its permissions", "[server][cli]")
{
    const support::temp_folder folder("tc-serve-port-link");
    const auto dir = folder.path().string();
    std::ofstream(folder.path() / "private") << "old\n";
    std::filesystem::permissions(folder.path() / "private", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::filesystem::create_symlink("private", folder.path() / "link");
    std::filesystem::create_symlink("not-yet", folder.path() / "dangling");
    for (const char* name : {"link", "dangling"}) {
        INFO(name);
        support::shell("cd '" + dir + "' && timeout -s INT 3 '" TENTED_CONTRACT_CLI "' serve " + credit_cost_two +
                       " --port 0 --port-file " + name + " > /dev/null 2>&1");
        CHECK(std::filesystem::is_symlink(folder.path() / name));
        const auto port = support::read(folder.path() / name);
        REQUIRE(port.size() >= 2);
        CHECK(port.find_first_not_of("0123456789") == port.size() - 1);
    }
    CHECK(std::filesystem::status(folder.path() / "private").permissions() ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    CHECK(std::filesystem::is_regular_file(folder.path() / "not-yet"));
}

TEST_CASE("a HAR recording's poll whose body names another job is served in its place, as recorded", "[server][recordings]")
{
    const support::temp_folder folder("tc-serve-other-job");
    const std::string job = "01JRZXFBZW7P6XZ636RYQR8CYW"; // credit-cost-two's
    const auto other = support::read(support::corpus_dir() / "sequences/valid/interleaved-two-jobs.jsonl");
    const auto entry = [&](const std::string& started, const std::string& body) {
        return boost::json::object{
            {"startedDateTime", started},
            {"request", {{"method", "GET"}, {"url", "https://api.tented.ai/v1/bulk-jobs/" + job}}},
            {"response", {{"status", 200}, {"content", {{"mimeType", "application/json"}, {"text", body}}}}}};
    };
    const auto foreign = other.substr(0, other.find('\n'));
    const boost::json::array entries{entry("2026-03-25T14:30:00.000Z", snapshot(1)),
                                     entry("2026-03-25T14:30:01.000Z", foreign),
                                     entry("2026-03-25T14:30:02.000Z", snapshot(2))};
    const auto path = folder.path() / "other.har";
    std::ofstream(path, std::ios::binary) << boost::json::serialize(boost::json::object{{"log", {{"version", "1.2"}, {"entries", entries}}}});
    const auto jobs = tt::load_recordings({path});
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].id == job);
    CHECK(jobs[0].snapshots == std::vector<std::string>{snapshot(1), foreign, snapshot(2)});
}

TEST_CASE("serve lists the jobs it loaded with the control characters of their names escaped", "[server][cli]")
{
    const support::temp_folder folder("tc-serve-names");
    const auto& dir = folder.path();
    const auto odd = dir / "job\x1b[2J";
    std::filesystem::create_directories(odd);
    std::filesystem::copy_file(support::corpus_dir() / "sequences/valid/credit-cost-two/001.json", odd / "001.json",
                               std::filesystem::copy_options::overwrite_existing);
    {
        served_cli served({odd.string()});
        CHECK(served.stop(SIGTERM) == 0);
        const auto err = served.err();
        CHECK(err.find('\x1b') == std::string::npos);
        CHECK(err.find("01JRZXFBZW7P6XZ636RYQR8CYW: 1 snapshot from " + (dir / "job\\x1b[2J").string() + "\n") != std::string::npos);
    }
}
