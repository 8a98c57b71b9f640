// Hostile files and paths given to `tented-contract validate`: FIFOs, /dev/zero, symbolic link
// loops, files that vanish between listing and reading, names that are not UTF-8, unreadable and
// empty files. Each gets a clear message and its documented exit status (docs/cli.md, "Exit status":
// 1 for findings, 2 for an input that cannot be read), and the other inputs are still checked.
// The behaviour is documented in docs/robustness.md, "Hostile files and paths".
#include <tented/contract/diagnostic.hpp>

#include "payloads.hpp"
#include "support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

/// A fresh folder for one test, removed with everything in it at the end.
struct scratch
{
    fs::path dir;

    scratch()
    {
        static std::atomic<int> counter{0};
        dir = fs::temp_directory_path() /
              ("tented-hostile-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~scratch()
    {
        std::error_code ec;
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(dir, ec);
    }

    fs::path write(const std::string& name, const std::string& text) const
    {
        const fs::path p = dir / name;
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

    /// `p` quoted for the shell (paths here hold no single quote).
    static std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

    /// Runs `tented-contract ARGS` inside the folder (paths in the output are relative), its
    /// stdout captured and its stderr in `err`. A run that blocks is stopped after 120 s and
    /// shows as status 124 (coreutils' `timeout`), so a hang fails the status check, not the run.
    support::run_result run(const std::string& args, std::string* err = nullptr) const
    {
        const fs::path err_file = dir.parent_path() / (dir.filename().string() + ".stderr");
        const std::string cmd =
            "cd " + q(dir) + " && timeout 120 '" + TENTED_CONTRACT_CLI + "' " + args + " 2>" + q(err_file);
        const auto r = support::shell(cmd);
        if (err) *err = support::read(err_file);
        std::error_code ec;
        fs::remove(err_file, ec);
        return r;
    }
};

// A valid payload, and one with exactly one error (time/order), both small.
const std::string good = payloads::make({});
std::string late()
{
    std::string s = payloads::make({});
    s.replace(s.find("2026-03-25T14:31:10.000Z"), 24, "2026-03-25T14:29:59.000Z");
    return s;
}

/// Ignores SIGPIPE while alive: a FIFO writer thread must see EPIPE, not kill the tests, when
/// the CLI stops reading at the size limit.
struct no_sigpipe
{
    void (*previous)(int) = std::signal(SIGPIPE, SIG_IGN);
    ~no_sigpipe() { std::signal(SIGPIPE, previous); }
};

} // namespace

TEST_CASE("hostile inputs: the payloads the tests start from raise what they should", "[hostile]")
{
    scratch s;
    s.write("good.json", good);
    s.write("late.json", late());
    const auto r = s.run("validate good.json late.json");
    CHECK(r.status == 1);
    CHECK(r.out.find("[time/order]") != std::string::npos);
    CHECK(r.out.find("2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n") != std::string::npos);
}

TEST_CASE("a FIFO given by name is read like standard input, up to its writer's end", "[hostile][fifo]")
{
    scratch s;
    s.write("good.json", good);
    const fs::path fifo = s.dir / "poll.json";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    // The writer opens the FIFO (waiting for the CLI to open it), writes one payload, closes.
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << late(); });
    const auto r = s.run("validate poll.json good.json");
    writer.join();
    CHECK(r.status == 1);
    CHECK(r.out.rfind("poll.json:1:", 0) == 0);
    CHECK(r.out.find("[time/order]") != std::string::npos);
    CHECK(r.out.find("2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n") != std::string::npos);
}

TEST_CASE("a FIFO whose writer never stops is cut at the size limit: json/too-large, exit 1", "[hostile][fifo][limits]")
{
    scratch s;
    s.write("good.json", good);
    const fs::path fifo = s.dir / "endless.json";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    no_sigpipe guard;
    std::thread writer([&] {
        const int fd = open(fifo.c_str(), O_WRONLY);
        if (fd < 0) return;
        const std::string block(1 << 16, ' ');
        while (write(fd, block.data(), block.size()) > 0) {
        } // until the CLI closes its end (EPIPE)
        close(fd);
    });
    std::string err;
    const auto r = s.run("validate --max-bytes 1000000 endless.json good.json", &err);
    writer.join();
    CHECK(r.status == 1);
    CHECK(r.out.rfind("endless.json:1:1: error: the input is ", 0) == 0);
    CHECK(r.out.find("the limit of 1000000 bytes (refused before parsing) [json/too-large]") !=
          std::string::npos);
    CHECK(r.out.find("2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n") != std::string::npos);
    CHECK(err.empty());
}

TEST_CASE("a FIFO inside a folder is skipped by the walk, without waiting for a writer", "[hostile][fifo]")
{
    scratch s;
    fs::create_directories(s.dir / "polls");
    s.write("polls/good.json", good);
    REQUIRE(mkfifo((s.dir / "polls/nobody-writes.json").c_str(), 0600) == 0);
    std::string err;
    const auto r = s.run("validate polls", &err);
    CHECK(r.status == 0);
    CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 1 file skipped (1 not a regular file (a FIFO, "
                   "socket or device))\n");
    CHECK(err.empty());
}

TEST_CASE("/dev/zero is stopped by the size limit: json/too-large, exit 1", "[hostile][limits]")
{
    scratch s;
    s.write("good.json", good);
    const auto r = s.run("validate /dev/zero good.json");
    CHECK(r.status == 1);
    CHECK(r.out.rfind("/dev/zero:1:1: error: the input is ", 0) == 0);
    CHECK(r.out.find("the limit of 67108864 bytes (refused before parsing) [json/too-large]") !=
          std::string::npos);
    CHECK(r.out.find("2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n") != std::string::npos);

    const auto small = s.run("validate --max-bytes 4096 --format json /dev/zero");
    CHECK(small.status == 1);
    const auto doc = json::parse(small.out);
    CHECK(doc.at("results").at(0).at("diagnostics").at(0).at("rule") == "json/too-large");
}

TEST_CASE("/dev/zero read as JSON Lines: its endless line is reported once past the limit, at once",
          "[hostile][limits][jsonl]")
{
    // A stream's line may never end: its finding is written (and flushed) when the line passes
    // the limit; the rest of the line is skipped for as long as it lasts, like any reader of an
    // endless stream, so the run is stopped here after 2 seconds.
    const auto r = support::shell("timeout 2 '" + std::string(TENTED_CONTRACT_CLI) +
                                  "' validate --jsonl --max-bytes 1000 /dev/zero");
    CHECK(r.status == 124);
    CHECK(r.out == "/dev/zero:1:1: error: the input is more than the limit of 1000 bytes (refused before parsing) "
                   "[json/too-large]\n");
}

TEST_CASE("a Unix socket named on the command line is said to be one, exit 2, the other inputs checked",
          "[hostile][socket]")
{
    scratch s;
    s.write("good.json", good);
    const auto path = (s.dir / "sock.json").string();
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof address.sun_path);
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    std::string err;
    const auto r = s.run("validate sock.json good.json", &err);
    ::close(fd);
    CHECK(r.status == 2);
    CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 1 input not checked\n");
    CHECK(err == "tented-contract: sock.json: a socket, not a file: not read\n");
}

TEST_CASE("a folder that loops through symbolic links is walked once and the walk ends", "[hostile][symlink]")
{
    scratch s;
    fs::create_directories(s.dir / "polls/sub");
    s.write("polls/sub/good.json", good);
    s.write("polls/late.json", late());
    fs::create_directory_symlink("..", s.dir / "polls/sub/up");      // polls/sub/up -> polls
    fs::create_directory_symlink(".", s.dir / "polls/self");         // polls/self -> polls
    fs::create_directory_symlink(s.dir / "polls", s.dir / "polls/sub/abs"); // an absolute loop
    const auto r = s.run("validate polls");
    CHECK(r.status == 1);
    CHECK(r.out == "polls/late.json:1:" + std::to_string(late().find("\"updated_at\"") + 14) +
                       ": error: updated_at 2026-03-25T14:29:59.000Z is earlier than created_at "
                       "2026-03-25T14:30:00.000Z (at /updated_at) [time/order]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings, 3 files skipped (3 a link to a folder "
                       "(not followed))\n");
    // Given explicitly, a link to a folder is that folder; the links inside it are not followed.
    const auto through = s.run("validate polls/sub/up/sub");
    CHECK(through.status == 0);
    CHECK(through.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 2 files skipped (2 a link to a folder "
                         "(not followed))\n");
}

TEST_CASE("a file that vanishes between the folder listing and its reading: exit 2, the rest checked", "[hostile][race]")
{
    // The CLI lists a folder, then reads its files in name order (--jobs 1: with more, b.json
    // may be open already). The test watches the folder with inotify and deletes b.json as soon
    // as the CLI opens a.json: after the listing, before b.json is read (a.json is large enough
    // to take the CLI a while).
    scratch s;
    fs::create_directories(s.dir / "polls");
    s.write("polls/a.json", payloads::make({100000}));
    s.write("polls/b.json", good);
    s.write("polls/c.json", late());
    const int watch = inotify_init1(IN_CLOEXEC);
    REQUIRE(watch >= 0);
    REQUIRE(inotify_add_watch(watch, (s.dir / "polls").c_str(), IN_OPEN) >= 0);

    const std::string cmd = "cd " + scratch::q(s.dir) + " && '" + TENTED_CONTRACT_CLI +
                            "' validate --jobs 1 --max-items 100000 polls 2>&1";
    FILE* cli = popen(cmd.c_str(), "r");
    REQUIRE(cli);
    bool deleted = false;
    alignas(inotify_event) char buf[4096];
    while (!deleted) {
        const ssize_t n = read(watch, buf, sizeof buf);
        if (n <= 0) break;
        for (char* p = buf; p < buf + n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(p);
            if (e->len && std::string(e->name) == "a.json") deleted = fs::remove(s.dir / "polls/b.json");
            p += sizeof(inotify_event) + e->len;
        }
    }
    close(watch);
    std::string out;
    char chunk[4096];
    std::size_t got;
    while ((got = std::fread(chunk, 1, sizeof chunk, cli)) > 0) out.append(chunk, got);
    const int st = pclose(cli);
    REQUIRE(deleted);
    CHECK(WIFEXITED(st));
    CHECK(WEXITSTATUS(st) == 2);
    CHECK(out.find("polls/c.json:1:") != std::string::npos); // the file after it was checked
    CHECK(out.find("2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings, 1 input not checked\n") != std::string::npos);
    CHECK(out.find("tented-contract: polls/b.json: no such file or folder\n") != std::string::npos);
}

TEST_CASE("a file name that is not UTF-8 is printed as is in text, and as valid JSON with --format json", "[hostile][names]")
{
    scratch s;
    const std::string name = "poll-\xFF\xFE-latin1-\xE9.json"; // bytes no UTF-8 text holds
    s.write(name, late());
    s.write("good.json", good);

    const auto text = s.run("validate '" + name + "' good.json");
    CHECK(text.status == 1);
    CHECK(text.out.rfind(name + ":1:", 0) == 0);

    const auto js = s.run("validate --format json '" + name + "' good.json");
    CHECK(js.status == 1);
    json::value doc;
    REQUIRE_NOTHROW(doc = json::parse(js.out)); // Boost.JSON refuses invalid UTF-8
    const auto& results = doc.at("results").as_array();
    REQUIRE(results.size() == 2);
    // Each byte that is not UTF-8 becomes U+FFFD, the replacement character.
    CHECK(results[0].at("source") == "poll-\xEF\xBF\xBD\xEF\xBF\xBD-latin1-\xEF\xBF\xBD.json");
    CHECK(results[0].at("diagnostics").at(0).at("rule") == "time/order");
    CHECK(results[1].at("source") == "good.json");

    // Found by a folder walk, too.
    const auto walked = s.run("validate --format json .");
    CHECK(walked.status == 1);
    REQUIRE_NOTHROW(json::parse(walked.out));
}

TEST_CASE("an unreadable file: a clear message, exit 2, the other inputs checked", "[hostile][permissions]")
{
    scratch s;
    s.write("good.json", good);
    const fs::path locked = s.write("locked.json", good);
    fs::permissions(locked, fs::perms::none);
    const bool root_reads_anyway = std::ifstream(locked).is_open();
    std::string err;
    if (!root_reads_anyway) {
        const auto r = s.run("validate locked.json good.json", &err);
        CHECK(r.status == 2);
        CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
        CHECK(err == "tented-contract: locked.json: cannot open (Permission denied)\n");
    } else {
        WARN("running as root, chmod 000 does not stop reading: checking an unreadable folder "
             "entry instead, a path whose parent is a regular file");
    }
    // Readable by no one, root included: a path through a regular file (ENOTDIR).
    const auto r = s.run("validate good.json/inner.json good.json", &err);
    CHECK(r.status == 2);
    CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 1 input not checked\n");
    CHECK(err == "tented-contract: good.json/inner.json: no such file or folder\n");
}

TEST_CASE("an empty file is json/syntax at 1:1, exit 1, the other inputs checked", "[hostile][empty]")
{
    scratch s;
    s.write("empty.json", "");
    s.write("good.json", good);
    const auto r = s.run("validate empty.json good.json");
    CHECK(r.status == 1);
    CHECK(r.out == "empty.json:1:1: error: expected one JSON value, got an empty input [json/syntax]\n"
                   "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");
}

TEST_CASE("a log with no record and a capture with no poll are exit 2, never a pass that checked nothing",
          "[hostile][empty]")
{
    scratch s;
    s.write("good.json", good);
    s.write("empty.jsonl", "");
    s.write("blank.ndjson", "\n  \r\n\t\n");
    const std::string no_entries = R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[]}})";
    s.write("empty.har", no_entries);
    s.write("other.har", R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[)"
                         R"({"startedDateTime":"2026-03-25T14:30:00.000Z","request":{"method":"GET",)"
                         R"("url":"https://api.tented.example/v1/templates"},"response":{"status":200,)"
                         R"("content":{"mimeType":"application/json","text":"{}"}}}]}})");
    const std::string log_error = ": holds no JSON Lines record to check (it is empty, or blank lines only)";
    const std::string har_error = ": holds no poll of GET /v1/bulk-jobs/{bulkJobId} answered 200 to check";
    for (const std::string verb : {"validate", "replay"}) {
        INFO(verb);
        std::string err;
        const auto r = s.run(verb + " empty.jsonl blank.ndjson empty.har other.har good.json", &err);
        CHECK(r.status == 2);
        CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 4 inputs not checked\n");
        CHECK(err == "tented-contract: empty.jsonl" + log_error + "\ntented-contract: blank.ndjson" + log_error +
                         "\ntented-contract: empty.har" + har_error + "\ntented-contract: other.har" + har_error + "\n");

        const auto piped = s.run("validate --jsonl - < blank.ndjson", &err);
        CHECK(piped.status == 2);
        CHECK(err == "tented-contract: <stdin>" + log_error + "\n");
    }

    // Polls answered 503 only, their warnings turned off: polls, but none to check.
    s.write("busy.har", R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[)"
                        R"({"startedDateTime":"2026-03-25T14:30:00.000Z","request":{"method":"GET",)"
                        R"("url":"https://api.tented.example/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K"},)"
                        R"("response":{"status":503,"content":{"mimeType":"text/plain","text":"busy"}}}]}})");
    std::string err;
    CHECK(s.run("validate busy.har", &err).status == 0); // a warning alone, said on standard output
    CHECK(err.empty());
    const auto quiet = s.run("validate --disable capture/http-status busy.har", &err);
    CHECK(quiet.status == 2);
    CHECK(err == "tented-contract: busy.har" + har_error + "\n");

    // Read whole, as a FIFO is (it cannot be read twice).
    for (const std::string& name : {std::string("fifo.jsonl"), std::string("fifo.har")}) {
        INFO(name);
        const fs::path fifo = s.dir / name;
        REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
        std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << (name == "fifo.har" ? no_entries : "\n"); });
        std::string err;
        const auto r = s.run("validate " + name, &err);
        writer.join();
        CHECK(r.status == 2);
        CHECK(err == "tented-contract: " + name + (name == "fifo.har" ? har_error : log_error) + "\n");
    }
}

TEST_CASE("a --max-depth beyond the safe ceiling of 1,000 is a usage error, not a stack overflow", "[hostile][limits]")
{
    scratch s;
    s.write("deep.json", std::string(200000, '[') + std::string(200000, ']'));
    std::string err;
    const auto r = s.run("validate --max-depth 1000000 deep.json", &err);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(err.find("--max-depth") != std::string::npos);
    CHECK(s.run("validate --max-depth 1001 deep.json").status == 2);
    const auto ceiling = s.run("validate --max-depth 1000 deep.json");
    CHECK(ceiling.status == 1);
    CHECK(ceiling.out.find("nesting deeper than the limit of 1000 arrays and objects [json/depth]") !=
          std::string::npos);
}

// ---- found by the hostile-input review: each kind, not only the one input ----------------------

TEST_CASE("a number option takes a whole number in its range: -1, '' and 2^64 are usage errors", "[hostile][options]")
{
    scratch s;
    s.write("good.json", good);
    for (const std::string args :
         {"validate --max-bytes -1 good.json", "validate --max-bytes '' good.json",
          "validate --max-bytes 18446744073709551616 good.json", "validate --max-items -1 good.json",
          "validate --max-depth 1001 good.json", "generate --count -1", "generate --count ''",
          "generate --seed -1", "generate --items -1", "generate --items 0", "generate --items 26",
          "generate --items 18446744073709551615"}) {
        INFO(args);
        std::string err;
        const auto r = s.run(args, &err);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(err.find("expected a whole number from ") != std::string::npos);
    }
    CHECK(s.run("generate --items 25 --count 2").status == 0);
    CHECK(s.run("validate --max-bytes 0 good.json").status == 1); // a limit of 0: everything is too large
}

TEST_CASE("the rules that stop all checking cannot be turned off from the command line", "[hostile][options]")
{
    scratch s;
    s.write("garbage.json", "\xff{");
    for (const std::string args : {"--disable json/syntax", "--warning json/syntax", "--disable json/depth",
                                   "--disable json/too-large"}) {
        INFO(args);
        std::string err;
        const auto r = s.run("validate " + args + " garbage.json", &err);
        CHECK(r.status == 2);
        CHECK(err.find("cannot be turned off or made a warning") != std::string::npos);
    }
}

TEST_CASE("output that cannot be written is exit 2, never a silent 0", "[hostile][output]")
{
    scratch s;
    s.write("good.json", good);
    s.write("findings.json", late());
    for (const std::string args :
         {"validate good.json", "validate --format json good.json", "validate findings.json",
          "validate --format github findings.json findings.json", "rules", "generate --count 50", "--version", "--help",
          "validate --help"}) {
        INFO(args);
        std::string err;
        const auto full = s.run(args + " > /dev/full", &err);
        CHECK(full.status == 2);
        CHECK(err == "tented-contract: standard output: cannot write (No space left on device)\n");
        const auto closed = s.run(args + " >&-", &err);
        CHECK(closed.status == 2);
        // Held on /dev/null read-only, a closed standard output takes no file the run opens.
        CHECK(err == "tented-contract: standard output: cannot write (Bad file descriptor)\n");
    }
    std::string err;
    CHECK(s.run("validate --output /dev/full findings.json", &err).status == 2);
    CHECK(err == "tented-contract: /dev/full: cannot write (No space left on device)\n");
}

TEST_CASE("text output escapes control characters: a payload cannot forge a finding line", "[hostile][output]")
{
    scratch s;
    std::string forged = good;
    const std::string status = R"("status":"accepted")";
    REQUIRE(forged.find(status) != std::string::npos);
    forged.replace(forged.find(status), status.size(),
                   R"("status":"accepted\nfake.json:1:1: error: forged [json/syntax]\u001b[31m")");
    s.write("forged.json", forged);
    s.write("new\nline.json", late());
    const auto r = s.run("validate forged.json 'new\nline.json'");
    CHECK(r.status == 1);
    CHECK(r.out.find("\x1b") == std::string::npos);
    CHECK(r.out.find("\nfake.json") == std::string::npos);
    CHECK(r.out.find(R"(got "accepted\nfake.json:1:1: error: forged [json/syntax]\x1b[31m")") != std::string::npos);
    CHECK(r.out.find("\nnew\\nline.json:1:") != std::string::npos);
    // One finding a line, then the summary.
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 3);
}

TEST_CASE("a link to a FIFO or a device inside a folder is skipped like the FIFO itself", "[hostile][fifo]")
{
    scratch s;
    fs::create_directories(s.dir / "polls");
    s.write("polls/good.json", good);
    REQUIRE(mkfifo((s.dir / "fifo").c_str(), 0600) == 0);
    fs::create_symlink(s.dir / "fifo", s.dir / "polls/fifo.json");
    fs::create_symlink("/dev/zero", s.dir / "polls/zero.json");
    fs::create_symlink(s.dir / "nowhere", s.dir / "polls/dangling.json");
    std::string err;
    const auto r = s.run("validate polls", &err);
    CHECK(r.status == 2); // the dangling link, said
    CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 2 files skipped (2 not a regular file (a FIFO, "
                   "socket or device)), 1 input not checked\n");
    CHECK(err == "tented-contract: polls/dangling.json: a symbolic link that loops or leads nowhere\n");
}

TEST_CASE("corpus skips FIFOs and refuses a depth limit past the ceiling, without hanging or crashing",
          "[hostile][corpus]")
{
    scratch s;
    fs::create_directories(s.dir / "c/valid");
    fs::create_directories(s.dir / "c/sequences/valid/s");
    s.write("c/valid/good.json", good);
    REQUIRE(mkfifo((s.dir / "c/valid/fifo.json").c_str(), 0600) == 0);
    REQUIRE(mkfifo((s.dir / "c/sequences/valid/s/001.json").c_str(), 0600) == 0);
    const auto r = s.run("corpus c");
    CHECK(r.status == 0);
    CHECK(r.out == "corpus: 1 passed, 0 failed\n");

    s.write("c/valid/deep.json", std::string(200000, '[') + std::string(200000, ']'));
    s.write("c/valid/deep.options.json", R"({"max_depth": 100000000})");
    std::string err;
    const auto deep = s.run("corpus c", &err);
    CHECK(deep.status == 2);
    CHECK(err.find("deep.options.json: \"max_depth\" must be at most 1000") != std::string::npos);
}

bool sanitized_build()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

TEST_CASE("running out of memory is a message and exit 2, not an abort", "[hostile][memory]")
{
    // AddressSanitizer reserves terabytes of address space: under a ulimit -v it cannot start.
    if (sanitized_build()) return;
    scratch s;
    const auto r = support::shell("ulimit -v 1000000; cd '" + s.dir.string() + "' && timeout 120 '" +
                                  TENTED_CONTRACT_CLI + "' validate --max-bytes 4000000000 /dev/zero 2>&1");
    CHECK(r.status == 2);
    CHECK(r.out == "tented-contract: out of memory (a lower --max-bytes or --max-findings bounds what one input may take)\n");
}

TEST_CASE("replay on a folder of sequence folders replays each one, found at any depth", "[hostile][replay]")
{
    scratch s;
    fs::create_directories(s.dir / "jobs/a");
    fs::create_directories(s.dir / "jobs/deeper/b");
    s.write("jobs/a/001.json", good);
    s.write("jobs/a/002.json", good);
    // b goes backwards in time: its second poll was updated before its first.
    s.write("jobs/deeper/b/001.json", good);
    s.write("jobs/deeper/b/002.json", late());
    const auto r = s.run("replay jobs");
    CHECK(r.status == 1);
    CHECK(r.out.find("jobs/a/") == std::string::npos); // a is clean
    CHECK(r.out.find("jobs/deeper/b/002.json:1:") == 0);
    CHECK(r.out.find("[seq/time]") != std::string::npos);
    CHECK(r.out.find("4 inputs, 3 valid, 1 invalid") != std::string::npos);
}

TEST_CASE("import --out '' is a usage error, not the current folder", "[hostile][import]")
{
    scratch s;
    s.write("capture.har", R"({"log":{"version":"1.2","entries":[]}})");
    std::string err;
    const auto r = s.run("import capture.har --out ''", &err);
    CHECK(r.status == 2);
    CHECK(err.find("expected a folder name") != std::string::npos);
}
