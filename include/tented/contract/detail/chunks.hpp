// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHUNKS_HPP
#define TENTED_CONTRACT_DETAIL_CHUNKS_HPP

#include <tented/contract/detail/capture.hpp>

#include <boost/container/string.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Inputs read a chunk at a time: a log of any size is checked in the memory of its longest
// record, never held whole.
namespace tented::contract::detail {

/// The most bytes a `byte_source` reads at a time.
inline constexpr std::size_t read_chunk = std::size_t{1} << 16;

/// Counts the folder walks (`file_names_below`): the folders `open_listed_file` keeps open are
/// those of the last, whose paths name them from the working folder of that walk, which the
/// program may have changed since.
inline std::atomic<std::uint64_t> folder_walks{0};

/** Opens `path`, a file a folder walk listed, for a read whose shortness ends it
    (`byte_source::read_listed`): without blocking, by its name in its folder, and only when
    nothing can make a short read of it stop early. Its folder's file system must end a regular
    file on a short read, as those that keep files on disk or in memory do (ext4, XFS, Btrfs,
    F2FS, tmpfs, overlayfs), not procfs or sysfs, whose files say 0 bytes and are read about a
    page at a time, nor any this does not know (FUSE, network file systems); and the name must
    lead neither through a link nor across a mount (`openat2`'s `RESOLVE_NO_SYMLINKS` and
    `RESOLVE_NO_XDEV`), which could put such a file in its place. Returns the descriptor, or -1
    when any of that fails (and on a kernel without `openat2`, before Linux 5.6): the caller
    then opens, describes and reads it as any file. The folder is opened and its file system
    learnt once for each thread and walk, as a walk's files come folder by folder. */
inline int open_listed_file(const std::string& path) noexcept
{
    struct folder
    {
        std::string name; // as the paths of its files begin, to their last '/'
        std::uint64_t walk = 0;
        bool known = false;
        int fd = -1;
        bool short_read_ends = false;
        ~folder()
        {
            if (fd >= 0) ::close(fd);
        }
    };
    thread_local folder f;
    const auto slash = path.rfind('/');
    const std::size_t cut = slash == std::string::npos ? 0 : slash + 1;
    const std::string_view name(path.data(), cut); // empty: the working folder
    const auto walk = folder_walks.load(std::memory_order_relaxed);
    if (!f.known || walk != f.walk || name != f.name) {
        if (f.fd >= 0) ::close(f.fd);
        f.name.assign(name.data(), name.size());
        f.walk = walk;
        f.known = true;
        f.fd = ::open(name.empty() ? "." : f.name.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        struct statfs fs;
        f.short_read_ends = f.fd >= 0 && ::fstatfs(f.fd, &fs) == 0 &&
                            (fs.f_type == EXT4_SUPER_MAGIC || fs.f_type == XFS_SUPER_MAGIC ||
                             fs.f_type == BTRFS_SUPER_MAGIC || fs.f_type == F2FS_SUPER_MAGIC ||
                             fs.f_type == TMPFS_MAGIC || fs.f_type == OVERLAYFS_SUPER_MAGIC);
    }
    if (!f.short_read_ends) return -1;
    open_how how{};
    how.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV;
    return static_cast<int>(::syscall(SYS_openat2, f.fd, path.c_str() + cut, &how, sizeof how));
}

/** A file, or standard input (`-`), opened once and read in chunks: what it is (a regular file
    and its size, or a stream) is learnt from the open descriptor, so a file costs one open, one
    `fstat` and, when small, one read; a small file a folder walk listed, one open and one read
    (`open_listed`, `read_listed`). Reads return what is there: a pipe's records are checked as
    they arrive, not when 64 KiB have piled up. */
class byte_source
{
public:
    byte_source() = default;
    byte_source(byte_source&& other) noexcept
        : fd_(std::exchange(other.fd_, -1)), owned_(std::exchange(other.owned_, false)), regular_(other.regular_),
          pipe_(other.pipe_), size_(other.size_), read_(other.read_)
    {
    }
    byte_source& operator=(byte_source&&) = delete;
    ~byte_source()
    {
        if (owned_) ::close(fd_);
    }

    /// Opens `path` and learns what it is; false, with `error` naming the path and the system's
    /// reason, when it cannot or when it is a folder. `listed_regular`: a folder walk listed it as
    /// a regular file, so it is opened without blocking and refused when it is no longer one (a
    /// FIFO renamed over it since would hang the run, or hand it a stream as the file).
    bool open(const std::string& path, std::string& error, bool listed_regular = false)
    {
        return open_descriptor(path, error, listed_regular) && learn(path, error, listed_regular);
    }

    /// Opens `path`, a file a folder walk listed as regular, for `read_listed`, without learning
    /// what it is (`open_listed_file`); false, with nothing said, when that cannot be done: `open`
    /// then says why, or opens it as any file.
    bool open_listed(const std::string& path) noexcept
    {
        fd_ = open_listed_file(path);
        owned_ = fd_ >= 0;
        return owned_;
    }

    /// Learns what was opened as `path` (`open_listed`): `open` says what is refused.
    bool learn(const std::string& path, std::string& error, bool listed_regular = false)
    {
        struct stat st;
        if (::fstat(fd_, &st) != 0) return true; // what it is stays unknown: it is read as a stream
        if (S_ISDIR(st.st_mode)) {
            error = path + ": is a directory";
            return false;
        }
        regular_ = S_ISREG(st.st_mode);
        pipe_ = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
        size_ = regular_ ? static_cast<std::size_t>(st.st_size) : 0;
        if (!listed_regular || regular_) return true;
        error = path + ": no longer a regular file (a FIFO, socket or device took its place after its folder was listed): not read";
        return false;
    }

    int descriptor() const noexcept { return fd_; }
    /// A regular file (else a pipe, FIFO, terminal or device, whose size is unknown).
    bool regular() const noexcept { return regular_; }
    /// A pipe, FIFO or socket: what another program writes (not a terminal or a device).
    bool pipe() const noexcept { return pipe_; }
    /// A regular file's size when it was opened, in bytes; 0 for a stream.
    std::size_t size() const noexcept { return size_; }
    /// The bytes read from it so far (`read_into`, `read_in_place`, `read_up_to`): a stream's
    /// size, once read to its end.
    std::size_t bytes_read() const noexcept { return read_; }

    /// Appends up to `n` bytes (at most 64 KiB), what is there now, to `into`; returns how many, 0
    /// at the end. On a read error, returns 0 and sets `error` to `name`'s read error.
    std::size_t read_into(std::string& into, std::size_t n, const std::string& name, std::string& error)
    {
        // Through a buffer of our own: growing `into` by `n` first would write `n` zeros, 64 KiB
        // for every small file.
        char buffer[read_chunk];
        const auto got = read_some(buffer, std::min(n, sizeof buffer), name, error);
        into.append(buffer, got);
        return got;
    }

    /// Appends up to `n` bytes, what is there now, to `into`, read straight into it: `into` is grown
    /// by `n` bytes first, left as they were (a log's batch reads into a buffer used before, and
    /// zeroing 256 KiB for each would cost a twentieth of checking it). Returns and errors as
    /// `read_into`.
    std::size_t read_in_place(boost::container::string& into, std::size_t n, const std::string& name, std::string& error)
    {
        const auto at = into.size();
        into.resize(at + n, boost::container::default_init);
        const auto got = read_some(&into[at], into.size() - at, name, error);
        into.resize(at + got);
        return got;
    }

    /// Appends the rest of the input to `into`, stopping once `into` holds `cap` bytes; false on a
    /// read error (`error` set). A regular file is read in place in one read when it has not grown.
    bool read_up_to(std::string& into, std::size_t cap, const std::string& name, std::string& error)
    {
        if (regular_ && into.size() < cap && size_ < cap - into.size()) {
            const auto at = into.size();
            into.resize(at + size_ + 1); // one byte more: a shorter read is the end of the file
            const auto got = read_some(&into[at], size_ + 1, name, error);
            into.resize(at + got);
            if (!error.empty()) return false;
            if (got <= size_) return true;
        }
        while (into.size() < cap && read_into(into, cap - into.size(), name, error)) {
        }
        return error.empty();
    }

    /** Reads a file a folder walk listed as regular whole into `buffer` (`read_chunk` bytes) with
        one `pread` from its start, before `learn`: among thousands of small files, one system
        call a file fewer. Returns its size when that is all of it: at least one byte, fewer than
        `read_chunk`, at most `max_bytes`; else 0, and `learn` decides. Only where a short read
        ends a file, on a file opened with `open_listed`. A FIFO or a folder put in its place
        since the walk fails the `pread`, a device fills the buffer or gives nothing: `learn`
        refuses each. */
    std::size_t read_listed(char* buffer, std::size_t max_bytes) noexcept
    {
        for (;;) {
            const auto got = ::pread(fd_, buffer, read_chunk, 0);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0 || static_cast<std::size_t>(got) >= read_chunk || static_cast<std::size_t>(got) > max_bytes)
                return 0;
            regular_ = true;
            size_ = static_cast<std::size_t>(got);
            return size_;
        }
    }

    /// Goes back to the start, to read the same file again (not another one renamed over its
    /// path since); false, with `error` set, when it cannot (a stream).
    bool rewind(const std::string& name, std::string& error)
    {
        if (::lseek(fd_, 0, SEEK_SET) == 0) return true;
        error = name + ": cannot read it again (" + std::strerror(errno) + ")";
        return false;
    }

private:
    // Opens `path` (`-`: standard input) as `open` says, without learning what it is.
    bool open_descriptor(const std::string& path, std::string& error, bool listed_regular)
    {
        if (path == "-") {
            fd_ = STDIN_FILENO;
        } else {
            errno = 0;
            fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (listed_regular ? O_NONBLOCK : 0));
            if (fd_ < 0) {
                const int reason = errno;
                struct stat st;
                // A Unix socket cannot be opened as a file (ENXIO, "No such device or address"):
                // say what it is instead.
                if (reason == ENXIO && ::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode))
                    error = path + ": a socket, not a file: not read";
                else if (reason == ENOENT || reason == ENOTDIR) // as a path a walk did not find
                    error = path + ": no such file or folder";
                else
                    error = path + ": cannot open (" + std::string(reason ? std::strerror(reason) : "unknown error") + ")";
                return false;
            }
            owned_ = true;
        }
        return true;
    }

    std::size_t read_some(char* to, std::size_t n, const std::string& name, std::string& error)
    {
        for (;;) {
            const auto got = ::read(fd_, to, n);
            if (got >= 0) {
                read_ += static_cast<std::size_t>(got);
                return static_cast<std::size_t>(got);
            }
            if (errno == EINTR) continue;
            error = name + ": read error (" + std::strerror(errno) + ")";
            return 0;
        }
    }

    int fd_ = -1;
    bool owned_ = false, regular_ = false, pipe_ = false;
    std::size_t size_ = 0, read_ = 0;
};

/** A regular file mapped read-only: a payload is parsed where it lies, a slice at a time, and the
    pages the parser has passed are dropped (`drop_before`), so a file of any size is never
    resident whole; a page read again later (a finding's line and column) comes back from the
    page cache. Other files (FIFOs, devices) are not mapped: they are read. The mapping outlives
    the descriptor it was made from. */
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

    /// Maps the file `in` reads; false when it is no regular file, is smaller than `min_size` (a
    /// small file is cheaper read than mapped: a page fault costs more than copying a page), is
    /// read from elsewhere than its start (standard input after a caller's reads) or cannot be
    /// mapped: then it is read.
    bool map(const byte_source& in, std::size_t min_size)
    {
        if (!in.regular() || in.size() < min_size || ::lseek(in.descriptor(), 0, SEEK_CUR) != 0) return false;
        return map(in.descriptor(), in.size());
    }

    /// Maps the first `size` bytes of the file open as `fd`; false when it cannot.
    bool map(int fd, std::size_t size)
    {
        if (size == 0) return false;
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) return false;
        data_ = p;
        size_ = size;
        ::madvise(data_, size_, MADV_SEQUENTIAL);
        return true;
    }

    std::string_view text() const noexcept { return {static_cast<const char*>(data_), data_ ? size_ : 0}; }

    /// Drops the pages wholly before byte `offset` from memory (they stay in the page cache): all
    /// of them, not only those since the last call, as reading a text that straddled the last
    /// cut brings back the pages around it.
    void drop_before(std::size_t offset) noexcept
    {
        const std::size_t end = std::min(offset, size_) / page_ * page_;
        if (data_ && end > 0) ::madvise(data_, end, MADV_DONTNEED);
    }

    /// Whether the file was cut while it was read: the pages past its new end then read as zeros
    /// (see `patch`), and what was read of them is not the file.
    bool truncated() const noexcept { return truncated_ != 0; }

    /** For a SIGBUS handler: when `address` lies in this mapping, which reached past the file's
        end (another program cut the file), maps zero pages from its page to the end of the
        mapping in place of those the file no longer has, notes it (`truncated`) and returns true,
        so that the read is done again and the parse ends on bytes that are not JSON; false for
        an address elsewhere. Async-signal-safe. */
    bool patch(const void* address) noexcept
    {
        const auto* at = static_cast<const char*>(address);
        auto* base = static_cast<char*>(data_);
        if (!data_ || at < base || at >= base + size_) return false;
        char* from = base + static_cast<std::size_t>(at - base) / page_ * page_;
        if (::mmap(from, static_cast<std::size_t>(base + size_ - from), PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            return false;
        truncated_ = 1;
        return true;
    }

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t page_ = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    volatile std::sig_atomic_t truncated_ = 0;
};

/// The mapping this thread reads, while it reads it (`reading_mapping`).
inline thread_local mapped_file* mapping_in_use = nullptr;

/// Marks `file` as the mapping this thread reads, for as long as it lives.
class reading_mapping
{
public:
    explicit reading_mapping(mapped_file& file) noexcept : before_(mapping_in_use) { mapping_in_use = &file; }
    reading_mapping(const reading_mapping&) = delete;
    reading_mapping& operator=(const reading_mapping&) = delete;
    ~reading_mapping() { mapping_in_use = before_; }

private:
    mapped_file* before_;
};

/** What a SIGBUS handler calls with the faulting address (`siginfo_t::si_addr`): true when it
    lay in the mapping this thread reads, which `mapped_file::patch` has then mended (the handler
    returns and the read goes on), false for any other bus error. Async-signal-safe when called
    from the executable that holds this code (its thread-local storage is then static). */
inline bool patch_truncated_mapping(const void* address) noexcept
{
    return mapping_in_use && mapping_in_use->patch(address);
}

/** An unnamed temporary file in `$TMPDIR` (else `/tmp`), gone when closed: where standard input
    is copied to be mapped like a file, so a payload of any size that comes down a pipe is parsed
    a slice at a time rather than held whole. */
class spool_file
{
public:
    spool_file()
    {
        const char* dir = std::getenv("TMPDIR");
        const std::string folder = dir && *dir ? dir : "/tmp";
        fd_ = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (fd_ >= 0) return;
        // A file system without O_TMPFILE: a named file, unlinked at once.
        std::string name = folder + "/tented-contract-XXXXXX";
        fd_ = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd_ >= 0) ::unlink(name.c_str());
    }
    spool_file(const spool_file&) = delete;
    spool_file& operator=(const spool_file&) = delete;
    ~spool_file()
    {
        if (fd_ >= 0) ::close(fd_);
    }

    /// Whether the file could be made.
    explicit operator bool() const noexcept { return fd_ >= 0; }
    int descriptor() const noexcept { return fd_; }

    /// Appends `text`, a copy of `name`; false, with `error` saying why (a full disk), when it cannot.
    bool write(std::string_view text, const std::string& name, std::string& error)
    {
        while (!text.empty()) {
            const auto put = ::write(fd_, text.data(), text.size());
            if (put < 0 && errno == EINTR) continue;
            if (put <= 0) {
                error = name + ": cannot copy to a temporary file (" + std::string(std::strerror(errno)) +
                        "): set TMPDIR to a folder with room";
                return false;
            }
            text.remove_prefix(static_cast<std::size_t>(put));
        }
        return true;
    }

private:
    int fd_ = -1;
};

/// What is said of a file that ended before its size when it was opened: what was read of it is
/// not what it held, and a record cut short there is no fault of its producer's.
inline std::string shrank_while_read(const std::string& file)
{
    return file + ": shrank while it was being read (another program cut or rewrote it): check it again once it is whole";
}

/// What is said of a log that holds no record: a run given one must not pass having checked
/// nothing, as it must not for a folder that holds no input (`nothing_to_check`).
inline std::string no_record_in(const std::string& log)
{
    return log + ": holds no JSON Lines record to check (it is empty, or blank lines only)";
}

/// What is said of a capture that holds no bulk-job poll answered 200, as of a log with no record.
inline std::string no_poll_in(const std::string& capture)
{
    return capture + ": holds no poll of GET /v1/bulk-jobs/{bulkJobId} answered 200 to check";
}

/// Whole lines of a JSON Lines stream: `text` holds them, `records` where each non-blank one is.
/// A record longer than the size limit is not kept: only its line and `size` are.
struct line_batch
{
    struct entry
    {
        std::size_t offset = 0, length = 0; ///< of the record in `text`
        std::size_t line = 0;               ///< 1-based, in the whole stream
        std::size_t size = 0;               ///< bytes of a record over the limit (then not in `text`);
                                            ///< `unknown_position` when handed on before its line ended
    };
    boost::container::string text; // grows uninitialised: see `byte_source::read_in_place`
    std::vector<entry> records;
    std::size_t bytes = 0; ///< bytes of the stream this batch covers
    bool last = false;     ///< the stream ends with it

    std::string_view record(const entry& e) const noexcept { return std::string_view(text).substr(e.offset, e.length); }
};

/** The buffers of a reader's batches: each batch hands its own back as it goes, from whichever
    thread checked it, and the next batches read into them. A batch's buffer is larger than what
    the allocator keeps to itself (128 KiB at first): allocated afresh for each batch, it comes
    from the system and goes back to it, with a page fault and a page of zeros for every 4 KiB
    read, as costly as the reading. */
class text_pool
{
public:
    text_pool() { free_.reserve(kept); } // so that `give`, called as a batch is destroyed, never allocates

    /// A buffer handed back, emptied; an empty string when none is.
    boost::container::string take()
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (free_.empty()) return {};
        auto text = std::move(free_.back());
        free_.pop_back();
        text.clear();
        return text;
    }

    /// Keeps `text`'s memory for a later `take`, up to `kept` buffers (more are freed).
    void give(boost::container::string&& text) noexcept
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (free_.size() < kept) free_.push_back(std::move(text));
    }

    /// As many as the batches a run has in flight on a few dozen threads.
    static constexpr std::size_t kept = 64;

private:
    std::mutex mutex_;
    std::vector<boost::container::string> free_;
};

/** Cuts a stream into batches of whole JSON Lines records, `chunk` bytes read at a time: memory
    holds one batch and the line it cut, and a record longer than `max_record` is counted, not
    held. Lines and their numbers are those of `read_json_lines` on the whole text. In a regular
    file such a record is handed on with its size once its line ends; in a stream (a pipe, a
    FIFO, a device), as soon as it passes the limit, with its size unknown, and the rest of its
    line is then skipped: a stream's line may never end (`/dev/zero`), and its finding must not
    wait for that. A stream's long line read whole is said the same way, its size unknown, so
    that its report does not depend on how the writer's bytes arrived. */
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
        b.text = pool_->take();
        b.text.assign(carry_.data(), carry_.size()); // the line the last batch cut: no '\n' in it
        carry_.clear();
        for (;;) {
            // `b.text` holds no '\n' here: one line so far. Past the limit (and a '\r' ending
            // it), it is counted, not kept; a stream's is handed on now, before the next read.
            if (b.text.size() > max_record_ + 1) {
                if (!source_.regular()) {
                    b.records.push_back({0, 0, line_++, unknown_position});
                    b.text.clear();
                    skipping_ = true;
                    return true;
                }
                long_line_ += b.text.size();
                long_line_cr_ = b.text.back() == '\r';
                b.text.clear();
            }
            auto from = b.text.size();
            const auto got = source_.read_in_place(b.text, chunk_, name_, error);
            b.bytes += got;
            read_ += got;
            if (!error.empty()) return done_ = true, false;
            const bool end = got == 0;
            // Its last line would be cut where the file now ends: an error, not a false finding.
            if (end && source_.regular() && read_ < source_.size()) {
                error = shrank_while_read(name_);
                return done_ = true, false;
            }
            if (skipping_) {
                if (!skip_to_line_end(b.text)) {
                    b.last = done_ = end;
                    return true; // no record, but bytes read: progress goes on
                }
                from = 0;
            }
            if (end || b.text.find('\n', from) != b.text.npos) return cut(b, end), true;
        }
    }

    /// A batch for `next`, whose buffer goes back to this reader's pool when it is destroyed
    /// (which may be after the reader is).
    std::shared_ptr<line_batch> make_batch() const
    {
        return std::shared_ptr<line_batch>(new line_batch, [pool = pool_](line_batch* b) {
            pool->give(std::move(b->text));
            delete b;
        });
    }

private:
    // Drops the rest of a line handed on as over the limit, up to its '\n'; false when `text`
    // holds none (then it is emptied).
    bool skip_to_line_end(boost::container::string& text)
    {
        const auto newline = text.find('\n');
        if (newline == text.npos) {
            text.clear();
            return false;
        }
        text.erase(0, newline + 1);
        skipping_ = false;
        return true;
    }

    void cut(line_batch& b, bool end)
    {
        const std::string_view text = b.text;
        std::size_t start = 0;
        if (long_line_) { // the rest of a line counted, not kept
            const auto newline = std::min(text.find('\n'), text.size());
            // The '\r' before it may be the last byte dropped.
            const bool cr = newline < text.size() && (newline > 0 ? text[newline - 1] == '\r' : long_line_cr_);
            b.records.push_back({0, 0, line_++, long_line_ + newline - cr});
            start = std::min(newline + 1, text.size());
            long_line_ = 0;
        }
        const bool regular = source_.regular(); // a stream's long line is cut short wherever it ends
        const auto used = start + each_json_line(text.substr(start), line_, end, [&](std::string_view record, std::size_t line) {
            const auto offset = static_cast<std::size_t>(record.data() - text.data());
            if (record.size() > max_record_) b.records.push_back({offset, 0, line, regular ? record.size() : unknown_position});
            else b.records.push_back({offset, record.size(), line, 0});
        });
        carry_.assign(b.text.data() + used, b.text.size() - used);
        b.text.resize(used);
        b.last = done_ = end;
    }

    byte_source source_;
    std::string name_;
    std::size_t max_record_, chunk_;
    std::shared_ptr<text_pool> pool_ = std::make_shared<text_pool>();
    std::string carry_;
    std::size_t line_ = 1;
    std::size_t read_ = 0; ///< bytes read of the stream so far
    std::size_t long_line_ = 0; ///< bytes of the line being read, dropped as over the limit
    bool long_line_cr_ = false; ///< the last of them is a '\r'
    bool skipping_ = false;     ///< the line being read was handed on as over the limit
    bool done_ = false;
};

/** The polls of a HAR capture in a regular file, in `read_har`'s order, read `chunk` bytes at a
    time in two passes and never held whole. `index` reads the capture once for its own findings
    and the entry and `startedDateTime` of each poll (a few words a poll); `next` then reads it
    again, through the same descriptor (a file renamed over its path meanwhile is not read), and
    hands the polls on in that order as their entries close; a capture cut or rewritten in
    between, so that polls of the first reading are not found again, is an error, never a
    shorter pass. A poll that comes before its turn (a capture not in time order) is held until
    the polls dated before it have come: a capture in time order, the usual one, holds one entry
    at a time; one in reverse order holds its bodies. A body over `max_body` bytes is held up to
    it, then only counted (`har_poll_entry::too_large`). */
class har_stream
{
public:
    har_stream(std::string path, std::string name, std::size_t max_body, std::size_t chunk)
        : path_(std::move(path)), name_(std::move(name)), max_body_(max_body), chunk_(chunk ? chunk : 1)
    {
    }

    /** The first pass: puts the capture's own findings, after `opts`, in `found` (only a
        `capture/har` one for a text that is no HAR log, which then has no polls), those past
        `opts.max_findings` counted, not kept; keeps the first bytes read in `head`, where such a
        finding stands. False with `error` set when it cannot be read, and when it holds neither
        a poll nor a finding of its own (`no_poll_in`). */
    bool index(report& found, const options& opts, std::string& head, std::string& error)
    {
        std::vector<std::pair<std::size_t, std::optional<instant>>> dated;
        report seen;
        finding_tally tally;
        sink seen_out(opts, seen.diagnostics, &tally);
        har_reader reader(har_text_cap(max_body_), [&](har_fields& e) {
            auto p = har_poll(e, seen_out, max_body_);
            if (!p) return;
            dated.emplace_back(e.index, parse_timestamp(p->poll.started));
            if (p->poll.other_job) alone_.push_back(e.index);
        });
        if (!read_all(reader, error, &head)) return false;
        sink out(opts, found.diagnostics);
        if (!reader.is_har(out)) return true;
        if (dated.empty() && seen.diagnostics.empty() && !tally.omitted_errors && !tally.omitted_warnings) {
            error = no_poll_in(name_);
            return false;
        }
        reader.note_mark(seen_out);
        found = std::move(seen);
        tally.into(found);
        in_file_.reserve(dated.size());
        for (const auto& d : dated) in_file_.push_back(d.first);
        std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) { return dated_before(a.second, b.second); });
        order_.reserve(dated.size());
        for (const auto& d : dated) order_.push_back(d.first);
        return true;
    }

    /** The next polls in order, with about `chunk` bytes of bodies, and in `bytes` the bytes of
        the capture read for them; false once every poll was handed on (or the capture could not
        be read again: then `error` says why). */
    bool next(std::vector<har_poll_entry>& batch, std::size_t& bytes, std::string& error)
    {
        batch.clear();
        bytes = 0;
        if (!reader_) {
            if (order_.empty()) return false;
            if (!source_.rewind(name_, error)) return false;
            reader_.emplace(har_text_cap(max_body_), [this](har_fields& e) {
                // Entries come in file order: only those the first pass found polls are.
                if (read_ == in_file_.size() || in_file_[read_] != e.index) return;
                ++read_;
                report ignored; // said by the first pass
                const options defaults;
                sink ignored_out(defaults, ignored.diagnostics);
                auto p = har_poll(e, ignored_out, max_body_, true);
                if (!p) return;
                p->poll.other_job = std::binary_search(alone_.begin(), alone_.end(), e.index);
                arrive(std::move(*p));
            });
        }
        std::string piece;
        while (ready_bytes_ < chunk_ && !ended_) {
            piece.clear();
            const auto got = source_.read_into(piece, chunk_, name_, error);
            if (!error.empty()) return false;
            bytes += got;
            ended_ = !reader_->feed(piece, got == 0) || got == 0;
        }
        batch.swap(ready_);
        ready_bytes_ = 0;
        if (ended_ && batch.empty() && !done()) { // cut, or rewritten, since the first reading
            error = name_ + ": changed while it was read: its second reading found " + std::to_string(next_) +
                    " of the " + std::to_string(order_.size()) + " polls of its first";
            return false;
        }
        return !batch.empty() || bytes > 0;
    }

    /// Whether every poll was handed on.
    bool done() const noexcept { return next_ == order_.size(); }

private:
    // The first reading, from the descriptor the second reads again.
    bool read_all(har_reader& reader, std::string& error, std::string* head)
    {
        if (!source_.open(path_, error)) return false;
        std::string piece;
        for (;;) {
            piece.clear();
            const auto got = source_.read_into(piece, chunk_, name_, error);
            if (!error.empty()) return false;
            if (head && head->empty()) *head = piece;
            if (!reader.feed(piece, got == 0) || got == 0) return true;
        }
    }

    // Hands `p` on when its turn has come, then those held that waited for it.
    void arrive(har_poll_entry p)
    {
        if (next_ == order_.size()) return;
        if (order_[next_] != p.poll.entry) {
            held_.emplace(p.poll.entry, std::move(p));
            return;
        }
        take(std::move(p));
        for (auto it = held_.end(); next_ < order_.size() && (it = held_.find(order_[next_])) != held_.end();) {
            take(std::move(it->second));
            held_.erase(it);
        }
    }

    void take(har_poll_entry p)
    {
        ++next_;
        ready_bytes_ += p.poll.text.size() + 1;
        ready_.push_back(std::move(p));
    }

    std::string path_, name_;
    std::size_t max_body_, chunk_;
    std::vector<std::size_t> in_file_; // the entries of the polls, in file order
    std::vector<std::size_t> alone_;   // those of a body naming another job (`har_poll`), in file order
    std::size_t read_ = 0;             // in `in_file_`: the next poll the second pass reads
    std::vector<std::size_t> order_;   // the entries of the polls, in the order they are checked
    std::size_t next_ = 0;             // in `order_`: the next poll to hand on
    std::map<std::size_t, har_poll_entry> held_;
    std::vector<har_poll_entry> ready_;
    std::size_t ready_bytes_ = 0;
    byte_source source_;
    std::optional<har_reader> reader_;
    bool ended_ = false;
};

} // namespace tented::contract::detail

#endif
