// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_LARGE_BLOCKS_HPP
#define TENTED_CONTRACT_DETAIL_LARGE_BLOCKS_HPP

#include <cstddef>
#include <memory>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tented::contract::detail {

/** The allocator of the lists that grow with the number of items (the facts of a job, the
    tent_id table). On Linux a block of 2 MiB or more is aligned to 2 MiB and offered to the
    kernel for transparent huge pages, so that filling it takes one page fault per 2 MiB rather
    than one per 4 KiB: a million items' facts are about 70 MB, fresh for every validation (the C
    library hands blocks that large back to the system), and on a virtual machine faulting them
    in a page at a time took longer than computing them. Elsewhere, and for smaller blocks, it is
    `std::allocator`. Both go through operator new, so that a program counting its allocations
    counts these. Throws std::bad_alloc as `std::allocator` does. */
template <class T>
struct large_block_allocator
{
    using value_type = T;

    large_block_allocator() = default;
    template <class U>
    large_block_allocator(const large_block_allocator<U>&) noexcept
    {
    }

    T* allocate(std::size_t n)
    {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (n >= huge / sizeof(T)) {
            if (n > static_cast<std::size_t>(-1) / 2 / sizeof(T)) throw std::bad_alloc();
            const std::size_t bytes = rounded(n);
            void* p = ::operator new(bytes, std::align_val_t{huge});
            ::madvise(p, bytes, MADV_HUGEPAGE); // advice only: without huge pages, 4 KiB ones
            return static_cast<T*>(p);
        }
#endif
        return std::allocator<T>{}.allocate(n);
    }

    void deallocate(T* p, std::size_t n) noexcept
    {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (n >= huge / sizeof(T)) return ::operator delete(p, std::align_val_t{huge});
#endif
        std::allocator<T>{}.deallocate(p, n);
    }

    friend bool operator==(const large_block_allocator&, const large_block_allocator&) noexcept { return true; }
    friend bool operator!=(const large_block_allocator&, const large_block_allocator&) noexcept { return false; }

private:
    static constexpr std::size_t huge = std::size_t{2} << 20;

    // Whole huge pages: the advice covers the block and nothing beside it.
    static std::size_t rounded(std::size_t n) noexcept { return (n * sizeof(T) + huge - 1) / huge * huge; }
};

} // namespace tented::contract::detail

#endif
