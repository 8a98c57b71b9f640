// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_VALIDATE_HPP
#define TENTED_CONTRACT_DETAIL_VALIDATE_HPP

#include <tented/contract/detail/checks.hpp>
#include <tented/contract/detail/decode.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/validate.hpp>

namespace tented::contract::detail {

inline report check_document(document& doc, const options& opts, std::string_view text)
{
    if (doc.has_job()) {
        sink out(opts, doc.found);
        check_job(doc.job, doc.shadow, out);
    }
    report r;
    sort_by_position(doc.found);
    r.diagnostics = std::move(doc.found);
    locate_all(r, text);
    return r;
}

} // namespace tented::contract::detail

namespace tented::contract {

inline report validate(std::string_view json, const options& opts)
{
    detail::document doc;
    detail::decode_text(json, opts, doc);
    return detail::check_document(doc, opts, json);
}

inline report validate(const boost::json::value& json, const options& opts)
{
    detail::document doc;
    detail::decode_value(json, opts, doc);
    return detail::check_document(doc, opts, {});
}

inline report validate(const bulk_job& job, const options& opts) { return validate(encode(job), opts); }

} // namespace tented::contract

#endif
