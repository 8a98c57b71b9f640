// The floor of both benchmarks: a basic_parser handler that accepts every event and does
// nothing with it, so that parsing alone is measured.
#ifndef TENTED_CONTRACT_BENCH_NULL_HANDLER_HPP
#define TENTED_CONTRACT_BENCH_NULL_HANDLER_HPP

#include <tented/contract/detail/parser_handler.hpp>

#include <cstddef>
#include <cstdint>

namespace bench {

struct null_handler : tented::contract::detail::parser_handler
{
    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return true; }
    bool on_object_end(std::size_t, error_code&) { return true; }
    bool on_array_begin(error_code&) { return true; }
    bool on_array_end(std::size_t, error_code&) { return true; }
    bool on_key_part(string_view, std::size_t, error_code&) { return true; }
    bool on_key(string_view, std::size_t, error_code&) { return true; }
    bool on_string_part(string_view, std::size_t, error_code&) { return true; }
    bool on_string(string_view, std::size_t, error_code&) { return true; }
    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t, string_view, error_code&) { return true; }
    bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
    bool on_double(double, string_view, error_code&) { return true; }
    bool on_bool(bool, error_code&) { return true; }
    bool on_null(error_code&) { return true; }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }
};

} // namespace bench

#endif
