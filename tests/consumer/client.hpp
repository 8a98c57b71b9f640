// The client's HTTP layer: one GET with a bearer token, through Boost.Beast, bounded in time.
#ifndef CONSUMER_CLIENT_HPP
#define CONSUMER_CLIENT_HPP

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

/// A response as the client sees it.
struct http_reply
{
    unsigned status = 0;
    std::string body;
};

/** `GET {base_url}{target}` with `Authorization: Bearer {token}`; `base_url` is `http://HOST:PORT`.
    Throws `std::runtime_error` when the exchange fails or takes longer than `timeout` in all. */
inline http_reply http_get(const std::string& base_url, const std::string& target, const std::string& token,
                           std::chrono::milliseconds timeout = std::chrono::seconds(5))
{
    namespace beast = boost::beast;
    namespace http = beast::http;
    using tcp = boost::asio::ip::tcp;
    const std::string scheme = "http://";
    const auto colon = base_url.rfind(':');
    if (base_url.compare(0, scheme.size(), scheme) != 0 || colon < scheme.size())
        throw std::runtime_error("not an http://HOST:PORT URL: " + base_url);
    const auto host = base_url.substr(scheme.size(), colon - scheme.size());

    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(timeout); // for the connection, the request and the response together
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, host);
    req.set(http::field::authorization, "Bearer " + token);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    beast::error_code failure;
    const auto step = [&](beast::error_code ec) { return !(failure = ec); };
    stream.async_connect(tcp::resolver(ioc).resolve(host, base_url.substr(colon + 1)), [&](beast::error_code ec, auto) {
        if (step(ec)) http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
            if (step(ec)) http::async_read(stream, buffer, res, [&](beast::error_code ec, std::size_t) { step(ec); });
        });
    });
    ioc.run();
    if (failure) throw std::runtime_error("GET " + target + ": " + failure.message());
    return {res.result_int(), std::move(res.body())};
}

#endif
