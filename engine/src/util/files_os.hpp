// The system's half of util/files: opening and reading a regular file, and
// writing one atomically (files_posix.cpp, files_windows.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace rolefit::os {

// A regular file open for reading, closed when destroyed.
class ReadableFile {
 public:
  // Throws FileReadError: "no such file", "is not a regular file",
  // "cannot be read (...)".
  explicit ReadableFile(const std::filesystem::path& file);
  ~ReadableFile();
  ReadableFile(const ReadableFile&) = delete;
  ReadableFile& operator=(const ReadableFile&) = delete;

  std::uintmax_t size() const { return size_; }  // at opening
  // Up to `capacity` bytes; 0 at the end of the file. Throws FileReadError.
  std::size_t readSome(char* into, std::size_t capacity);

 private:
  std::intptr_t handle_ = -1;
  std::uintmax_t size_ = 0;
};

}  // namespace rolefit::os
