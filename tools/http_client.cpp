// tented-contract: the libcurl transport of `watch` (http_client.hpp).
#include "http_client.hpp"

#include <tented/contract/detail/utf8.hpp>
#include <tented/contract/version.hpp>

#include <curl/curl.h>

#include <arpa/inet.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace tented::contract::cli {

namespace {

/// libcurl's functions, found in the library when `watch` first needs them. Linked, libcurl and
/// the TLS, Kerberos, LDAP and SSH libraries it needs cost every run of the tool about 18 ms of
/// the loader's work at start, more than `validate` then takes on a few hundred small payloads.
struct curl_library
{
    decltype(&curl_global_init) global_init;
    decltype(&curl_easy_strerror) easy_strerror;
    decltype(&curl_easy_init) easy_init;
    decltype(&curl_easy_setopt) easy_setopt;
    decltype(&curl_easy_perform) easy_perform;
    decltype(&curl_easy_getinfo) easy_getinfo;
    decltype(&curl_easy_cleanup) easy_cleanup;
    decltype(&curl_slist_append) slist_append;
    decltype(&curl_slist_free_all) slist_free_all;
    decltype(&curl_url) url;
    decltype(&curl_url_set) url_set;
    decltype(&curl_url_get) url_get;
    decltype(&curl_url_cleanup) url_cleanup;
    decltype(&curl_free) free;
};

/// Sets `f` to the function `name` of `lib`; when it has none, names it in `missing` (the first).
template <class F>
void find(void* lib, F& f, const char* name, std::string& missing)
{
    f = reinterpret_cast<F>(dlsym(lib, name));
    if (!f && missing.empty()) missing = name;
}

/// libcurl's functions from `lib`; the name of the first it lacks in `missing`.
curl_library functions_of(void* lib, std::string& missing)
{
    curl_library c{};
    find(lib, c.global_init, "curl_global_init", missing);
    find(lib, c.easy_strerror, "curl_easy_strerror", missing);
    find(lib, c.easy_init, "curl_easy_init", missing);
    find(lib, c.easy_setopt, "curl_easy_setopt", missing);
    find(lib, c.easy_perform, "curl_easy_perform", missing);
    find(lib, c.easy_getinfo, "curl_easy_getinfo", missing);
    find(lib, c.easy_cleanup, "curl_easy_cleanup", missing);
    find(lib, c.slist_append, "curl_slist_append", missing);
    find(lib, c.slist_free_all, "curl_slist_free_all", missing);
    find(lib, c.url, "curl_url", missing);
    find(lib, c.url_set, "curl_url_set", missing);
    find(lib, c.url_get, "curl_url_get", missing);
    find(lib, c.url_cleanup, "curl_url_cleanup", missing);
    find(lib, c.free, "curl_free", missing);
    return c;
}

/// Debian's libcurl4 (OpenSSL), else libcurl3-gnutls: the same API under two names. One that
/// does not load, or lacks a function, is passed over for the next; the error says why of each.
curl_library load_libcurl()
{
    std::string why;
    for (const char* name : {"libcurl.so.4", "libcurl-gnutls.so.4"}) {
        void* lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        std::string missing;
        if (!lib) {
            why += std::string(why.empty() ? "" : "; ") + dlerror();
            continue;
        }
        const auto c = functions_of(lib, missing);
        if (!missing.empty()) {
            why += std::string(why.empty() ? "" : "; ") + name + " has no " + missing;
            dlclose(lib);
            continue;
        }
        if (const CURLcode rc = c.global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK)
            throw std::runtime_error(std::string("libcurl: ") + c.easy_strerror(rc));
        return c;
    }
    throw std::runtime_error("watch needs libcurl, and none loads (" + why +
                             "): install Debian's libcurl4 (apt-get install libcurl4), or repair the one named");
}

/// libcurl, loaded and set up for the process (once) before its first use.
const curl_library& curl()
{
    static const curl_library c = load_libcurl();
    return c;
}

bool same_name(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
           });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

/// Failures that a retry would only repeat: the certificate, the CA file, the URL.
bool fatal(CURLcode rc)
{
    switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN: return true;
    default: return false;
    }
}

/// What a failed request says: libcurl's own words (its error buffer `error`, else its text for
/// `rc`), but where those read as a fault of the tool for what a malformed answer did.
std::string libcurl_failure(CURLcode rc, const char* error)
{
    const std::string_view said = error[0] ? error : curl().easy_strerror(rc);
    // libcurl refuses a Content-Length that is no number before the header reaches the tool.
    if (said.substr(0, 22) == "Invalid Content-Length")
        return "the answer's Content-Length is not a length (libcurl: " + std::string(said) +
               "): where its body ends is unknown (RFC 9112 section 6.3)";
    // "Out of memory", for a header line longer than libcurl holds.
    if (rc == CURLE_OUT_OF_MEMORY)
        return "libcurl could not hold the answer's headers (a header line too long for it, or memory exhausted)";
    // "A libcurl function was given a bad argument", for header lines ended by a bare CR.
    if (rc == CURLE_BAD_FUNCTION_ARGUMENT)
        return "libcurl could not read the answer's header lines (they end in a bare CR, or are otherwise malformed)";
    return std::string(said);
}

} // namespace

struct http_client::state
{
    http_settings settings;
    CURL* curl = nullptr;
    curl_slist* headers = nullptr;
    char error[CURL_ERROR_SIZE] = {};
    live::response answer;
    bool over_limit = false;
    std::string content_length;  // the response's Content-Length, one length of it
    bool transfer_encoding = false; // the response has a Transfer-Encoding
    bool interim = false;        // the response read is a 1xx, which another follows
    bool header_ended = false;   // its empty line came: what follows is its body, then trailers
    std::string framing_error;   // why the body's end cannot be known, when it cannot

    static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* self)
    {
        auto& s = *static_cast<state*>(self);
        const std::size_t bytes = size * n;
        const std::size_t room = s.settings.max_body + 1 - s.answer.body.size();
        s.answer.body.append(data, std::min(bytes, room));
        if (bytes <= room) return bytes;
        s.over_limit = true; // enough is known: the body is too large; stop reading
        return 0;
    }

    static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    {
        return static_cast<state*>(self)->settings.cancelled() ? 1 : 0;
    }

    static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* self)
    {
        auto& s = *static_cast<state*>(self);
        const std::string_view line(data, size * n);
        if (line.substr(0, 5) == "HTTP/") { // a new response (after a 100 Continue, say)
            s.answer.retry_after.clear();
            s.answer.location.clear();
            s.content_length.clear();
            s.transfer_encoding = false;
            const auto code = line.find(' ');
            s.interim = code != std::string_view::npos && line.substr(code + 1, 1) == "1";
            s.header_ended = false;
        } else if (trim(line).empty()) {
            s.header_ended = true;
        } else if (s.interim || s.header_ended) {
            // A 1xx answer's fields frame nothing (it ends at its empty line), and trailer fields
            // may not change framing (RFC 9110 section 6.5.1).
        } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
            const auto name = line.substr(0, colon);
            const auto value = trim(line.substr(colon + 1));
            if (same_name(name, "retry-after")) s.answer.retry_after = std::string(value);
            else if (same_name(name, "location")) s.answer.location = std::string(value);
            else if (same_name(name, "content-length") && !s.take_content_length(value)) return 0; // ends the transfer
            else if (same_name(name, "transfer-encoding")) s.transfer_encoding = true;
            if (!s.framing_known()) return 0;
        }
        return size * n;
    }

    // RFC 9112 section 6.3: a Content-Length that is no number, or that differs from another in
    // the same response, leaves the body's end unknown, an unrecoverable error. A list of one
    // length repeated ("970, 970", as a proxy may join two fields) is that length, its empty
    // members ignored (RFC 9110 sections 8.6 and 5.6.1). libcurl would read a length past 2^63
    // as none and take whatever comes until the connection closes as the body.
    bool take_content_length(std::string_view value)
    {
        const auto refuse = [&](const std::string& why) {
            framing_error = why + ": where its body ends is unknown (RFC 9112 section 6.3)";
            return false;
        };
        const auto not_a_length = [&] {
            return refuse("the answer's Content-Length " + std::string(tented::contract::detail::utf8_prefix(value, 40)) +
                          " is not a length of at most 18 digits");
        };
        bool any = false;
        for (std::string_view rest = value;;) {
            const auto comma = rest.find(',');
            const auto member = trim(rest.substr(0, comma));
            if (member.size() > 18 || member.find_first_not_of("0123456789") != std::string_view::npos) return not_a_length();
            if (!member.empty()) {
                // The same decimal value however many zeros lead it.
                const auto length = member.substr(std::min(member.find_first_not_of('0'), member.size() - 1));
                if (!content_length.empty() && content_length != length)
                    return refuse("the answer gives two Content-Lengths, " + content_length + " and " + std::string(length));
                content_length = std::string(length);
                any = true;
            }
            if (comma == std::string_view::npos) return any || not_a_length();
            rest.remove_prefix(comma + 1);
        }
    }

    // RFC 9112 section 6.3: Transfer-Encoding beside Content-Length "ought to be handled as an
    // error" (a sign of request smuggling or response splitting); libcurl would quietly let
    // Transfer-Encoding win.
    bool framing_known()
    {
        if (framing_error.empty() && transfer_encoding && !content_length.empty())
            framing_error = "the answer gives both Transfer-Encoding and Content-Length: where its body ends is unknown "
                            "(RFC 9112 section 6.3)";
        return framing_error.empty();
    }
};

http_client::http_client(http_settings s) : state_(std::make_unique<state>())
{
    const auto& lib = curl();
    auto& st = *state_;
    st.settings = std::move(s);
    st.curl = lib.easy_init();
    if (!st.curl) throw std::runtime_error("libcurl: cannot create a handle");
    const auto bearer = "Authorization: Bearer " + st.settings.token;
    st.headers = lib.slist_append(st.headers, bearer.c_str());
    st.headers = lib.slist_append(st.headers, "Accept: application/json");
    const auto agent = std::string("tented-contract/") + version;
    CURL* c = st.curl;
    bool ok = st.headers != nullptr;
    const auto set = [&](auto option, auto value) { ok = ok && lib.easy_setopt(c, option, value) == CURLE_OK; };
    set(CURLOPT_URL, st.settings.url.c_str());
    set(CURLOPT_HTTPHEADER, st.headers);
    set(CURLOPT_HEADEROPT, CURLHEADER_SEPARATE); // the token never goes to a proxy in a CONNECT
    // Over plain http a proxy receives the whole request, Authorization and all: none is used.
    if (same_name(std::string_view(st.settings.url).substr(0, 7), "http://")) set(CURLOPT_PROXY, "");
    set(CURLOPT_USERAGENT, agent.c_str());
    // As `curl --compressed`: every coding libcurl decodes is offered, and a body comes decoded
    // (bounded by max_body as it decodes). One it cannot decode is a failed poll that names it.
    set(CURLOPT_ACCEPT_ENCODING, "");
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    // CAINFO replaces only the bundle file: the store's folder (CAPATH) stays, so this adds a CA.
    if (!st.settings.ca_file.empty()) set(CURLOPT_CAINFO, st.settings.ca_file.c_str());
    set(CURLOPT_NOSIGNAL, 1L);
    // A fresh connection a poll: libcurl silently resends a request whose reused connection
    // died, which would hide a dropped connection from the retry policy and from --max-polls
    // (one poll, two requests); polls seconds apart gain little from keeping one open.
    set(CURLOPT_FORBID_REUSE, 1L);
    set(CURLOPT_ERRORBUFFER, st.error);
    set(CURLOPT_WRITEFUNCTION, &state::on_body);
    set(CURLOPT_WRITEDATA, &st);
    set(CURLOPT_HEADERFUNCTION, &state::on_header);
    set(CURLOPT_HEADERDATA, &st);
    if (st.settings.cancelled) {
        set(CURLOPT_XFERINFOFUNCTION, &state::on_progress);
        set(CURLOPT_XFERINFODATA, &st);
        set(CURLOPT_NOPROGRESS, 0L);
    }
    if (!ok) throw std::runtime_error("libcurl: cannot set up the request");
}

http_client::~http_client()
{
    curl().easy_cleanup(state_->curl);
    curl().slist_free_all(state_->headers);
}

live::response http_client::get(live::milliseconds timeout)
{
    const auto& lib = curl();
    auto& st = *state_;
    st.answer = {};
    st.over_limit = false;
    st.content_length.clear();
    st.transfer_encoding = false;
    st.interim = false;
    st.header_ended = false;
    st.framing_error.clear();
    st.error[0] = '\0';
    // 0 would mean no timeout at all.
    lib.easy_setopt(st.curl, CURLOPT_TIMEOUT_MS, std::max<long>(1, static_cast<long>(timeout.count())));
    const CURLcode rc = lib.easy_perform(st.curl);
    long status = 0;
    lib.easy_getinfo(st.curl, CURLINFO_RESPONSE_CODE, &status);
    const bool answered = rc == CURLE_OK || (status != 0 && (rc == CURLE_PARTIAL_FILE || (rc == CURLE_WRITE_ERROR && st.over_limit)));
    if (answered) {
        st.answer.status = static_cast<int>(status);
        st.answer.cut = rc == CURLE_PARTIAL_FILE;
        return std::move(st.answer);
    }
    // An answer came, with its headers, but its body did not decode: a coding libcurl does not
    // know, or data its decoder refused (libcurl says the latter as a failed write, which the
    // body's own writer never fails but at --max-bytes).
    if (status != 0 && st.framing_error.empty() && (rc == CURLE_BAD_CONTENT_ENCODING || rc == CURLE_WRITE_ERROR)) {
        st.answer.status = static_cast<int>(status);
        st.answer.body.clear();
        st.answer.error = rc == CURLE_BAD_CONTENT_ENCODING && st.error[0]
                              ? std::string(st.error)
                              : "its Content-Encoding did not decode (data past the end of the compressed stream, or corrupt)";
        return std::move(st.answer);
    }
    live::response failed;
    failed.error = !st.framing_error.empty() ? st.framing_error : libcurl_failure(rc, st.error);
    failed.fatal = fatal(rc);
    return failed;
}

namespace {

// Whether the authority of the absolute URL `url` ends with ':', a port left empty.
bool empty_port(std::string_view url)
{
    const auto start = url.find("://");
    if (start == std::string_view::npos) return false;
    const auto authority = url.substr(start + 3, url.find_first_of("/?#", start + 3) - (start + 3));
    return !authority.empty() && authority.back() == ':';
}

} // namespace

base_url_check check_base_url(const std::string& base)
{
    const auto& lib = curl();
    base_url_check out;
    CURLU* u = lib.url();
    if (!u) throw std::runtime_error("libcurl: cannot parse a URL");
    const auto part = [&lib, u](CURLUPart p) {
        char* v = nullptr;
        std::string s;
        if (lib.url_get(u, p, &v, 0) == CURLUE_OK && v) s = v;
        lib.free(v);
        return s;
    };
    if (lib.url_set(u, CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) {
        out.error = "expected an http:// or https:// URL";
    } else {
        const auto scheme = part(CURLUPART_SCHEME);
        auto host = part(CURLUPART_HOST);
        if (scheme != "http" && scheme != "https") out.error = "expected an http:// or https:// URL";
        else if (!part(CURLUPART_USER).empty() || !part(CURLUPART_PASSWORD).empty())
            out.error = "a user name or password in the URL would be sent in clear to the server: the token is all it needs";
        else if (!part(CURLUPART_QUERY).empty() || !part(CURLUPART_FRAGMENT).empty())
            out.error = "expected a URL without a query or fragment: the job's path is appended to it";
        else if (empty_port(base))
            out.error = "expected a port number after ':' (libcurl would take the scheme's default in its place)";
        out.https = scheme == "https";
        if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
        unsigned char addr[16];
        // 127.0.0.0/8, ::1, or 127.0.0.0/8 mapped into IPv6 (::ffff:127.0.0.1, as `serve --host` may print it).
        static constexpr unsigned char v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        out.loopback = same_name(host, "localhost") || (inet_pton(AF_INET, host.c_str(), addr) == 1 && addr[0] == 127) ||
                       (inet_pton(AF_INET6, host.c_str(), addr) == 1 &&
                        (std::memcmp(addr, &in6addr_loopback, 16) == 0 || (std::memcmp(addr, v4_mapped, 12) == 0 && addr[12] == 127)));
    }
    lib.url_cleanup(u);
    return out;
}

} // namespace tented::contract::cli
