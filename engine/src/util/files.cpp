#include "rolefit/util/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace rolefit {
namespace {

[[noreturn]] void fail(const std::filesystem::path& target, const char* what, int error) {
  throw std::runtime_error(fmt::format("{}: cannot write ({}: {})", target.string(), what, std::strerror(error)));
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& target, std::string_view content) {
  const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temp = (folder / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) fail(target, "creating a temporary file", errno);
  auto abandon = [&](const char* what) {
    const int error = errno;
    close(fd);
    unlink(temp.c_str());
    fail(target, what, error);
  };
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      abandon("writing");
    }
    done += static_cast<std::size_t>(n);
  }
  if (fchmod(fd, 0644) != 0) abandon("setting permissions");
  if (fsync(fd) != 0) abandon("flushing");
  if (close(fd) != 0) {
    const int error = errno;
    unlink(temp.c_str());
    fail(target, "closing", error);
  }
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    unlink(temp.c_str());
    fail(target, "renaming into place", error);
  }
  const int dir = open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
}

namespace {

// An open regular file of at most maxBytes, with its size at opening.
struct OpenedFile {
  int fd = -1;
  std::size_t size = 0;
  ~OpenedFile() {
    if (fd >= 0) ::close(fd);
  }
};

void openForReading(const std::filesystem::path& file, std::size_t maxBytes, std::string_view kind, OpenedFile& out) {
  // Non-blocking, so that a named pipe is refused below instead of waiting
  // for a writer; reads from a regular file are not affected.
  out.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (out.fd < 0) {
    if (errno == ENOENT) throw FileReadError("no such file");
    throw FileReadError(fmt::format("cannot be read ({})", std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(out.fd, &info) != 0) throw FileReadError(fmt::format("cannot be read ({})", std::strerror(errno)));
  if (!S_ISREG(info.st_mode)) throw FileReadError("is not a regular file");
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > maxBytes)
    throw FileReadError(fmt::format("is {} bytes; {} of at most {} MiB are read", size, kind, maxBytes >> 20));
  out.size = static_cast<std::size_t>(size);
}

// Up to `capacity` bytes; 0 at the end of the file.
std::size_t readSome(int fd, char* into, std::size_t capacity) {
  for (;;) {
    const ssize_t got = ::read(fd, into, capacity);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) throw FileReadError(fmt::format("cannot be read ({})", std::strerror(errno)));
  }
}

// Bytes about to be overwritten by a read: not zeroed first (a file of tens
// of MiB would otherwise be written twice). make_unique_for_overwrite, which
// libc++ 13 lacks.
std::unique_ptr<char[]> uninitialisedBytes(std::size_t count) { return std::unique_ptr<char[]>(new char[count]); }

}  // namespace

FileBytes readWholeFile(const std::filesystem::path& file, std::size_t maxBytes, std::string_view kind) {
  OpenedFile opened;
  openForReading(file, maxBytes, kind, opened);
  FileBytes bytes{uninitialisedBytes(opened.size + 1), opened.size};
  // One byte more than the size asks whether the file grew meanwhile.
  std::size_t done = 0;
  while (done <= bytes.size) {
    const std::size_t got = readSome(opened.fd, bytes.data.get() + done, bytes.size + 1 - done);
    if (got == 0) break;
    done += got;
  }
  if (done != bytes.size) throw FileReadError("changed while being read");
  return bytes;
}

std::size_t readFileInBlocks(const std::filesystem::path& file, std::size_t maxBytes, std::string_view kind,
                             const std::function<void(std::string_view block, std::size_t fileSize)>& take) {
  OpenedFile opened;
  openForReading(file, maxBytes, kind, opened);
  constexpr std::size_t kBlock = 64 * 1024;
  const auto block = uninitialisedBytes(kBlock);
  std::size_t done = 0;
  for (;;) {
    const std::size_t got = readSome(opened.fd, block.get(), kBlock);
    if (got == 0) break;
    done += got;
    if (done > opened.size) throw FileReadError("changed while being read");
    take({block.get(), got}, opened.size);
  }
  if (done != opened.size) throw FileReadError("changed while being read");
  return done;
}

}  // namespace rolefit
