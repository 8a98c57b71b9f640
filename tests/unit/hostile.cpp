// Hostile files and paths given to `tented-contract validate`: FIFOs, /dev/zero, symbolic link
// loops, files that vanish between listing and reading, names that are not UTF-8, unreadable and
// empty files. Each gets a clear message and its documented exit status (README, "Exit status":
// 1 for findings, 2 for an input that cannot be read), and the other inputs are still checked.
// The behaviour is documented in README, "Robustness", "Hostile files and paths".
#include <tented/contract/diagnostic.hpp>

#include "payloads.hpp"
#include "support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
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
    CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
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
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");
    // Given explicitly, a link to a folder is that folder.
    const auto through = s.run("validate polls/sub/up/sub");
    CHECK(through.status == 0);
    CHECK(through.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
}

TEST_CASE("a file that vanishes between the folder listing and its reading: exit 2, the rest checked", "[hostile][race]")
{
    // The CLI lists a folder, then reads its files in name order. The test watches the folder
    // with inotify and deletes b.json as soon as the CLI opens a.json: after the listing, before
    // b.json is read (a.json is large enough to take the CLI a while).
    scratch s;
    fs::create_directories(s.dir / "polls");
    s.write("polls/a.json", payloads::make({100000}));
    s.write("polls/b.json", good);
    s.write("polls/c.json", late());
    const int watch = inotify_init1(IN_CLOEXEC);
    REQUIRE(watch >= 0);
    REQUIRE(inotify_add_watch(watch, (s.dir / "polls").c_str(), IN_OPEN) >= 0);

    const std::string cmd = "cd " + scratch::q(s.dir) + " && '" + TENTED_CONTRACT_CLI +
                            "' validate --max-items 100000 polls 2>&1";
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
    CHECK(out.find("2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n") != std::string::npos);
    CHECK(out.find("tented-contract: polls/b.json: cannot open (No such file or directory)\n") != std::string::npos);
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
    CHECK(r.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
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

TEST_CASE("a --max-depth beyond the safe ceiling of 10,000 is a usage error, not a stack overflow", "[hostile][limits]")
{
    scratch s;
    s.write("deep.json", std::string(200000, '[') + std::string(200000, ']'));
    std::string err;
    const auto r = s.run("validate --max-depth 1000000 deep.json", &err);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(err.find("--max-depth") != std::string::npos);
    const auto ceiling = s.run("validate --max-depth 10000 deep.json");
    CHECK(ceiling.status == 1);
    CHECK(ceiling.out.find("nesting deeper than the limit of 10000 arrays and objects [json/depth]") !=
          std::string::npos);
}
