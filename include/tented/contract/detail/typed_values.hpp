// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_TYPED_VALUES_HPP
#define TENTED_CONTRACT_DETAIL_TYPED_VALUES_HPP

#include <tented/contract/detail/enumerators.hpp>
#include <tented/contract/detail/frames.hpp>
#include <tented/contract/detail/free_form.hpp>
#include <tented/contract/detail/members.hpp>
#include <tented/contract/detail/numbers.hpp>
#include <tented/contract/formats.hpp>
#include <tented/contract/rules.hpp>

#include <boost/config.hpp>
#include <boost/json/object.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

// Typed values: what each C++ member type reads from a value event (and the schema/ rule it
// reports when the value does not fit), and the frames of described objects and of arrays.
namespace tented::contract::detail {

template <class T>
constexpr std::string_view expected_name()
{
    if constexpr (std::is_same_v<T, bool>) return "a boolean";
    else if constexpr (std::is_integral_v<T>) return "an integer";
    else if constexpr (is_vector<T>::value) return "an array";
    else if constexpr (is_described_struct<T>::value || std::is_same_v<T, boost::json::object>) return "an object";
    else return "a string";
}

// Out of line, as every finding's path: what the path of every good value does not carry.
template <class T>
BOOST_NOINLINE void type_error(decoder_base& d, slot& s, const event& e)
{
    s.state = slot_state::invalid;
    if (e.kind == token::null)
        d.report(rule::schema_null, e.offset, {}, [] {
            return "expected " + std::string(expected_name<T>()) +
                   ", got null (the reference omits a member rather than sending null)";
        });
    else
        d.report(rule::schema_type, e.offset, {}, [&] {
            return "expected " + std::string(expected_name<T>()) + ", got " +
                   std::string(e.kind == token::object || e.kind == token::array ? "an " : "a ") +
                   std::string(json_type_name(e.kind));
        });
    if (e.kind == token::object || e.kind == token::array) skip_value(d, e.kind == token::object);
}

// Every value but a non-negative int64 up to 2^53-1: out of line, so that the path most integers
// take (`decode_integer`) saves no registers for the others' reports.
BOOST_NOINLINE inline void decode_other_integer(decoder_base& d, std::int64_t& ref, slot& s, const event& e)
{
    auto bad = [&](const char* what) {
        s.state = slot_state::invalid;
        d.report(rule::schema_integer, e.offset, {}, [&] { return std::string(what) + ", got " + number_text(e); });
    };
    switch (e.kind) {
    case token::int64: return bad(e.i < 0 ? "expected a non-negative integer" : "expected an integer at most 2^53-1");
    case token::uint64: // from text only beyond 2^63-1; from a parsed value, any unsigned number
        if (e.u > static_cast<std::uint64_t>(max_safe_integer)) return bad("expected an integer at most 2^53-1");
        ref = static_cast<std::int64_t>(e.u);
        s.state = slot_state::present;
        return;
    case token::number: {
        const auto v = e.text.empty() ? read_number(e.d) : read_number(e.text);
        if (v.kind == number_reading::negative) return bad("expected a non-negative integer");
        if (v.kind == number_reading::fraction) return bad("expected a whole number");
        if (v.kind == number_reading::too_large) return bad("expected an integer at most 2^53-1");
        ref = v.value;
        s.state = slot_state::present;
        if (v.notation)
            d.report(rule::schema_integer_notation, e.offset, {}, [&] {
                return "expected an integer written without fraction or exponent, got " + number_text(e) +
                       " (typed clients refuse to read it as an integer)";
            });
        return;
    }
    default: type_error<std::int64_t>(d, s, e);
    }
}

inline void decode_integer(decoder_base& d, std::int64_t& ref, slot& s, const event& e)
{
    if (e.kind == token::int64 && e.i >= 0 && e.i <= max_safe_integer) {
        ref = e.i;
        s.state = slot_state::present;
        return;
    }
    decode_other_integer(d, ref, s, e);
}

// A string that names no enumerator of `E`: out of line, as `type_error`.
template <class E>
BOOST_NOINLINE void unknown_enumerator(decoder_base& d, slot& s, const event& e)
{
    s.state = slot_state::invalid;
    d.report(rule::schema_enum, e.offset, {}, [&] {
        return "expected one of " + enum_choices<E>() + ", got " + quoted(e.text) + enum_suggestion<E>(e.text);
    });
}

// The verdict of a text the fast paths could not call good (`known_good`), and its finding: out
// of line, so that the path of good texts saves no registers for it.
template <class Tag>
BOOST_NOINLINE void judge_format(decoder_base& d, std::string_view text, std::size_t offset)
{
    // The URL check is given what this input's earlier URLs taught it (`url_memo`).
    auto verdict = [&] {
        if constexpr (std::is_same_v<Tag, https_url_format>) return url_verdict(text, d.urls());
        else return Tag::check(text);
    }();
    if (verdict.outcome == format_check::ok) return;
    const rule r = verdict.outcome == format_check::invalid ? Tag::invalid_rule : Tag::non_canonical_rule;
    d.report(r, offset, {}, [&] { return std::move(verdict.reason); });
}

template <class Tag>
BOOST_FORCEINLINE void check_format(decoder_base& d, std::string_view text, std::size_t offset)
{
    if (!d.opts().enabled(Tag::invalid_rule) && !d.opts().enabled(Tag::non_canonical_rule)) return;
    if (!known_good<Tag>(text, d.urls())) judge_format<Tag>(d, text, offset);
}

template <class T>
const frame_ops& object_ops();
template <class T>
const frame_ops& array_ops();
template <class T>
const frame_ops& stream_ops();

/// Empties an array or object member `ref` for its value `e`: whatever its kind (null, a wrong
/// type), a value replaces what an earlier occurrence of the member held, as the rules read the
/// last; a streamed array also drops its earlier elements' facts and findings. The root is a
/// document's one value, decoded into a fresh one: it has nothing to empty.
template <class T>
void start_over(decoder_base& d, T& ref, shadow_t<T>& sh, const event& e)
{
    if (d.depth() == 0) {
        sh.begin = e.offset;
        return;
    }
    if constexpr (is_vector<T>::value) {
        ref.clear();
        if (auto* stream = d.stream<typename T::value_type>()) {
            stream->count = 0;
            stream->begin(stream->context);
        }
    } else {
        ref = T{};
    }
    sh = {};
    sh.begin = e.offset;
}

/// Decodes the value of event `e` into `ref` of type `T`, recording it in `s` and `sh`.
template <class T>
void decode_value(decoder_base& d, T& ref, slot& s, shadow_t<T>& sh, const event& e)
{
    s.offset = e.offset;
    s.state = slot_state::present;
    if constexpr (is_vector<T>::value || is_described_struct<T>::value) start_over(d, ref, sh, e);
    if constexpr (is_optional<T>::value) {
        using V = typename T::value_type;
        if (!ref) ref.emplace();
        decode_value<V>(d, *ref, s, sh, e);
        if (s.state == slot_state::invalid) ref.reset();
    } else if (e.kind == token::null) {
        type_error<T>(d, s, e);
    } else if constexpr (std::is_same_v<T, bool>) {
        if (e.kind == token::boolean) ref = e.b;
        else type_error<T>(d, s, e);
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
        decode_integer(d, ref, s, e);
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (e.kind != token::string) type_error<T>(d, s, e);
        else if (d.keeps_values()) ref.assign(e.text.data(), e.text.size());
    } else if constexpr (std::is_enum_v<T>) {
        if (e.kind != token::string) return type_error<T>(d, s, e);
        if (!enum_from_name(e.text, ref)) unknown_enumerator<T>(d, s, e);
    } else if constexpr (is_vector<T>::value) {
        if (e.kind != token::array) return type_error<T>(d, s, e);
        using E = typename T::value_type;
        if (auto* stream = d.stream<E>()) d.push(&stream_ops<E>(), stream, nullptr, false);
        else d.push(&array_ops<E>(), &ref, &sh, false);
    } else if constexpr (is_described_struct<T>::value) {
        if (e.kind != token::object) return type_error<T>(d, s, e);
        d.push(&object_ops<T>(), &ref, &sh, true);
    } else if constexpr (std::is_same_v<T, boost::json::object>) {
        if (e.kind != token::object) return type_error<T>(d, s, e);
        if (d.keeps_values()) capture_object(d, &ref);
        else skip_value(d, true);
    } else {
        static_assert(is_formatted<T>::value, "decode_value: a member type the decoder does not know");
        // A formatted string: keep the text whatever its format, report the format's rule.
        // Reading for validation, a text whole in the input is viewed there, not copied.
        if (e.kind != token::string) return type_error<T>(d, s, e);
        if (!d.keeps_values() && d.in_source(e.text)) {
            sh.text = e.text;
        } else {
            ref.text.assign(e.text.data(), e.text.size());
            sh.text = {};
        }
        check_format<typename T::tag>(d, e.text, e.offset);
    }
}

template <class T>
struct object_frame
{
    static constexpr std::size_t n = member_count<T>;
    static_assert(n <= 64, "a described struct of at most 64 members");

    using table = member_table<T>;
    static_assert(table::none == frame::unknown, "an unknown member has the one index");

    // The key did not name the member after the current one (`decoder_base::enter_next`): another
    // member, a repeated one, or one the description does not name.
    static void on_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
    {
        const auto i = table::member_named(key);
        if (i == frame::unknown) return other_key(d, f, key, offset);
        const bool repeated = (f.seen & (std::uint64_t{1} << i)) != 0;
        decoder_base::enter(f, i);
        if (repeated) repeated_member(d, key, offset);
    }

    // Out of line, as every finding's path: what the path of every key does not carry.
    BOOST_NOINLINE static void repeated_member(decoder_base& d, std::string_view key, std::size_t offset)
    {
        d.report(rule::json_duplicate_key, offset, {}, [&] {
            return "member " + detail::quoted(key) + " appears twice in one object (which value a "
                   "consumer sees depends on its parser; this kit reads the last)";
        });
    }

    BOOST_NOINLINE static void other_key(decoder_base& d, frame& f, std::string_view key, std::size_t offset)
    {
        f.on_value = &on_value;
        if (!unknown_key(d, f, key, offset)) return; // a repeated unknown member: the duplicate says it
        d.report(rule::schema_unknown_field, offset, {}, [&] {
            const auto near = nearest_name(f.key(), table::names); // a misspelt member, most often
            return "member " + detail::quoted(f.key()) + " is not in the contract" +
                   (near.empty() ? std::string() : " (did you mean \"" + near + "\"?)");
        });
    }

    /// The value of a member the description does not name: read, not kept.
    static void on_value(decoder_base& d, frame&, const event& e)
    {
        if (e.kind == token::object || e.kind == token::array) skip_value(d, e.kind == token::object);
    }

    template <std::size_t I>
    static void decode_member(decoder_base& d, frame& f, const event& e)
    {
        using D = boost::mp11::mp_at_c<members_of<T>, I>;
        auto& sh = *static_cast<object_shadow<T>*>(f.shadow);
        decode_value(d, static_cast<T*>(f.value)->*D::pointer, sh.slots[I], std::get<I>(sh.children), e);
    }

    template <std::size_t... I>
    static constexpr auto decoders_of(std::index_sequence<I...>)
    {
        return std::array<value_reader, n>{&decode_member<I>...};
    }

    /// The decoder of each member, by its index in the description.
    static constexpr auto member_decoders = decoders_of(std::make_index_sequence<n>{});

    /// The members that are not `std::optional`, one bit each, as in `frame::seen`.
    static constexpr std::uint64_t required = [] {
        std::uint64_t bits = 0, bit = 1;
        boost::mp11::mp_for_each<members_of<T>>([&](auto m) {
            if (!is_optional<member_type_of<T, decltype(m)>>::value) bits |= bit;
            bit <<= 1;
        });
        return bits;
    }();

    static void on_end(decoder_base& d, frame& f)
    {
        // A member whose key was seen has a value: an object with all its required keys is
        // complete without a look at its slots, as nearly every object is.
        if ((f.seen & required) != required) report_missing(d, f);
        if (f.stream) static_cast<element_stream<T>*>(f.stream)->finish();
    }

    BOOST_NOINLINE static void report_missing(decoder_base& d, const frame& f)
    {
        const auto& sh = *static_cast<const object_shadow<T>*>(f.shadow);
        std::size_t i = 0;
        boost::mp11::mp_for_each<members_of<T>>([&](auto m) {
            using M = member_type_of<T, decltype(m)>;
            if (!is_optional<M>::value && sh.slots[i].state == slot_state::absent)
                d.add(rule::schema_required, sh.begin, d.current_pointer(d.depth() - 1, m.name),
                            "missing required member \"" + std::string(m.name) + "\" (" +
                                std::string(expected_name<M>()) + ")");
            ++i;
        });
    }
};

template <class T>
struct array_frame
{
    // Room made at the first element. A response holds at most 25 items by default
    // (limits/total): growing from one would move them, and their shadows, five times.
    static constexpr std::size_t initial_capacity = 32;

    static void on_key(decoder_base&, frame&, std::string_view, std::size_t) {}

    static void on_value(decoder_base& d, frame& f, const event& e)
    {
        auto& value = *static_cast<std::vector<T>*>(f.value);
        auto& sh = *static_cast<array_shadow<T>*>(f.shadow);
        if (value.empty()) {
            value.reserve(initial_capacity);
            sh.elements.reserve(initial_capacity);
            sh.children.reserve(initial_capacity);
        }
        ++f.elements;
        value.emplace_back();
        sh.elements.emplace_back();
        sh.children.emplace_back();
        decode_value(d, value.back(), sh.elements.back(), sh.children.back(), e);
    }

    static void on_end(decoder_base&, frame&) {}
};

/// The elements of a streamed array: each decoded into the stream's one element, then handed on.
template <class T>
struct stream_frame
{
    static void on_key(decoder_base&, frame&, std::string_view, std::size_t) {}

    static void on_value(decoder_base& d, frame& f, const event& e)
    {
        auto& stream = *static_cast<element_stream<T>*>(f.value);
        ++f.elements;
        ++stream.count;
        stream.state = slot{e.offset, slot_state::present};
        if constexpr (is_described_struct<T>::value) {
            if (e.kind == token::object) {
                // Not `decode_value`, which would reset the element and free what its members hold.
                stream.shadow.restart(e.offset);
                d.push(&object_ops<T>(), &stream.element, &stream.shadow, true);
                d.top().stream = &stream;
                return;
            }
        }
        decode_value(d, stream.element, stream.state, stream.shadow, e);
        stream.finish();
    }

    static void on_end(decoder_base&, frame&) {}
};

template <class T>
const frame_ops& object_ops()
{
    using o = object_frame<T>;
    static constexpr frame_ops ops{&o::on_key, &o::on_value, &o::on_end, o::n, o::table::words.data(), o::member_decoders.data()};
    return ops;
}

template <class T>
const frame_ops& array_ops()
{
    static constexpr frame_ops ops{&array_frame<T>::on_key, &array_frame<T>::on_value, &array_frame<T>::on_end, 0, nullptr, nullptr};
    return ops;
}

template <class T>
const frame_ops& stream_ops()
{
    static constexpr frame_ops ops{&stream_frame<T>::on_key, &stream_frame<T>::on_value, &stream_frame<T>::on_end, 0, nullptr, nullptr};
    return ops;
}

} // namespace tented::contract::detail

#endif
