// tented-contract serve: recordings served over HTTP by the kit's server (testing/server.hpp)
// until SIGINT or SIGTERM.
#include "command.hpp"

#include <tented/contract/testing/server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>

namespace tented::contract::cli {

namespace {

struct serve_settings
{
    std::vector<std::string> paths;
    std::string host = "127.0.0.1";
    std::uint64_t port = 0;
    std::string port_file;
    std::string token_env;
    std::uint64_t seed = 0;
    std::string latency;
    std::vector<std::string> faults;
    std::uint64_t idle_timeout = 10;
    std::uint64_t max_connections = testing::server_options{}.max_connections;
    std::size_t max_bytes = options{}.max_bytes;
};

/// The port file, written whole or not at all (aside, then renamed), so that a script that
/// waits for it never reads half a number; a FIFO, a device or a descriptor's name is written in
/// place (`written_in_place`), never replaced; through a symbolic link the file it names is
/// replaced, keeping its permissions, as `--output` does. It is opened before the server
/// listens: one that cannot be written stops the run before any URL is announced.
class port_file
{
public:
    explicit port_file(std::string file)
        : file_(std::move(file)), target_(replaced_file(file_).string()),
          aside_(written_in_place(file_) ? std::string() : aside_name(file_, target_))
    {
        errno = 0;
        if (aside_.empty()) out_.open(file_, in_place_mode(file_));
        else out_.open(aside_);
        if (!out_) throw std::runtime_error(write_failure(file_, reason(errno)));
    }

    port_file(const port_file&) = delete;
    port_file& operator=(const port_file&) = delete;

    ~port_file()
    {
        if (published_) return;
        out_.close();
        if (!aside_.empty()) std::remove(aside_.c_str()); // a server that never listened leaves no file behind
    }

    void publish(std::uint16_t port)
    {
        errno = 0;
        out_ << port << '\n';
        if (!out_.flush()) throw std::runtime_error(write_failure(file_, reason(errno)));
        out_.close();
        std::error_code ec;
        if (!aside_.empty()) {
            keep_permissions(target_, aside_);
            std::filesystem::rename(aside_, target_, ec);
        }
        if (ec) throw std::runtime_error(write_failure(file_, ec.message()));
        published_ = true;
    }

private:
    static std::string reason(int e) { return e ? std::strerror(e) : std::string(); }

    std::string file_, target_, aside_; // target_: the file renamed over (`replaced_file`)
    std::ofstream out_;
    bool published_ = false;
};

/// The server's options from the command line; false, with a message said, when one is wrong.
bool server_options_of(const serve_settings& s, testing::server_options& o)
{
    o.host = s.host;
    o.port = static_cast<std::uint16_t>(s.port);
    o.seed = s.seed;
    o.idle_timeout = std::chrono::seconds(s.idle_timeout);
    o.max_connections = s.max_connections;
    std::string error;
    for (const auto& text : s.faults) {
        auto f = testing::parse_fault(text, error);
        if (!f) return say("--fault " + error), false;
        o.faults.push_back(std::move(*f));
    }
    if (!s.latency.empty()) {
        const auto l = testing::parse_latency(s.latency, error);
        if (!l) return say("--" + error), false;
        o.delay = *l;
    }
    if (!s.token_env.empty()) {
        const char* token = std::getenv(s.token_env.c_str());
        if (!token || !*token) return say("--token-env " + s.token_env + ": that environment variable is not set, or empty"), false;
        if (const auto problem = bearer_token_problem(token, false); !problem.empty())
            return say("--token-env " + s.token_env + ": " + problem), false;
        o.token = token;
    }
    return true;
}

int serve(const serve_settings& s)
{
    testing::server_options o;
    if (!server_options_of(s, o)) return exit_usage;
    const auto clash = overwritten_input("--port-file " + s.port_file, s.port_file, s.paths, "the port file never overwrites a recording", "serves");
    if (clash) {
        say(*clash);
        return exit_usage;
    }
    options limits;
    limits.max_bytes = s.max_bytes;
    auto jobs = testing::load_recordings({s.paths.begin(), s.paths.end()}, limits);
    std::optional<port_file> port_out;
    if (!s.port_file.empty()) port_out.emplace(s.port_file);
    std::string loaded;
    for (const auto& j : jobs)
        loaded += "  " + printable(j.id) + ": " + std::to_string(j.snapshots.size()) + " snapshot" +
                  (j.snapshots.size() == 1 ? "" : "s") + " from " + printable(j.source) + '\n';

    // Installed before the server's thread starts, so that no signal finds the default action.
    boost::asio::io_context waiting;
    boost::asio::signal_set stop(waiting, SIGINT, SIGTERM);
    stop.async_wait([](const boost::system::error_code&, int) {});
    std::optional<testing::server> api;
    try {
        api.emplace(std::move(jobs), o);
    } catch (const std::system_error& e) {
        say(e.what());
        return exit_usage;
    } catch (const std::invalid_argument& e) {
        say(e.what());
        return exit_usage;
    }
    // The URL is what a script waits for: a standard output closed before it ends the run, said
    // as any verb's failed output is (exit 2), not a silent death by SIGPIPE nor a server no one
    // was told of.
    std::signal(SIGPIPE, SIG_IGN);
    std::cout << api->base_url() << std::endl;
    if (!std::cout) return exit_usage;
    // Last, as the sign a script waits for: by then the URL is on standard output too.
    if (port_out) port_out->publish(api->port());
    // Once nothing can fail any more (a port file on a full disk, say): never "serving" and exit 2.
    std::cerr << "tented-contract: serving at " << api->base_url() << " (SIGINT or SIGTERM stops):\n" << loaded;
    waiting.run();
    api->stop();
    return exit_ok;
}

} // namespace

verb add_serve(CLI::App& app)
{
    auto s = std::make_shared<serve_settings>();
    auto* cmd = app.add_subcommand("serve", "Serve recordings over HTTP as GET /v1/bulk-jobs/{id}, with faults, for a client's tests");
    cmd->add_option("paths", s->paths, "Sequence folders, JSON Lines logs, HAR captures, payloads")->required();
    cmd->add_option("--host", s->host, "The address to listen on (default 127.0.0.1; ::1 for IPv6)");
    cmd->add_option("--port", s->port, "The port to listen on; 0 takes a free one (default 0)")->check(whole_number(0, 65535));
    cmd->add_option("--port-file", s->port_file, "Write the port there once listening");
    cmd->add_option("--token-env", s->token_env, "Require Authorization: Bearer with the value of this environment variable");
    cmd->add_option("--seed", s->seed, "Seed of --fault rates and --latency ranges (default 0)")->check(whole_number(0, UINT64_MAX));
    cmd->add_option("--latency", s->latency, "Delay every API answer: MS, or MIN..MAX drawn from the seed");
    cmd->add_option("--fault", s->faults, "WHAT[:retry-after=S]@WHEN: WHAT 400-599|drop|truncate|hang, WHEN N|rate=P (repeatable)");
    cmd->add_option("--idle-timeout", s->idle_timeout, "Seconds a connection may take to send a request, or stay idle (default 10)")
        ->check(whole_number(1, 3600));
    cmd->add_option("--max-connections", s->max_connections, "Connections open at once; more are closed (default 256)")
        ->check(whole_number(1, 65536));
    cmd->add_option("--max-bytes", s->max_bytes, "The largest recording file loaded, in bytes (default 67108864)")
        ->check(whole_number(1, max_size));
    return {cmd, [s] { return serve(*s); }};
}

} // namespace tented::contract::cli
