// Fuzz target: `serve`'s request handling. Bytes go through the server's own bounded HTTP parser;
// a request it reads whole is answered by the service (testing/detail/service.hpp, no sockets),
// with a token and every kind of fault set.
#include <tented/contract/testing/server.hpp>

#include "invariants.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/json/parse.hpp>

#include <cstdint>

namespace {

namespace tt = tented::contract::testing;
namespace http = boost::beast::http;

const char* const token = "tnt_fuzz_S3CRET";
const char* const job = "01JQZB4H8A7T5B3R2W1X9Y6Z0K";
const char* const snapshot = R"({"bulk_job_id":"01JQZB4H8A7T5B3R2W1X9Y6Z0K","status":"accepted"})";

tt::detail::service& service()
{
    static tt::detail::service svc = [] {
        tt::server_options o;
        o.token = token;
        o.journal_limit = 64;
        for (const char* rule : {"429@2", "503:retry-after=9@3", "truncate@4", "drop@5", "hang@6", "500@rate=0.1"}) {
            std::string error;
            o.faults.push_back(*tt::parse_fault(rule, error));
        }
        return tt::detail::service({{job, {snapshot, R"({"bulk_job_id":"01JQZB4H8A7T5B3R2W1X9Y6Z0K"})"}, "fuzz"}}, o);
    }();
    return svc;
}

/// An error answer is the documented JSON shape, naming its own status.
void check_error_body(const tt::detail::response& res)
{
    boost::system::error_code ec;
    const auto v = boost::json::parse(res.body(), ec);
    fuzz::require(!ec && v.is_object(), "an error body that is not a JSON object");
    const auto* error = v.get_object().if_contains("error");
    fuzz::require(error && error->is_object(), "an error body without an error object");
    const auto* status = error->get_object().if_contains("status");
    fuzz::require(status && status->is_int64() && status->get_int64() == static_cast<std::int64_t>(res.result_int()), "an error body naming another status");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto& svc = service();
    http::request_parser<http::string_body> parser;
    tt::detail::bound(parser, svc.options());
    boost::system::error_code ec;
    std::size_t used = 0;
    while (!ec && !parser.is_done() && used < size) {
        const auto n = parser.put(boost::asio::buffer(data + used, size - used), ec);
        if (n == 0 && ec == http::error::need_more) break;
        used += n;
        if (ec == http::error::need_more) ec = {};
    }
    if (!ec && !parser.is_done() && parser.got_some()) parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;

    const auto out = svc.handle(parser.get(), std::chrono::steady_clock::now());
    using action = tt::detail::outcome::action;
    const auto status = out.res.result_int();
    const bool head = parser.get().method() == http::verb::head;
    if (head) fuzz::require(out.res.body().empty(), "a body in the answer to a HEAD request");
    if (!head && out.what == action::answer && status != 200) check_error_body(out.res);
    if (!head && status == 200 && out.what != action::drop && out.what != action::hang)
        fuzz::require(!out.res.body().empty() && out.res.body().front() == '{', "a 200 answer that is not a recorded snapshot or admin JSON");
    fuzz::require(out.res.body().find(token) == std::string::npos, "the token in an answer");
    fuzz::require(svc.journal_json().find(token) == std::string::npos, "the token in the journal");
    if (svc.journal().size() >= 64) svc.reset();
    return 0;
}
