// tented-contract: the HTTP client of `watch`, a live::transport over libcurl. Only the tool links
// libcurl: the kit's headers know no HTTP.
#ifndef TENTED_CONTRACT_TOOLS_HTTP_CLIENT_HPP
#define TENTED_CONTRACT_TOOLS_HTTP_CLIENT_HPP

#include <tented/contract/live/poller.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace tented::contract::cli {

/** Where and how `watch` asks.
    - `url`: the whole request URL, `{base}/v1/bulk-jobs/{id}`.
    - `token`: sent as `Authorization: Bearer TOKEN`, to that URL's server only.
    - `ca_file`: a PEM file of CAs trusted besides the system's store (a staging proxy's), or `""`.
    - `max_body`: bodies are kept up to `max_body + 1` bytes, so that a larger one is known to be
      too large without being held whole. */
struct http_settings
{
    std::string url;
    std::string token;
    std::string ca_file;
    std::size_t max_body = 0;
    /// Asked about once a second while a request runs: true ends it at once (an answer that
    /// failed, "Callback aborted"), so that a signal is not held up by a server that never answers.
    bool (*cancelled)() noexcept = nullptr;
};

/** One GET a call with libcurl. TLS is verified against the system's store (plus `ca_file`) and
    the certificate must name the host; redirects are not followed (a 3xx is returned as it came);
    proxies come from the environment (`HTTPS_PROXY`, `NO_PROXY`), as curl reads them, for https
    only: a plain http:// URL is always asked directly, since a proxy would see the token; HTTP/2 where
    the server offers it. Compressed bodies (gzip, deflate, br, zstd, as libcurl was built) are
    asked for and decoded; a coding libcurl cannot decode is a failed poll that says so. A body the connection ended inside is returned as far as it came, with
    its status. Failures that retrying cannot mend (a certificate that does not verify, a CA file
    that cannot be read) are marked `fatal`. Throws `std::runtime_error` when libcurl cannot be
    set up. */
class http_client final : public live::transport
{
public:
    explicit http_client(http_settings s);
    ~http_client() override;
    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;

    live::response get(live::milliseconds timeout) override;

private:
    struct state;
    std::unique_ptr<state> state_;
};

/** What `watch` needs to know of a base URL before it sends a token there.
    - `error`: why it cannot be used (not http or https, a user name or password in it, a query
      or fragment), or `""`.
    - `https`: the scheme is https.
    - `loopback`: the host is `localhost`, an address of 127.0.0.0/8 (IPv4-mapped ones too:
      `::ffff:127.0.0.1`) or `::1`. */
struct base_url_check
{
    std::string error;
    bool https = false;
    bool loopback = false;
};

/// Parses `base` with libcurl's URL parser (the one that will be used to connect).
base_url_check check_base_url(const std::string& base);

} // namespace tented::contract::cli

#endif
