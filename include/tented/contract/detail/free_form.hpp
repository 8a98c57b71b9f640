// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_FREE_FORM_HPP
#define TENTED_CONTRACT_DETAIL_FREE_FORM_HPP

#include <tented/contract/detail/duplicate_keys.hpp>
#include <tented/contract/detail/frames.hpp>

#include <boost/json/object.hpp>

// Values nobody decodes (an unknown member, a wrong type) read past, and free-form objects
// (`metadata`) captured as a boost::json::object when values are kept.
namespace tented::contract::detail {

inline void skip_value(decoder_base& d, bool is_object);

inline void generic_value(decoder_base& d, frame& f, const event& e)
{
    ++f.elements;
    if (e.kind == token::object || e.kind == token::array) {
        skip_value(d, e.kind == token::object);
        return;
    }
    if (!d.capturing()) return;
    auto& st = d.stack();
    switch (e.kind) {
    case token::string: st.push_string(e.text); break;
    case token::int64: st.push_int64(e.i); break;
    case token::uint64: st.push_uint64(e.u); break;
    case token::number: st.push_double(e.d); break;
    case token::boolean: st.push_bool(e.b); break;
    default: st.push_null(); break;
    }
}

inline void generic_end(decoder_base& d, frame& f)
{
    if (f.is_object) report_repeated_names(d, f);
    if (!d.capturing()) return;
    auto& st = d.stack();
    if (f.is_object) st.push_object(f.elements);
    else st.push_array(f.elements);
    if (--d.capture_depth() == 0)
        *static_cast<boost::json::object*>(f.value) = std::move(st.release().as_object());
}

inline constexpr frame_ops generic_ops{&free_key, &generic_value, &generic_end, 0, nullptr, nullptr};

/// Pushes a frame that reads a value nobody decodes (an unknown member, a wrong type).
inline void skip_value(decoder_base& d, bool is_object)
{
    const bool capturing = d.capturing();
    d.push(&generic_ops, nullptr, nullptr, is_object);
    if (capturing) ++d.capture_depth();
}

/// Starts capturing a free-form object (`metadata`) into `target`.
inline void capture_object(decoder_base& d, boost::json::object* target)
{
    d.push(&generic_ops, target, nullptr, true);
    d.stack().reset();
    d.capture_depth() = 1;
}

} // namespace tented::contract::detail

#endif
