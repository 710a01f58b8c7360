// The POSIX half of util/files (files_os.hpp).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "files_os.hpp"
#include "rolefit/util/files.hpp"

namespace rolefit {
namespace {

[[noreturn]] void fail(const std::filesystem::path& target, const char* what, int error) {
  throw std::runtime_error(fmt::format("{}: cannot write ({}: {})", target.string(), what, std::strerror(error)));
}

// A rename is durable once the folder holding its new name is on disk.
void flushFolderOf(const std::filesystem::path& file) {
  const int dir = open(folderOf(file).c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& target, std::string_view content) {
  const std::string temp = temporaryNameBeside(target, "writing").string();
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
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
  flushFolderOf(target);
}

bool renameIfFree(const std::filesystem::path& from, const std::filesystem::path& to) {
  // A hard link is made only under a free name, in one step; rename() would
  // replace a file someone else made there.
  if (::link(from.c_str(), to.c_str()) != 0) return false;
  ::unlink(from.c_str());
  flushFolderOf(to);
  return true;
}

bool mayWriteFile(const std::filesystem::path& file) { return ::access(file.c_str(), W_OK) == 0; }

namespace os {

ReadableFile::ReadableFile(const std::filesystem::path& file) {
  // Non-blocking, so that a named pipe is refused below instead of waiting
  // for a writer; reads from a regular file are not affected.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) throw FileReadError("no such file");
    throw FileReadError(fmt::format("cannot be read ({})", std::strerror(errno)));
  }
  handle_ = fd;
  struct stat info {};
  if (::fstat(fd, &info) != 0) throw FileReadError(fmt::format("cannot be read ({})", std::strerror(errno)));
  if (!S_ISREG(info.st_mode)) throw FileReadError("is not a regular file");
  size_ = static_cast<std::uintmax_t>(info.st_size);
}

ReadableFile::~ReadableFile() {
  if (handle_ >= 0) ::close(static_cast<int>(handle_));
}

std::size_t ReadableFile::readSome(char* into, std::size_t capacity) {
  for (;;) {
    const ssize_t got = ::read(static_cast<int>(handle_), into, capacity);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) throw FileReadError(fmt::format("cannot be read ({})", std::strerror(errno)));
  }
}

}  // namespace os
}  // namespace rolefit
