// `tented-contract watch` end to end, on loopback only: against the server of recordings
// (testing/server.hpp, what `serve` runs) for every poll sequence of the corpus, with its faults,
// against a TLS peer (`openssl s_server`) with a throwaway CA made here, and with a token that
// must appear in no output, recording or journal. Every CLI run is bounded by `timeout`, every
// TLS peer by `timeout` and `-naccept`.
#include <tented/contract/decode.hpp>
#include <tented/contract/live/poller.hpp>
#include <tented/contract/live/redact.hpp>
#include <tented/contract/testing/server.hpp>
#include <tented/contract/validate.hpp>

#include "served_cli.hpp"
#include "support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <thread>
#include <tuple>

namespace tc = tented::contract;
namespace tt = tc::testing;
namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

/// The bearer token of every run; a test of leaks looks for it everywhere.
const std::string token = "tok_w4tch-S3CRET.9z";
const tc::live::redactor hide(token);

/// A fresh folder, removed at the end of the test, whose files are named for the shell.
class temp_dir : public support::temp_folder
{
public:
    temp_dir() : temp_folder("tented-contract-watch") {}

    std::string operator/(const std::string& rel) const { return (path() / rel).string(); }
};

struct transcript
{
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs `tented-contract VERB ARGS` with `env` (the token by default), no proxy, at most 60 s.
transcript cli(const temp_dir& t, const std::string& args, const std::string& env = "TENTED_API_KEY=" + token)
{
    const auto err = t / "stderr.txt";
    const auto r = support::shell("env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy -u ALL_PROXY -u all_proxy " +
                                  env + " timeout 60 '" TENTED_CONTRACT_CLI "' " + args + " 2>" + err);
    return {r.status, r.out, support::read(err)};
}

/// The distinct rule ids of a `--format json` document.
std::set<std::string> rules_of(const std::string& document)
{
    std::set<std::string> out;
    const auto doc = json::parse(document);
    for (const auto& r : doc.at("results").as_array())
        for (const auto& d : r.at("diagnostics").as_array()) out.emplace(d.at("rule").as_string());
    return out;
}

/// The `summary.errors` of a `--format json` document.
std::int64_t errors_of(const std::string& document)
{
    return json::parse(document).at("summary").at("errors").to_number<std::int64_t>();
}

tt::server_options options_with(std::initializer_list<const char*> faults = {})
{
    tt::server_options o;
    o.token = token;
    for (const auto* rule : faults) {
        std::string error;
        const auto f = tt::parse_fault(rule, error);
        REQUIRE(f);
        o.faults.push_back(*f);
    }
    return o;
}

/// Every corpus folder that holds a poll sequence.
std::vector<fs::path> sequence_folders()
{
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(support::corpus_dir() / "sequences"))
        if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path().parent_path());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool terminal(const std::string& snapshot)
{
    const auto job = tc::decode(snapshot).job;
    return job && tc::live::stop_reached(*job, tc::live::until::terminal);
}

/// How many of `snapshots` watch reads before it stops: through the first that is terminal.
std::size_t polls_until_terminal(const std::vector<std::string>& snapshots)
{
    const auto first = std::find_if(snapshots.begin(), snapshots.end(), terminal);
    return static_cast<std::size_t>(first - snapshots.begin()) + (first == snapshots.end() ? 0 : 1);
}

const auto in_progress = support::read(support::corpus_dir() / "docs/in-progress.json");
const auto completed = support::read(support::corpus_dir() / "docs/completed.json");
const std::string docs_job = "01JQZB4H8A7T5B3R2W1X9Y6Z0K";

/// A job that runs, then completes.
tt::served_job reference_job() { return {docs_job, {in_progress, completed}, "docs"}; }

std::string base(const tt::server& api) { return " --base-url " + api.base_url(); }

/// The requests of the journal, as `STATUS[ FAULT]`.
std::vector<std::string> answered(const tt::server& api)
{
    std::vector<std::string> out;
    for (const auto& e : api.journal()) out.push_back(std::to_string(e.status) + (e.fault.empty() ? "" : " " + e.fault));
    return out;
}

/// A throwaway CA, and a server certificate it signed for 127.0.0.1 only (no host name), made
/// with the openssl command line in `dir`: ca.pem, server.pem, server.key.
void make_certificates(const temp_dir& dir)
{
    const auto at = "cd " + dir.path().string() + " && ";
    const auto key = " -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
    REQUIRE(support::shell(at + "openssl req -x509" + key + " -keyout ca.key -out ca.pem -days 1 -subj '/CN=throwaway test CA' 2>&1").status == 0);
    REQUIRE(support::shell(at + "openssl req" + key + " -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>&1").status == 0);
    REQUIRE(support::shell(at + "printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext && openssl x509 -req -in server.csr -CA ca.pem "
                                "-CAkey ca.key -CAcreateserial -out server.pem -days 1 -extfile san.ext 2>&1").status == 0);
}

/** `openssl s_server -WWW` on 127.0.0.1 and a free port, serving the files of `dir`/www, for at
    most `accepts` connections and 30 s; stopped when destroyed. */
class tls_peer
{
public:
    tls_peer(const temp_dir& dir, int accepts)
    {
        const auto log = dir / "s_server.txt";
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (fd < 0 || ::dup2(fd, 1) < 0 || ::dup2(fd, 2) < 0 || ::chdir((dir / "www").c_str()) != 0) ::_exit(127);
            const auto cert = dir / "server.pem", key = dir / "server.key", n = std::to_string(accepts);
            ::execlp("timeout", "timeout", "30", "openssl", "s_server", "-WWW", "-accept", "127.0.0.1:0", "-cert", cert.c_str(),
                     "-key", key.c_str(), "-naccept", n.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        const std::regex accept("ACCEPT 127\\.0\\.0\\.1:([0-9]+)");
        for (int i = 0; i < 200 && port_.empty(); ++i) {
            std::smatch m;
            const auto text = fs::exists(log) ? support::read(log) : std::string();
            if (std::regex_search(text, m, accept)) port_ = m[1];
            else std::this_thread::sleep_for(50ms);
        }
        REQUIRE_FALSE(port_.empty());
    }
    ~tls_peer()
    {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    tls_peer(const tls_peer&) = delete;
    tls_peer& operator=(const tls_peer&) = delete;

    const std::string& port() const { return port_; }

private:
    pid_t pid_ = -1;
    std::string port_;
};

/// The base URL of a one-shot server of the test's own, on loopback, for answers `serve` frames
/// right and these must not: it answers each of at most four connections with the bytes of
/// `head` (the status line and headers, each ended by CRLF), `head_end` (an empty line), then
/// the bytes of the file `body`, and waits at most 10 s for each.
std::string one_shot_server(const temp_dir& t, const std::string& head, const std::string& body,
                            const std::string& head_end = "\r\n")
{
    std::ofstream(t.path() / "server.py", std::ios::binary) << R"(import os, socket, sys
head, body = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read()
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(4)
s.settimeout(10)
open(sys.argv[3] + '.tmp', 'w').write(str(s.getsockname()[1]))
os.rename(sys.argv[3] + '.tmp', sys.argv[3])
for _ in range(4):
    try:
        c, _ = s.accept()
    except socket.timeout:
        break
    c.settimeout(5)
    request = b''
    while b'\r\n\r\n' not in request:
        more = c.recv(4096)
        if not more:
            break
        request += more
    c.sendall(head + body)
    c.close()
)";
    std::ofstream(t.path() / "head.txt", std::ios::binary) << head << head_end;
    fs::remove(t.path() / "port");
    REQUIRE(support::shell("cd '" + t.path().string() + "' && (timeout 30 python3 server.py head.txt '" + body +
                           "' port >/dev/null 2>&1 &)").status == 0);
    for (int i = 0; i < 100 && !fs::exists(t.path() / "port"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(fs::exists(t.path() / "port"));
    return "http://127.0.0.1:" + support::read(t.path() / "port");
}

} // namespace

TEST_CASE("watch finds, for every corpus sequence that serve serves, the rules replay finds in what it read",
          "[watch][serve][corpus]")
{
    const auto folders = sequence_folders();
    REQUIRE(folders.size() >= 33);
    ::setenv("TC_WATCH_SERVE_TOKEN", token.c_str(), 1);
    std::size_t whole = 0;
    for (const auto& folder : folders) {
        INFO(folder.string());
        const auto jobs = tt::load_recordings({folder});
        REQUIRE(jobs.size() == 1);
        const auto& job = jobs.front();
        const auto read = polls_until_terminal(job.snapshots);
        support::served_cli serve({folder.string(), "--token-env", "TC_WATCH_SERVE_TOKEN"});
        temp_dir t;
        const auto w = cli(t, "watch " + job.id + " --base-url " + serve.url() + " --interval 10ms --max-polls " +
                                  std::to_string(job.snapshots.size()) + " --format json --record " + (t / "rec"));
        const auto found = rules_of(w.out);
        // Stopped at a terminal snapshot (0, or 1 for errors), or at --max-polls (3, unless errors: 1).
        const bool stopped = terminal(job.snapshots[read - 1]);
        CHECK(w.status == (errors_of(w.out) > 0 ? 1 : stopped ? 0 : 3));
        const auto journal = support::shell("curl -s --max-time 10 " + serve.url("/__admin/requests")).out;
        CHECK(json::parse(journal).at("requests").as_array().size() == read);

        // The recording is the served prefix, byte for byte, and replay finds the same rules in it.
        for (std::size_t i = 0; i < job.snapshots.size(); ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "%03zu.json", i + 1);
            const auto file = fs::path(t / "rec") / job.id / name;
            CHECK(fs::exists(file) == (i < read));
            if (i < read) CHECK(support::read(file) == job.snapshots[i]);
        }
        const auto replayed = cli(t, "replay --format json " + (t / "rec/") + job.id);
        CHECK(rules_of(replayed.out) == found);
        if (read == job.snapshots.size()) {
            ++whole;
            CHECK(rules_of(cli(t, "replay --format json " + folder.string()).out) == found);
        }
        const auto invalid = folder.string().find("/sequences/invalid/");
        if (invalid != std::string::npos && read == job.snapshots.size()) {
            const auto rule = folder.parent_path().string().substr(invalid + 19);
            CHECK(found.count(rule) == 1);
        }
    }
    // Sequences whose terminal snapshot is their last one are compared whole with the corpus.
    CHECK(whole >= 24);
}

TEST_CASE("watch finds, for every corpus log and capture that serve serves, the rules replay finds in it",
          "[watch][serve][corpus]")
{
    ::setenv("TC_WATCH_SERVE_TOKEN", token.c_str(), 1);
    std::size_t served = 0, refused = 0;
    for (const auto& e : fs::recursive_directory_iterator(support::corpus_dir() / "sequences")) {
        const auto ext = e.path().extension();
        if (!e.is_regular_file() || (ext != ".jsonl" && ext != ".har")) continue;
        const auto file = e.path().string();
        INFO(file);
        temp_dir t;
        const auto replayed = rules_of(cli(t, "replay --format json " + file).out);
        std::vector<tt::served_job> jobs;
        try {
            jobs = tt::load_recordings({e.path()});
        } catch (const tt::recording_error&) {
            // Nothing to serve: a capture broken as a file, which replay reports as such.
            ++refused;
            CHECK(std::any_of(replayed.begin(), replayed.end(), [](const std::string& r) { return r.rfind("capture/", 0) == 0; }));
            continue;
        }
        ++served;
        support::served_cli serve({file, "--token-env", "TC_WATCH_SERVE_TOKEN"});
        std::set<std::string> found;
        bool whole = true;
        for (const auto& job : jobs) {
            const auto read = polls_until_terminal(job.snapshots);
            whole = whole && read == job.snapshots.size();
            const auto w = cli(t, "watch " + job.id + " --base-url " + serve.url() + " --interval 10ms --max-polls " +
                                      std::to_string(job.snapshots.size()) + " --format json");
            CHECK((w.status == 0 || w.status == 1 || w.status == 3));
            const auto rules = rules_of(w.out);
            found.insert(rules.begin(), rules.end());
        }
        // What watch saw of the served polls is what replay finds in the file, less the capture's
        // own findings about entries it does not serve (non-200 answers, other requests).
        std::set<std::string> expected;
        for (const auto& r : replayed)
            if (r.rfind("capture/", 0) != 0) expected.insert(r);
        if (whole) CHECK(found == expected);
    }
    CHECK(served >= 3);
    CHECK(refused >= 1);
}

TEST_CASE("watch waits at least what Retry-After: 1 asks after a 429", "[watch][serve][faults]")
{
    tt::server api({reference_job()}, options_with({"429:retry-after=1@2"}));
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --format json");
    CHECK(w.status == 0);
    CHECK(w.err == "tented-contract: the job was terminal after 3 polls (completed)\n");
    CHECK(answered(api) == std::vector<std::string>{"200", "429 429:retry-after=1@2", "200"});
    const auto journal = api.journal();
    REQUIRE(journal.size() == 3);
    CHECK(journal[2].received - journal[1].received >= 1s);
}

TEST_CASE("watch retries a 500, a dropped connection and an answer that never comes", "[watch][serve][faults]")
{
    const auto [rule, extra] = GENERATE(table<std::string, std::string>({
        {"500@1", ""},
        {"drop@1", ""},
        {"hang@1", " --request-timeout 300ms"},
    }));
    INFO(rule);
    tt::server api({reference_job()}, options_with({rule.c_str()}));
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --format json" + extra);
    CHECK(w.status == 0);
    CHECK(w.err == "tented-contract: the job was terminal after 3 polls (completed)\n");
    CHECK(rules_of(w.out).empty());
    CHECK(json::parse(w.out).at("summary").at("inputs") == 2);
    CHECK(answered(api) == std::vector<std::string>{(rule == "500@1" ? "500 " : "0 ") + rule, "200", "200"});
}

TEST_CASE("a connection dropped after a first poll is one failed poll: --max-polls counts every request", "[watch][serve][faults]")
{
    tt::server api({reference_job()}, options_with({"drop@2"}));
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --max-polls 2 --format json");
    CHECK(w.status == 3);
    CHECK(answered(api) == std::vector<std::string>{"200", "0 drop@2"});
    // The run says why its last poll failed, not only that it was bounded.
    CHECK(w.err.rfind("tented-contract: --max-polls: 2 polls made, before the job was terminal; the last: no answer: ", 0) == 0);
}

TEST_CASE("a recording whose every poll failed leaves no empty job folder, and says why", "[watch][serve][faults]")
{
    tt::server api({reference_job()}, options_with({"503:retry-after=0@rate=1"}));
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --max-polls 2 --record " + (t / "rec"));
    CHECK(w.status == 3);
    CHECK(w.err == "tented-contract: --max-polls: 2 polls made, before the job was terminal; the last: HTTP 503 "
                   "Service Unavailable\n");
    CHECK(answered(api) == std::vector<std::string>{"503 503:retry-after=0@rate=1", "503 503:retry-after=0@rate=1"});
    CHECK_FALSE(fs::exists(fs::path(t / "rec") / docs_job));
    // A folder that was there already is left as it was, though nothing was recorded into it.
    fs::create_directories(fs::path(t / "kept") / docs_job);
    api.reset();
    CHECK(cli(t, "watch " + docs_job + base(api) + " --interval 10ms --max-polls 1 --record " + (t / "kept")).status == 3);
    CHECK(fs::is_directory(fs::path(t / "kept") / docs_job));
}

TEST_CASE("a signal ends watch with its report whole and says so, and a recording holding nothing is removed",
          "[watch][serve][record][signal]")
{
    // The first or the second poll never answered: the signal comes while the run waits for it.
    for (const auto& [fault, recorded, signal] :
         {std::tuple{"hang@1", false, "TERM"}, std::tuple{"hang@2", true, "INT"}, std::tuple{"hang@2", true, "HUP"}}) {
        INFO(fault << " SIG" << signal);
        tt::server api({reference_job()}, options_with({fault}));
        temp_dir t;
        const auto r = support::shell("env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy TENTED_API_KEY=" +
                                      token + " timeout --preserve-status -s " + signal + " 2 '" TENTED_CONTRACT_CLI
                                      "' watch " + docs_job + base(api) + " --interval 10ms --format json --record " +
                                      (t / "rec") + " 2>" + (t / "err.txt"));
        const std::string why = "interrupted by SIG" + std::string(signal) + " after " + (recorded ? "2 polls" : "1 poll") +
                                ", before the job was terminal";
        CHECK(r.status == 3);
        CHECK(json::parse(r.out).at("summary").at("unfinished").as_string() == why);
        CHECK(support::read(t / "err.txt") == "tented-contract: " + why + "\n");
        CHECK(fs::is_directory(fs::path(t / "rec")));
        CHECK(fs::exists(fs::path(t / "rec") / docs_job) == recorded);
        CHECK(fs::exists(fs::path(t / "rec") / docs_job / "001.json") == recorded);
    }
}

TEST_CASE("a recording that cannot take a snapshot ends the run with its report whole, saying why", "[watch][serve][record]")
{
    tt::server api({reference_job()}, options_with());
    temp_dir t;
    // No file can grow past 0 bytes; the report goes to a pipe, which the limit does not reach.
    const auto r = support::shell("(trap '' XFSZ; ulimit -f 0; exec env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY "
                                  "-u http_proxy TENTED_API_KEY=" + token + " timeout 60 '" TENTED_CONTRACT_CLI "' watch " +
                                  docs_job + base(api) + " --interval 10ms --format json --record " + (t / "rec") +
                                  " 2>/dev/null)");
    CHECK(r.status == 2);
    const auto why = (fs::path(t / "rec") / docs_job / "001.json").string() + ": cannot write (File too large)";
    CHECK(json::parse(r.out).at("summary").at("input_errors") == json::array{json::string(why)});
    CHECK_FALSE(fs::exists(fs::path(t / "rec") / docs_job)); // nothing recorded: the folder it made is gone
}

TEST_CASE("a body cut short is a json/syntax finding on that poll, and watch goes on", "[watch][serve][faults]")
{
    tt::server api({reference_job()}, options_with({"truncate@1"}));
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --format json");
    CHECK(w.status == 1);
    const auto doc = json::parse(w.out);
    const auto& results = doc.at("results").as_array();
    REQUIRE(results.size() == 3);
    CHECK(results[0].at("source") == "poll 1");
    CHECK(rules_of(w.out) == std::set<std::string>{"json/syntax"});
    CHECK(results[0].at("diagnostics").as_array().size() == 1);
    CHECK(results[1].at("valid") == true);
    CHECK(results[2].at("valid") == true);
    REQUIRE(api.reset(docs_job)); // its request count too: the next run's first request is cut again
    const auto text = cli(t, "watch " + docs_job + base(api) + " --interval 10ms");
    CHECK(text.status == 1);
    CHECK(text.out.rfind("poll 1:", 0) == 0);
    CHECK(text.out.find(" [json/syntax]\n3 inputs, 2 valid, 1 invalid, 1 error, 0 warnings\n") != std::string::npos);
}

TEST_CASE("a body cut short is json/syntax even when what came is whole JSON", "[watch][serve][faults]")
{
    // Half of this body is the whole job: white space after it makes up the rest.
    const auto padded = completed + std::string(completed.size() + 64, ' ');
    tt::server api(std::vector<tt::served_job>{{docs_job, {padded, padded}, "docs"}}, options_with({"truncate@1"}));
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --interval 10ms");
    CHECK(w.status == 1);
    // The finding is at the end of what came: its line and byte column there.
    const auto came = padded.substr(0, padded.size() / 2);
    const auto line = std::count(came.begin(), came.end(), '\n') + 1;
    const auto column = came.size() - came.rfind('\n');
    CHECK(w.out == "poll 1:" + std::to_string(line) + ":" + std::to_string(column) +
                       ": error: the connection closed before the whole body came (" + std::to_string(came.size()) +
                       " bytes came): the JSON text is truncated [json/syntax]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");
}

TEST_CASE("a body of another job than the one polled is seq/same-job, from the first poll on", "[watch][serve][seq/same-job]")
{
    auto other = in_progress; // never terminal: watch polls it until --max-polls
    const auto at = other.find(docs_job);
    REQUIRE(at != std::string::npos);
    other.replace(at, docs_job.size(), "01ARZ3NDEKTSV4RRFFQ69G5FAV");
    tt::server api(std::vector<tt::served_job>{{docs_job, {other}, "other"}}, options_with());
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --max-polls 2 --interval 10ms");
    CHECK(w.status == 1);
    // Each poll, the first too, at the value of its bulk_job_id.
    const auto id_at = other.find("\"01ARZ3NDEKTSV4RRFFQ69G5FAV\"");
    const auto line = std::count(other.begin(), other.begin() + static_cast<std::ptrdiff_t>(id_at), '\n') + 1;
    const auto column = id_at - other.rfind('\n', id_at);
    std::string expected;
    for (const char* poll : {"poll 1", "poll 2"})
        expected += std::string(poll) + ":" + std::to_string(line) + ":" + std::to_string(column) +
                    ": error: bulk_job_id 01ARZ3NDEKTSV4RRFFQ69G5FAV is not the job polled, " + docs_job +
                    ": checked alone, not in its sequence (at /bulk_job_id) [seq/same-job]\n";
    CHECK(w.out == expected + "2 inputs, 0 valid, 2 invalid, 2 errors, 0 warnings\n");
    tt::server same(std::vector<tt::served_job>{{docs_job, {completed}, "docs"}}, options_with());
    CHECK(cli(t, "watch " + docs_job + base(same) + " --interval 10ms").status == 0);

    // Another job's terminal body is not this job's end: polling goes on to its own.
    auto other_done = completed;
    other_done.replace(other_done.find(docs_job), docs_job.size(), "01ARZ3NDEKTSV4RRFFQ69G5FAV");
    tt::server then(std::vector<tt::served_job>{{docs_job, {other_done, completed}, "docs"}}, options_with());
    const auto w2 = cli(t, "watch " + docs_job + base(then) + " --interval 10ms");
    CHECK(w2.status == 1);
    CHECK(w2.out.find("\n2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n") != std::string::npos);
    CHECK(then.journal().size() == 2);
}

TEST_CASE("watch never records a body cut short, nor writes its report into the recording", "[watch][serve][record]")
{
    tt::server api({reference_job()}, options_with({"truncate@1"}));
    temp_dir t;
    const auto w = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --record " + (t / "rec"));
    CHECK(w.status == 1);
    CHECK(w.out.rfind("poll 1:", 0) == 0); // the cut body, at the URL polled: no file holds it
    const auto folder = fs::path(t / "rec") / docs_job;
    CHECK(support::read(folder / "001.json") == in_progress); // the first whole body
    CHECK(support::read(folder / "002.json") == completed);
    CHECK_FALSE(fs::exists(folder / "003.json"));
    CHECK(cli(t, "replay " + folder.string()).status == 0);
    // Nor a body the client cut at --max-bytes: only its first max-bytes + 1 bytes came.
    const auto big = cli(t, "watch " + docs_job + base(api) + " --max-polls 1 --max-bytes 100 --record " + (t / "big"));
    CHECK(big.out.find("[json/too-large]") != std::string::npos);
    CHECK_FALSE(fs::exists(fs::path(t / "big") / docs_job / "001.json"));

    for (const auto& report : {folder.string() + "/report.json", (t / "rec") + "/notes.json"}) {
        INFO(report);
        const auto refused = cli(t, "watch " + docs_job + base(api) + " --record " + (t / "rec") + " --output " + report);
        CHECK(refused.status == 2);
        CHECK(refused.err.find("tented-contract: --output " + report + " would be a file of the folder " + (t / "rec") +
                               ", which this run records into, and the next run would read it too") == 0);
        CHECK_FALSE(fs::exists(report));
    }
    // A recording folder not there yet holds no report either, and is not made when refused.
    for (const auto& report : {(t / "new") + "/" + docs_job + "/report.json", (t / "new") + "/report.json"}) {
        INFO(report);
        const auto fresh = cli(t, "watch " + docs_job + base(api) + " --record " + (t / "new") + " --output " + report);
        CHECK(fresh.status == 2);
        CHECK(fresh.err.find("tented-contract: --output " + report + " would be a file of the folder " + (t / "new") +
                             ", which this run records into, and the next run would read it too") == 0);
        CHECK_FALSE(fs::exists(t / "new"));
    }
}

TEST_CASE("the deadline or --max-polls before the job is terminal exits 3 and says so", "[watch][serve][deadline]")
{
    tt::server api(std::vector<tt::served_job>{{docs_job, {in_progress}, "docs"}}, options_with());
    temp_dir t;
    const auto late = cli(t, "watch " + docs_job + base(api) + " --interval 100ms --timeout 1s");
    CHECK(late.status == 3);
    CHECK(late.out.find("0 invalid, 0 errors") != std::string::npos);
    const std::regex said("tented-contract: the deadline \\(--timeout 1\\.0 s\\) came after [0-9]+ polls, before the job was terminal\n");
    CHECK(std::regex_match(late.err, said));
    api.reset();
    // A deadline is written to the millisecond it holds: 0.25 s, not 0.2 s (nor 1 ms as 0.0 s).
    const auto early = cli(t, "watch " + docs_job + base(api) + " --interval 1s --timeout 250ms");
    CHECK(early.status == 3);
    const std::regex quarter("tented-contract: the deadline \\(--timeout 0\\.25 s\\) came after 1 poll, before the job was terminal\n");
    CHECK(std::regex_match(early.err, quarter));
    api.reset();
    const auto polls = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --max-polls 2 --until settled");
    CHECK(polls.status == 3);
    CHECK(polls.err == "tented-contract: --max-polls: 2 polls made, before the job was settled\n");
    CHECK(api.journal().size() == 2);
}

TEST_CASE("a watch ended by --max-polls says why in every report format, and SARIF's exit code is 3", "[watch][serve][deadline]")
{
    tt::server api(std::vector<tt::served_job>{{docs_job, {in_progress}, "docs"}}, options_with());
    temp_dir t;
    const std::string why = "--max-polls: 1 poll made, before the job was terminal";
    const auto run = [&](const std::string& format) {
        api.reset();
        auto r = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --max-polls 1 --format " + format);
        CHECK(r.status == 3);
        CHECK(r.err == "tented-contract: " + why + "\n");
        return r.out;
    };
    const auto invocation = json::parse(run("sarif")).at("runs").at(0).at("invocations").at(0);
    CHECK(invocation.at("exitCode") == 3);
    CHECK(invocation.at("executionSuccessful") == false);
    CHECK(invocation.at("toolExecutionNotifications") ==
          json::parse(R"([{"level": "warning", "message": {"text": "--max-polls: 1 poll made, before the job was terminal."}}])"));
    CHECK(json::parse(run("json")).at("summary").at("unfinished").as_string() == why);
    CHECK(run("github") == "::warning title=tented-contract::" + why + "\n1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
    CHECK(run("junit").find("    <system-err>" + why + "</system-err>\n  </testsuite>\n") != std::string::npos);
    CHECK(run("text") == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
}

TEST_CASE("400, 401, 404 and failures in a row end the run with exit 2 and the reference's meaning", "[watch][serve][errors]")
{
    tt::server api({reference_job()}, options_with());
    temp_dir t;
    const auto [args, env, said] = GENERATE(table<std::string, std::string, std::string>({
        {"watch not-a-ulid", "", "poll 1: HTTP 400 Bad Request: the bulkJobId is missing or malformed"},
        {"watch 01JQZB4H8A7T5B3R2W1X9Y6Z0K", "TENTED_API_KEY=tnt_wrong_token", "poll 1: HTTP 401 Unauthorized: the bearer token is missing or invalid"},
        {"watch 01JQZB4H8A7T5B3R2W1X9Y6Z0A", "",
         "poll 1: HTTP 404 Not Found: the bulk job does not exist in the workspace associated with your API key"},
    }));
    const auto w = cli(t, args + base(api), env.empty() ? "TENTED_API_KEY=" + token : env);
    CHECK(w.status == 2);
    CHECK(w.err == "tented-contract: " + said + "\n");
    CHECK(w.out == "0 inputs, 0 valid, 0 invalid, 0 errors, 0 warnings, 1 input not checked\n");
    CHECK(api.journal().size() == 1);

    tt::server failing({reference_job()}, options_with({"500@rate=1"}));
    const auto errors = cli(t, "watch " + docs_job + base(failing) + " --interval 10ms --max-errors 3");
    CHECK(errors.status == 2);
    CHECK(errors.err == "tented-contract: 3 failed polls with no snapshot between them (--max-errors); the last: HTTP 500 "
                        "Internal Server Error\n");
    CHECK(failing.journal().size() == 3);
}

TEST_CASE("an answer whose Content-Length is no number, or differs from another, is a failed poll, not a body",
          "[watch][errors][framing]")
{
    temp_dir t;
    std::ofstream(t.path() / "body.json", std::ios::binary) << completed;
    const auto length = std::to_string(completed.size());
    const auto [lengths, why] = GENERATE_COPY(table<std::string, std::string>({
        {"99999999999999999999999", "Content-Length 99999999999999999999999 is not a length of at most 18 digits"},
        {length + "\r\nContent-Length: 5", "two Content-Lengths, " + length + " and 5"},
        {length + ", 5", "two Content-Lengths, " + length + " and 5"},
        {length + ", x", "Content-Length " + length + ", x is not a length of at most 18 digits"},
        {length + "\r\nTransfer-Encoding: chunked", "both Transfer-Encoding and Content-Length"},
        // libcurl refuses this one itself, in its words, before the tool sees it.
        {"abc", "the answer's Content-Length is not a length (libcurl: "},
    }));
    INFO(lengths);
    const auto url = one_shot_server(
        t, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + lengths + "\r\n", "body.json");
    const auto w = cli(t, "watch " + docs_job + " --base-url " + url + " --max-errors 1 --format json");
    CHECK(w.status == 2);
    CHECK(w.err.find(why) != std::string::npos);
    CHECK(w.err.find(": where its body ends is unknown (RFC 9112 section 6.3)") != std::string::npos);
    CHECK(json::parse(w.out).at("summary").at("valid") == 0);
}

TEST_CASE("an answer with a header line too long for libcurl is a failed poll that says so", "[watch][errors][framing]")
{
    temp_dir t;
    std::ofstream(t.path() / "body.json", std::ios::binary) << completed;
    const auto url = one_shot_server(t, "HTTP/1.1 200 OK\r\nX-Padding: " + std::string(300000, 'a') + "\r\nContent-Length: " +
                                            std::to_string(completed.size()) + "\r\n",
                                     "body.json");
    const auto w = cli(t, "watch " + docs_job + " --base-url " + url + " --max-errors 1");
    CHECK(w.status == 2);
    CHECK(w.err.find("libcurl could not hold the answer's headers (a header line too long for it, or memory exhausted)") !=
          std::string::npos);
}

TEST_CASE("the fields of a 1xx answer and of a chunked body's trailer frame nothing", "[watch][framing]")
{
    temp_dir t;
    const auto length = std::to_string(completed.size());
    std::ofstream(t.path() / "body.json", std::ios::binary) << completed;
    std::ostringstream chunked;
    chunked << std::hex << completed.size() << "\r\n" << completed << "\r\n0\r\nContent-Length: 5\r\n\r\n";
    std::ofstream(t.path() / "chunked.txt", std::ios::binary) << chunked.str();
    const auto [head, body] = GENERATE_COPY(table<std::string, std::string>({
        {"HTTP/1.1 100 Continue\r\nContent-Length: 5, 6\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
         "Content-Length: " + length + "\r\n",
         "body.json"},
        {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "chunked.txt"},
    }));
    INFO(head);
    const auto url = one_shot_server(t, head, body);
    const auto w = cli(t, "watch " + docs_job + " --base-url " + url + " --max-errors 1 --format json");
    CHECK(w.status == 0);
    CHECK(json::parse(w.out).at("summary").at("valid") == 1);
}

TEST_CASE("header lines ended by a bare CR are a failed poll that says so, not a fault of the tool", "[watch][framing]")
{
    temp_dir t;
    std::ofstream(t.path() / "body.json", std::ios::binary) << completed;
    const auto url = one_shot_server(
        t, "HTTP/1.1 200 OK\rContent-Type: application/json\rContent-Length: " + std::to_string(completed.size()) + "\r",
        "body.json", "\r");
    const auto w = cli(t, "watch " + docs_job + " --base-url " + url + " --max-errors 2 --interval 10ms");
    CHECK(w.status == 2);
    CHECK(w.err.find("2 failed polls") != std::string::npos); // a failed poll, not the end of the run
    CHECK(w.err.find("libcurl could not read the answer's header lines (they end in a bare CR, or are otherwise "
                     "malformed)") != std::string::npos);
}

TEST_CASE("a Content-Length that repeats one length, as a list or as two fields, is that length", "[watch][framing]")
{
    temp_dir t;
    std::ofstream(t.path() / "body.json", std::ios::binary) << completed;
    const auto length = std::to_string(completed.size());
    // An empty member is ignored (RFC 9110 section 5.6.1), and zeros before a length change nothing.
    const auto lengths = GENERATE_COPY(values<std::string>(
        {length + ", " + length, length + "\r\nContent-Length: " + length, length + ",", "00" + length + ", " + length}));
    INFO(lengths);
    const auto url = one_shot_server(
        t, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + lengths + "\r\n", "body.json");
    const auto w = cli(t, "watch " + docs_job + " --base-url " + url + " --max-errors 1 --format json");
    CHECK(w.status == 0);
    CHECK(json::parse(w.out).at("summary").at("valid") == 1);
}

TEST_CASE("a compressed body is checked and recorded decoded, and a coding libcurl cannot decode is a failed poll",
          "[watch][errors][encoding]")
{
    temp_dir t;
    std::ofstream(t.path() / "body.json", std::ios::binary) << completed;
    REQUIRE(support::shell("gzip -c '" + (t / "body.json") + "' > '" + (t / "body.gz") + "'").status == 0);
    const auto gzipped = std::to_string(fs::file_size(t.path() / "body.gz"));
    const auto head = [&](const std::string& coding) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: " + coding +
               "\r\nContent-Length: " + gzipped + "\r\n";
    };
    const auto decoded = cli(t, "watch " + docs_job + " --base-url " + one_shot_server(t, head("gzip"), "body.gz") +
                                    " --max-errors 1 --record " + (t / "rec"));
    CHECK(decoded.status == 0);
    CHECK(decoded.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
    CHECK(support::read(fs::path(t / "rec") / docs_job / "001.json") == completed);

    const auto unknown = cli(t, "watch " + docs_job + " --base-url " + one_shot_server(t, head("snappy"), "body.gz") +
                                    " --max-errors 1");
    CHECK(unknown.status == 2);
    // An answer came: not "no answer", but the answer whose body cannot be read.
    CHECK(unknown.err.find("tented-contract: 1 failed poll (--max-errors); the last: HTTP 200 OK: its body cannot be read: ") == 0);
    CHECK(unknown.err.find("content encoding") != std::string::npos);

    // Data past the end of the gzip stream, which libcurl's decoder refuses as a failed write.
    REQUIRE(support::shell("cat '" + (t / "body.gz") + "' '" + (t / "body.json") + "' > '" + (t / "junk.gz") + "'").status == 0);
    const auto junk_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " +
                           std::to_string(fs::file_size(t.path() / "junk.gz")) + "\r\n";
    const auto junk = cli(t, "watch " + docs_job + " --base-url " + one_shot_server(t, junk_head, "junk.gz") +
                                 " --max-errors 1 --record " + (t / "junk"));
    CHECK(junk.status == 2);
    CHECK(junk.err == "tented-contract: 1 failed poll (--max-errors); the last: HTTP 200 OK: its body cannot be read: "
                      "its Content-Encoding did not decode (data past the end of the compressed stream, or corrupt)\n");
    CHECK_FALSE(fs::exists(fs::path(t / "junk") / docs_job));

    // A refusal means what its status says, whatever its body: the run ends at once.
    const auto refused_head = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Encoding: snappy\r\n"
                              "Content-Length: " + gzipped + "\r\n";
    const auto refused = cli(t, "watch " + docs_job + " --base-url " + one_shot_server(t, refused_head, "body.gz") +
                                    " --max-errors 3");
    CHECK(refused.status == 2);
    CHECK(refused.err == "tented-contract: poll 1: HTTP 404 Not Found: the bulk job does not exist in the workspace "
                         "associated with your API key\n");
}

TEST_CASE("the token appears in no output, recording or journal, even when the server echoes it", "[watch][serve][token]")
{
    // The token in a member a finding quotes (template_id) and in one it does not (tent_name).
    auto echoed = in_progress;
    echoed.replace(echoed.find("tpl_01JABC123XYZ"), 16, token);
    echoed.replace(echoed.find("Acme onboarding 2"), 17, token);
    tt::server api(std::vector<tt::served_job>{{docs_job, {echoed, completed}, "echo"}}, options_with());
    temp_dir t;
    {
        std::ofstream(t / "token.txt") << token << "\n";
    }
    const auto text = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --record " + (t / "rec"));
    api.reset();
    const auto doc = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --format json");
    api.reset();
    const auto file = cli(t, "watch " + docs_job + base(api) + " --interval 10ms --token-file " + (t / "token.txt") +
                                 " --format json --output " + (t / "report.json"),
                          "TENTED_API_KEY=unused");
    CHECK(file.status == 1);
    const auto report = support::read(t / "report.json");
    CHECK(rules_of(report) == rules_of(doc.out));
    CHECK(text.status == 1);
    CHECK(doc.status == 1);
    CHECK(text.out.find("[redacted]") != std::string::npos);
    CHECK(rules_of(doc.out).count("seq/immutable") == 1);
    const auto recorded = support::read(fs::path(t / "rec") / docs_job / "001.json");
    CHECK(recorded.find("\"template_id\": \"[redacted]\"") != std::string::npos);
    for (const auto& s : {text.out, text.err, doc.out, doc.err, file.out, file.err, report, recorded,
                          support::read(fs::path(t / "rec") / docs_job / "002.json"), api.journal_json()})
        CHECK_FALSE(hide.reveals(s));
}

TEST_CASE("a token echoed as u-escapes, Pointer- or percent-encoded reaches no report format, recording or journal", "[watch][serve][token]")
{
    // Every character RFC 6750 lets a token hold beyond letters and digits.
    const std::string hostile = "tnt_S3cr3t/+~.-Z9==";
    const tc::live::redactor hide_hostile(hostile);
    auto echoed = in_progress;
    echoed.replace(echoed.find("tpl_01JABC123XYZ"), 16, R"(\u0074nt_S3cr3t\u002f\u002B~.-Z9\u003d=)");
    echoed.replace(echoed.find("Acme onboarding 2"), 17, "tnt_S3cr3t%2F%2B%7E.-Z9%3D%3D");
    auto opts = options_with();
    opts.token = hostile;
    tt::server api(std::vector<tt::served_job>{{docs_job, {echoed, completed}, "echo"}}, opts);
    temp_dir t;
    {
        std::ofstream(t / "token.txt") << hostile << "\n";
    }
    const auto run = [&](const std::string& args) {
        api.reset();
        return cli(t, "watch " + docs_job + base(api) + " --interval 10ms --token-file " + (t / "token.txt") + " " + args,
                   "TENTED_API_KEY=unused");
    };
    std::vector<std::string> outputs;
    for (const std::string format : {"junit", "sarif", "json"}) {
        const auto r = run("--format " + format + " --output " + (t / format));
        CHECK(r.status == 1);
        outputs.insert(outputs.end(), {r.out, r.err, support::read(t / format)});
    }
    const auto github = run("--format github --record " + (t / "rec"));
    CHECK(github.status == 1);
    CHECK(github.out.find("[redacted]") != std::string::npos);
    const auto recorded = support::read(fs::path(t / "rec") / docs_job / "001.json");
    CHECK(recorded.find("\"template_id\": \"[redacted]\"") != std::string::npos);
    CHECK(recorded.find("\"tent_name\": \"[redacted]\"") != std::string::npos);
    outputs.insert(outputs.end(), {github.out, github.err, recorded, api.journal_json()});
    for (const auto& s : outputs) {
        CHECK_FALSE(hide_hostile.reveals(s));
        CHECK(s.find("S3cr3t") == std::string::npos);
    }
}

TEST_CASE("over plain http watch asks the server directly, whatever proxy the environment names", "[watch][serve][token]")
{
    tt::server api({reference_job()}, options_with());
    temp_dir t;
    // Port 9 (discard) is closed on loopback: a request sent to the proxy fails at once.
    const std::string proxy = "http://127.0.0.1:9";
    const auto r = cli(t, "watch " + docs_job + base(api) + " --interval 10ms",
                       "http_proxy=" + proxy + " HTTP_PROXY=" + proxy + " ALL_PROXY=" + proxy + " all_proxy=" + proxy +
                           " TENTED_API_KEY=" + token);
    CHECK(r.status == 0);
    CHECK(r.err == "tented-contract: the job was terminal after 2 polls (completed)\n");
    CHECK(answered(api) == std::vector<std::string>{"200", "200"});
}

TEST_CASE("on a terminal watch prints one progress line a poll on stderr, and none elsewhere", "[watch][serve][progress]")
{
    tt::server api({reference_job()}, options_with({"503@2"}));
    temp_dir t;
    const auto cmd = "env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy TENTED_API_KEY=" + token +
                     " timeout 60 '" TENTED_CONTRACT_CLI "' watch " + docs_job + base(api) +
                     " --interval 10ms --format json >" + (t / "out.json");
    const auto r = support::shell("script -qec \"" + cmd + "\" /dev/null </dev/null");
    CHECK(r.status == 0);
    CHECK(r.out == "watch: poll 1: running, 1 queued, 1 generating, 1 completed, 0 failed; 0 findings so far\r\n"
                   "watch: poll 2: HTTP 503 Service Unavailable; next poll in 1.0 s\r\n"
                   "watch: poll 3: completed, 0 queued, 0 generating, 3 completed, 0 failed; 0 findings so far\r\n"
                   "tented-contract: the job was terminal after 3 polls (completed)\r\n");
    api.reset();
    const auto piped = cli(t, "watch " + docs_job + base(api) + " --interval 10ms");
    CHECK(piped.status == 0);
    CHECK(piped.err == "tented-contract: the job was terminal after 3 polls (completed)\n");
    CHECK(piped.out == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings\n");
}

TEST_CASE("watch's progress counts the findings so far", "[watch][serve][progress]")
{
    auto broken = completed;
    const std::string three = "\"completed\": 3";
    const auto at = broken.find(three);
    REQUIRE(at != std::string::npos);
    broken.replace(at, three.size(), "\"completed\": 2");
    const auto found = tc::validate(broken).diagnostics.size();
    REQUIRE(found > 0);
    tt::server api(std::vector<tt::served_job>{{docs_job, {broken}, "docs"}}, options_with());
    temp_dir t;
    const auto cmd = "env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy TENTED_API_KEY=" + token +
                     " timeout 60 '" TENTED_CONTRACT_CLI "' watch " + docs_job + base(api) + " --format json >" + (t / "out.json");
    const auto r = support::shell("script -qec \"" + cmd + "\" /dev/null </dev/null");
    CHECK(r.status == 1);
    CHECK(r.out == "watch: poll 1: completed, 0 queued, 0 generating, 2 completed, 0 failed; " + std::to_string(found) +
                       (found == 1 ? " finding" : " findings") + " so far\r\n" +
                       "tented-contract: the job was terminal after 1 poll (completed)\r\n");
}

TEST_CASE("without --record, SARIF places a poll's findings at the URL polled and GitHub on no file", "[watch][serve][formats]")
{
    auto broken = completed;
    const std::string three = "\"completed\": 3";
    broken.replace(broken.find(three), three.size(), "\"completed\": 2");
    tt::server api(std::vector<tt::served_job>{{docs_job, {broken}, "docs"}}, options_with());
    temp_dir t;
    const auto sarif = cli(t, "watch " + docs_job + base(api) + " --format sarif");
    CHECK(sarif.status == 1);
    const auto results = json::parse(sarif.out).at("runs").at(0).at("results").as_array();
    REQUIRE(!results.empty());
    for (const auto& result : results)
        CHECK(json::serialize(result.at("locations").at(0).at("physicalLocation").at("artifactLocation")) ==
              R"({"uri":")" + api.base_url() + "/v1/bulk-jobs/" + docs_job + R"(","description":{"text":"poll 1"}})");
    api.reset();
    const auto github = cli(t, "watch " + docs_job + base(api) + " --format github");
    CHECK(github.status == 1);
    CHECK(github.out.rfind("::error title=", 0) == 0);
    CHECK(github.out.find("file=") == std::string::npos);
    CHECK(github.out.find("::poll 1: ") != std::string::npos);
}

TEST_CASE("watch without a libcurl that loads says why of each name it tried, and exits 2", "[watch][usage]")
{
    const fs::path zlib = "/lib/x86_64-linux-gnu/libz.so.1"; // a library, but no libcurl
    if (!fs::exists(zlib)) {
        WARN("no " << zlib << " here (Debian amd64's zlib) to stand for a libcurl.so.4 that lacks libcurl");
        return;
    }
    temp_dir t;
    const fs::path lib = t / "lib";
    fs::create_directories(lib);
    std::ofstream(lib / "libcurl-gnutls.so.4"); // empty: no library at all
    fs::copy_file(zlib, lib / "libcurl.so.4");
    const auto env = "TENTED_API_KEY=" + token + " LD_LIBRARY_PATH=" + lib.string();
    const auto r = cli(t, "watch " + docs_job + " --base-url http://127.0.0.1:9 --max-errors 1", env);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "tented-contract: watch needs libcurl, and none loads (libcurl.so.4 has no curl_global_init; " +
                       (lib / "libcurl-gnutls.so.4").string() +
                       ": file too short): install Debian's libcurl4 (apt-get install libcurl4), or repair the one named\n");
    CHECK_FALSE(hide.reveals(r.err));
}

TEST_CASE("watch refuses a token argument, a missing token, plain http to another host, a bad id", "[watch][usage]")
{
    temp_dir t;
    const auto argument = cli(t, "watch " + docs_job + " --token " + token);
    CHECK(argument.status == 2);
    CHECK(argument.out.empty());
    CHECK_FALSE(hide.reveals(argument.err));
    CHECK(argument.err.find("use --token-env NAME or --token-file FILE") != std::string::npos);

    const auto none = cli(t, "watch " + docs_job, "-u TENTED_API_KEY");
    CHECK(none.status == 2);
    CHECK(none.err == "tented-contract: no token: set TENTED_API_KEY (or name another variable with --token-env), or "
                      "give --token-file\n");

    const auto plain = cli(t, "watch " + docs_job + " --base-url http://192.0.2.1:8080");
    CHECK(plain.status == 2);
    CHECK(plain.err == "tented-contract: --base-url: plain http:// would send the token in clear: only to a loopback "
                       "host, or with --allow-http\n");

    // An empty port is no port libcurl refuses: it would ask the scheme's default one.
    for (const auto* empty : {"http://127.0.0.1:", "http://[::1]:/", "https://localhost:?"}) {
        const auto port = cli(t, "watch " + docs_job + " --base-url '" + empty + "'");
        CHECK(port.status == 2);
        CHECK(port.err == "tented-contract: --base-url: expected a port number after ':' (libcurl would take the "
                          "scheme's default in its place)\n");
    }

    const auto mapped_away = cli(t, "watch " + docs_job + " --base-url http://[::ffff:192.0.2.1]:8080");
    CHECK(mapped_away.status == 2);
    CHECK(mapped_away.err.find("plain http:// would send the token in clear") != std::string::npos);
    // Loopback mapped into IPv6, as serve prints it for --host ::ffff:127.0.0.1: asked (port 9
    // of loopback answers nothing), not refused.
    const auto mapped_loopback =
        cli(t, "watch " + docs_job + " --base-url http://[::ffff:127.0.0.1]:9 --max-errors 1 --request-timeout 500ms");
    CHECK(mapped_loopback.status == 2);
    CHECK(mapped_loopback.err.rfind("tented-contract: 1 failed poll (--max-errors); the last: no answer: ", 0) == 0);

    const auto id = cli(t, "watch ../etc");
    CHECK(id.status == 2);
    CHECK(id.err == "tented-contract: JOB_ID: expected at most 64 letters, digits, '-' or '_' (it goes into the URL "
                    "path and the --record folder)\n");
    const auto token_as_id = cli(t, "watch tnt_test_FAKE0123456789abcdef --record " + (t / "tok") + " --base-url http://127.0.0.1:9",
                                 "TENTED_API_KEY=tnt_test_FAKE0123456789abcdef");
    CHECK(token_as_id.status == 2);
    CHECK(token_as_id.err == "tented-contract: JOB_ID is the bearer token: give the job's id (a ULID)\n");
    CHECK_FALSE(fs::exists(t / "tok"));

    const auto interval = cli(t, "watch " + docs_job + " --interval 0");
    CHECK(interval.status == 2);
    CHECK(interval.err.find("expected a duration from 1ms to 30 days") != std::string::npos);

    // A token a report could not be searched for without damage, or no bearer token at all.
    for (const char* bad : {"test", "tnt_\\\"quote\\\"_tok", "tnt_sp ace_token", "tnt_=padding_first"}) {
        INFO(bad);
        const auto refused = cli(t, "watch " + docs_job, std::string("TENTED_API_KEY='") + bad + "'");
        CHECK(refused.status == 2);
        CHECK(refused.out.empty());
        CHECK(refused.err.find(bad) == std::string::npos);
    }
    CHECK(cli(t, "watch " + docs_job, "TENTED_API_KEY=test").err ==
          "tented-contract: the token has fewer than 12 characters: every report is searched for it, and hiding so short a "
          "text would cut pieces out of them\n");
    CHECK(cli(t, "watch " + docs_job, "TENTED_API_KEY='tnt_sp ace_token'").err ==
          "tented-contract: the token is not an RFC 6750 bearer token (letters, digits and - . _ ~ + /, then = padding)\n");
}

TEST_CASE("TLS: a throwaway CA is trusted with --ca-file only, and the host name must match", "[watch][tls]")
{
    temp_dir t;
    make_certificates(t);
    fs::create_directories(fs::path(t / "www/v1/bulk-jobs"));
    std::ofstream(t / ("www/v1/bulk-jobs/" + docs_job), std::ios::binary) << completed;
    tls_peer peer(t, 3);
    const auto ip = " --base-url https://127.0.0.1:" + peer.port();

    const auto trusted = cli(t, "watch " + docs_job + ip + " --ca-file " + (t / "ca.pem") + " --format json");
    CHECK(trusted.status == 0);
    CHECK(trusted.err == "tented-contract: the job was terminal after 1 poll (completed)\n");
    CHECK(json::parse(trusted.out).at("summary").at("valid") == 1);

    const auto unknown = cli(t, "watch " + docs_job + ip);
    CHECK(unknown.status == 2);
    CHECK(unknown.err == "tented-contract: poll 1: no answer: SSL certificate problem: unable to get local issuer certificate\n");

    const auto name = cli(t, "watch " + docs_job + " --base-url https://localhost:" + peer.port() + " --ca-file " + (t / "ca.pem"));
    CHECK(name.status == 2);
    CHECK(name.err == "tented-contract: poll 1: no answer: SSL: no alternative certificate subject name matches target "
                      "host name 'localhost'\n");
}
