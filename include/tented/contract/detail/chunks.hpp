// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHUNKS_HPP
#define TENTED_CONTRACT_DETAIL_CHUNKS_HPP

#include <tented/contract/detail/capture.hpp>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// Inputs read a chunk at a time: a log of any size is checked in the memory of its longest
// record, never held whole.
namespace tented::contract::detail {

/// A file, or standard input (`-`), read in chunks.
class byte_source
{
public:
    /// Opens `path`; false, with `error` naming the path and the system's reason, when it cannot.
    bool open(const std::string& path, std::string& error)
    {
        if (path == "-") {
            file_ = stdin;
            return true;
        }
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            error = path + ": is a directory";
            return false;
        }
        errno = 0;
        file_ = std::fopen(path.c_str(), "rb");
        if (!file_) {
            error = path + ": cannot open (" + std::string(errno ? std::strerror(errno) : "unknown error") + ")";
            return false;
        }
        owned_.reset(file_);
        return true;
    }

    /// Appends up to `n` bytes (at most 64 KiB) to `into`; returns how many, 0 at the end. On a read error,
    /// returns 0 and sets `error` to `name`'s read error.
    std::size_t read_into(std::string& into, std::size_t n, const std::string& name, std::string& error)
    {
        // Through a buffer of our own: growing `into` by `n` first would write `n` zeros, 64 KiB
        // for every small file.
        char buffer[1 << 16];
        const auto got = std::fread(buffer, 1, std::min(n, sizeof buffer), file_);
        into.append(buffer, got);
        if (got == 0 && std::ferror(file_)) error = name + ": read error";
        return got;
    }

private:
    struct closer
    {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };
    std::FILE* file_ = nullptr;
    std::unique_ptr<std::FILE, closer> owned_;
};

/** A regular file mapped read-only: a payload is parsed where it lies, a slice at a time, and the
    pages the parser has passed are dropped (`drop_before`), so a file of any size is never
    resident whole; a page read again later (a finding's line and column) comes back from the
    page cache. Other files (FIFOs, devices) are not mapped: they are read. */
class mapped_file
{
public:
    mapped_file() = default;
    mapped_file(const mapped_file&) = delete;
    mapped_file& operator=(const mapped_file&) = delete;
    ~mapped_file()
    {
        if (data_) ::munmap(data_, size_);
    }

    /// Maps `path`; false when it is no regular file, is smaller than `min_size` (a small file is
    /// cheaper read than mapped: a page fault costs more than copying a page) or cannot be mapped
    /// (`error` set only when it cannot be opened: then reading it would fail too).
    bool open(const std::string& path, std::string& error, std::size_t min_size = 0)
    {
        // Opening a FIFO would wait for a writer, and closing it again lose what it wrote.
        struct stat named;
        if (::stat(path.c_str(), &named) == 0 &&
            (!S_ISREG(named.st_mode) || static_cast<std::size_t>(named.st_size) < min_size))
            return false;
        errno = 0;
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            error = path + ": cannot open (" + std::string(std::strerror(errno)) + ")";
            return false;
        }
        struct stat st;
        bool mapped = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
        size_ = mapped ? static_cast<std::size_t>(st.st_size) : 0;
        if (mapped && size_ > 0) {
            void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
            mapped = p != MAP_FAILED;
            if (mapped) {
                data_ = p;
                ::madvise(data_, size_, MADV_SEQUENTIAL);
            }
        }
        ::close(fd);
        return mapped;
    }

    std::string_view text() const noexcept { return {static_cast<const char*>(data_), data_ ? size_ : 0}; }

    /// Drops the pages wholly before byte `offset` from memory (they stay in the page cache).
    void drop_before(std::size_t offset) noexcept
    {
        const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        const std::size_t end = std::min(offset, size_) / page * page;
        if (data_ && end > dropped_) ::madvise(static_cast<char*>(data_) + dropped_, end - dropped_, MADV_DONTNEED);
        dropped_ = std::max(dropped_, end);
    }

private:
    void* data_ = nullptr;
    std::size_t size_ = 0, dropped_ = 0;
};

/// Whole lines of a JSON Lines stream: `text` holds them, `records` where each non-blank one is.
/// A record longer than the size limit is not kept: only its line and `size` are.
struct line_batch
{
    struct entry
    {
        std::size_t offset = 0, length = 0; ///< of the record in `text`
        std::size_t line = 0;               ///< 1-based, in the whole stream
        std::size_t size = 0;               ///< bytes of a record over the limit (then not in `text`)
    };
    std::string text;
    std::vector<entry> records;
    std::size_t bytes = 0; ///< bytes of the stream this batch covers
    bool last = false;     ///< the stream ends with it

    std::string_view record(const entry& e) const noexcept { return std::string_view(text).substr(e.offset, e.length); }
};

/** Cuts a stream into batches of whole JSON Lines records, `chunk` bytes read at a time: memory
    holds one batch and the line it cut, and a record longer than `max_record` is counted, not
    held. Lines and their numbers are those of `read_json_lines` on the whole text. */
class json_lines_reader
{
public:
    json_lines_reader(byte_source source, std::string name, std::size_t max_record, std::size_t chunk)
        : source_(std::move(source)), name_(std::move(name)), max_record_(max_record), chunk_(chunk ? chunk : 1)
    {
    }

    /// The next batch; false once the stream has ended (or failed: then `error` says why).
    bool next(line_batch& b, std::string& error)
    {
        if (done_) return false;
        b = line_batch{};
        b.text = std::move(carry_); // the line the last batch cut: no '\n' in it
        for (;;) {
            const auto from = b.text.size();
            const auto got = source_.read_into(b.text, chunk_, name_, error);
            b.bytes += got;
            if (!error.empty()) return done_ = true, false;
            const bool end = got == 0;
            if (end || b.text.find('\n', from) != std::string::npos) return cut(b, end), true;
            // One line so far, past the limit (and a '\r' ending it): count it, do not keep it.
            if (b.text.size() > max_record_ + 1) {
                long_line_ += b.text.size();
                b.text.clear();
            }
        }
    }

private:
    void cut(line_batch& b, bool end)
    {
        const std::string_view text = b.text;
        std::size_t start = 0;
        if (long_line_) { // the rest of a line counted, not kept
            const auto newline = std::min(text.find('\n'), text.size());
            const bool cr = newline > 0 && newline < text.size() && text[newline - 1] == '\r';
            b.records.push_back({0, 0, line_++, long_line_ + newline - cr});
            start = std::min(newline + 1, text.size());
            long_line_ = 0;
        }
        const auto used = start + each_json_line(text.substr(start), line_, end, [&](std::string_view record, std::size_t line) {
            const auto offset = static_cast<std::size_t>(record.data() - text.data());
            if (record.size() > max_record_) b.records.push_back({offset, 0, line, record.size()});
            else b.records.push_back({offset, record.size(), line, 0});
        });
        carry_.assign(b.text, used, std::string::npos);
        b.text.resize(used);
        b.last = done_ = end;
    }

    byte_source source_;
    std::string name_;
    std::size_t max_record_, chunk_;
    std::string carry_;
    std::size_t line_ = 1;
    std::size_t long_line_ = 0; ///< bytes of the line being read, dropped as over the limit
    bool done_ = false;
};

} // namespace tented::contract::detail

#endif
