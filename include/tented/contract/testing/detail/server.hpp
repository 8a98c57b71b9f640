// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_SERVER_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_SERVER_HPP

#include <tented/contract/testing/detail/recordings.hpp>
#include <tented/contract/testing/detail/service.hpp>
#include <tented/contract/testing/server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace tented::contract::testing::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

/// The bytes of `res` on the wire, and how many of them are the header block.
inline std::pair<std::string, std::size_t> wire(const response& res)
{
    std::ostringstream head;
    head << res.base();
    auto bytes = head.str();
    const auto header_size = bytes.size();
    bytes += res.body();
    return {std::move(bytes), header_size};
}

/// One connection: reads requests one at a time (each within the idle timeout, however slowly
/// its bytes come), answers them as the service says, until either side closes.
class session : public std::enable_shared_from_this<session>
{
public:
    session(tcp::socket socket, service& svc, std::size_t& live)
        : stream_(std::move(socket)), svc_(svc), live_(live), timer_(stream_.get_executor())
    {
        ++live_;
    }
    ~session() { --live_; }
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    void read()
    {
        parser_.emplace();
        bound(*parser_, svc_.options());
        // Set once for the whole request, not a byte at a time: a client sending one byte a
        // second is closed when it runs out, as an idle one is.
        stream_.expires_after(svc_.options().idle_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

private:
    void on_read(beast::error_code ec)
    {
        if (ec == http::error::header_limit) return refuse(431, "Request line and headers too large");
        if (ec == http::error::body_limit) return refuse(413, "Request body too large");
        if (ec && ec.category() == beast::http::make_error_code(http::error::bad_method).category() &&
            ec != http::error::end_of_stream && ec != http::error::partial_message)
            return refuse(400, "Malformed HTTP request");
        if (ec) return close();
        auto out = svc_.handle(parser_->get(), std::chrono::steady_clock::now());
        if (out.delay.count() <= 0) return act(std::move(out));
        timer_.expires_after(out.delay);
        timer_.async_wait([self = shared_from_this(), out = std::move(out)](beast::error_code ec) mutable {
            if (!ec) self->act(std::move(out));
        });
    }

    void act(outcome out)
    {
        switch (out.what) {
        case outcome::action::answer: {
            const bool keep = out.res.keep_alive();
            return write(wire(out.res).first, keep);
        }
        case outcome::action::truncate: {
            auto [bytes, header_size] = wire(out.res);
            bytes.resize(header_size + out.res.body().size() / 2);
            return write(std::move(bytes), false);
        }
        case outcome::action::drop: return close();
        case outcome::action::hang: stream_.expires_never(); return hold();
        }
    }

    /// Answers nothing, reads and discards until the client closes (or the server stops).
    void hold()
    {
        stream_.async_read_some(asio::buffer(sink_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->close();
            self->hold();
        });
    }

    void refuse(unsigned status, std::string_view why)
    {
        auto res = error_response(status, why);
        res.keep_alive(false);
        write(wire(res).first, false);
    }

    void write(std::string bytes, bool keep)
    {
        out_ = std::move(bytes);
        stream_.expires_after(svc_.options().idle_timeout);
        asio::async_write(stream_, asio::buffer(out_), [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
            if (ec || !keep) return self->close();
            self->read();
        });
    }

    void close()
    {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    service& svc_;
    std::size_t& live_;
    asio::steady_timer timer_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::string out_;
    std::array<char, 512> sink_{};
};

/// The listening socket and its thread. Everything but the service lives on that one thread.
class server_core
{
public:
    server_core(std::vector<served_job> jobs, server_options opts)
        : service_(std::move(jobs), std::move(opts)), host_(service_.options().host)
    {
        ioc_.emplace(1);
        listen();
        retry_.emplace(*ioc_);
        accept();
        thread_ = std::thread([this] { run(); });
    }
    ~server_core() { stop(); }
    server_core(const server_core&) = delete;
    server_core& operator=(const server_core&) = delete;

    service& api() { return service_; }
    std::uint16_t port() const { return port_; }
    const std::string& host() const { return host_; }

    void stop()
    {
        const std::lock_guard<std::mutex> lock(stop_mutex_);
        if (!ioc_) return;
        ioc_->stop();
        if (thread_.joinable()) thread_.join();
        // Destroying the io_context destroys the handlers it still holds, and with them every
        // session and its socket.
        retry_.reset();
        acceptor_.reset();
        ioc_.reset();
    }

private:
    void listen()
    {
        const auto port = service_.options().port;
        boost::system::error_code not_an_address;
        const auto address = asio::ip::make_address(host_, not_an_address);
        if (not_an_address)
            throw std::invalid_argument("cannot listen on " + host_ + ": not an IP address (as 127.0.0.1, ::1 or 0.0.0.0)");
        try {
            const tcp::endpoint at(address, port);
            acceptor_.emplace(*ioc_);
            acceptor_->open(at.protocol());
            acceptor_->set_option(asio::socket_base::reuse_address(true));
            acceptor_->bind(at);
            acceptor_->listen(asio::socket_base::max_listen_connections);
            port_ = acceptor_->local_endpoint().port();
        } catch (const boost::system::system_error& e) {
            // The standard's exception, as documented, named as a person would say it.
            throw std::system_error(e.code(), "cannot listen on " + host_ + " port " + std::to_string(port));
        }
    }

    void run()
    {
        for (;;) {
            try {
                ioc_->run();
                return;
            } catch (const std::exception&) {
                // A handler ran out of memory: that connection is lost, the server goes on.
            }
        }
    }

    void accept()
    {
        acceptor_->async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted) return;
            if (ec) { // out of descriptors, say: try again shortly rather than spin
                retry_->expires_after(std::chrono::milliseconds(50));
                retry_->async_wait([this](beast::error_code e) {
                    if (!e) accept();
                });
                return;
            }
            if (live_ >= service_.options().max_connections) {
                beast::error_code ignored;
                socket.close(ignored);
            } else {
                std::make_shared<session>(std::move(socket), service_, live_)->read();
            }
            accept();
        });
    }

    service service_;
    std::string host_;
    std::size_t live_ = 0;
    std::uint16_t port_ = 0;
    std::mutex stop_mutex_;
    // Declared after what its handlers use, so destroyed first.
    std::optional<asio::io_context> ioc_;
    std::optional<tcp::acceptor> acceptor_;
    std::optional<asio::steady_timer> retry_;
    std::thread thread_;
};

} // namespace tented::contract::testing::detail

namespace tented::contract::testing {

inline server::server(const std::vector<std::filesystem::path>& paths, server_options opts)
    : server(load_recordings(paths), std::move(opts))
{
}

inline server::server(std::vector<served_job> jobs, server_options opts)
    : core_(std::make_unique<detail::server_core>(std::move(jobs), std::move(opts)))
{
}

inline server::~server() = default;

inline std::string server::base_url() const
{
    const auto& host = core_->host();
    const bool v6 = host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(core_->port());
}

inline std::uint16_t server::port() const { return core_->port(); }
inline std::vector<journal_entry> server::journal() const { return core_->api().journal(); }
inline std::size_t server::journal_dropped() const { return core_->api().dropped(); }
inline std::string server::journal_json() const { return core_->api().journal_json(); }
inline void server::reset() { core_->api().reset(); }
inline bool server::reset(std::string_view job) { return core_->api().reset(job); }
inline void server::stop() { core_->stop(); }

} // namespace tented::contract::testing

#endif
