// Shared by the unit tests: where the sources and the CLI are, reading files, running the CLI.
#ifndef TENTED_CONTRACT_TESTS_SUPPORT_HPP
#define TENTED_CONTRACT_TESTS_SUPPORT_HPP

#include <tented/contract/diagnostic.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace support {

inline std::filesystem::path source_dir() { return TENTED_CONTRACT_SOURCE_DIR; }
inline std::filesystem::path corpus_dir() { return source_dir() / "corpus"; }

inline std::string read(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The distinct rule ids of a report, sorted.
inline std::vector<std::string> ids(const tented::contract::report& r) { return r.rule_ids(); }

struct run_result
{
    int status = -1;
    std::string out;
};

/// Runs `cmd` through the shell; its stdout captured.
inline run_result shell(const std::string& cmd)
{
    run_result r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run " + cmd);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

/// Runs `tented-contract ARGS` through the shell; stdout (and stderr when `merge`) captured.
inline run_result cli(const std::string& args, bool merge = false)
{
    return shell(std::string("'") + TENTED_CONTRACT_CLI + "' " + args + (merge ? " 2>&1" : " 2>/dev/null"));
}

/// A fresh folder under the system's temporary folder, named `PREFIX-PID-N` (no character a
/// shell reads), removed with all it holds when the test ends.
class temp_folder
{
public:
    explicit temp_folder(const std::string& prefix)
    {
        static int count = 0;
        path_ = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~temp_folder()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_folder(const temp_folder&) = delete;
    temp_folder& operator=(const temp_folder&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace support

#endif
