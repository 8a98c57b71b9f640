// tented-contract tests: `tented-contract serve` run as a user runs it, in the background.
#ifndef TENTED_CONTRACT_TESTS_SERVED_CLI_HPP
#define TENTED_CONTRACT_TESTS_SERVED_CLI_HPP

#include "support.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace support {

/// `tented-contract serve ARGS --port 0 --port-file F` in the background, its standard output in a
/// file; stopped with SIGTERM when destroyed, if `stop` was not called.
class served_cli
{
public:
    explicit served_cli(std::vector<std::string> args)
        : dir_(std::filesystem::temp_directory_path() / ("tc-serve-" + std::to_string(::getpid()) + "-" + std::to_string(++count_)))
    {
        std::filesystem::create_directories(dir_);
        args.insert(args.begin(), {TENTED_CONTRACT_CLI, "serve"});
        for (const char* a : {"--port", "0", "--port-file"}) args.emplace_back(a);
        args.push_back((dir_ / "port").string());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, 1, (dir_ / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&files, 2, (dir_ / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int failed = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        REQUIRE(failed == 0);
        for (int i = 0; i < 500 && !std::filesystem::exists(dir_ / "port"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        REQUIRE(std::filesystem::exists(dir_ / "port"));
        port_ = std::stoi(support::read(dir_ / "port"));
    }
    ~served_cli()
    {
        if (pid_ > 0) stop(SIGTERM);
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    served_cli(const served_cli&) = delete;
    served_cli& operator=(const served_cli&) = delete;

    std::string url(const std::string& target = "") const { return "http://127.0.0.1:" + std::to_string(port_) + target; }
    std::string out() const { return support::read(dir_ / "stdout"); }
    std::string err() const { return support::read(dir_ / "stderr"); }
    const std::filesystem::path& dir() const { return dir_; }

    /// Sends `signal`, waits (at most 10 s, then kills it) and returns the exit status; -1 when
    /// it did not exit by itself.
    int stop(int signal)
    {
        ::kill(pid_, signal);
        int status = 0;
        for (int i = 0; i < 500 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (::waitpid(pid_, &status, WNOHANG) == 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
            status = -1;
        }
        pid_ = -1;
        return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    inline static int count_ = 0;
    std::filesystem::path dir_;
    pid_t pid_ = -1;
    int port_ = 0;
};

} // namespace support

#endif
