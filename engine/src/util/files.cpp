#include "rolefit/util/files.hpp"

#include <fmt/format.h>

#include "files_os.hpp"
#include "rolefit/util/ids.hpp"

namespace rolefit {
namespace {

// A regular file of at most maxBytes, open.
struct OpenedFile {
  os::ReadableFile file;
  std::size_t size = 0;
  OpenedFile(const std::filesystem::path& path, std::size_t maxBytes, std::string_view kind) : file(path) {
    if (file.size() > maxBytes)
      throw FileReadError(fmt::format("is {} bytes; {} of at most {} MiB are read", file.size(), kind, maxBytes >> 20));
    size = static_cast<std::size_t>(file.size());
  }
};

// Bytes about to be overwritten by a read: not zeroed first (a file of tens
// of MiB would otherwise be written twice). make_unique_for_overwrite, which
// libc++ 13 lacks.
std::unique_ptr<char[]> uninitialisedBytes(std::size_t count) { return std::unique_ptr<char[]>(new char[count]); }

constexpr std::size_t kTemporaryDigits = 8;

std::string temporaryStem(const std::filesystem::path& target, std::string_view purpose) {
  return fmt::format(".{}.{}-", target.filename().string(), purpose);
}

}  // namespace

std::filesystem::path pathFromUtf8(std::string_view text) {
  return std::filesystem::path(std::u8string(reinterpret_cast<const char8_t*>(text.data()), text.size()));
}

std::filesystem::path folderOf(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

std::filesystem::path temporaryNameBeside(const std::filesystem::path& target, std::string_view purpose) {
  return folderOf(target) / pathFromUtf8(temporaryStem(target, purpose) + newUuid().substr(0, kTemporaryDigits));
}

bool isTemporaryNameOf(std::string_view name, const std::filesystem::path& target, std::string_view purpose) {
  const std::string stem = temporaryStem(target, purpose);
  return name.size() == stem.size() + kTemporaryDigits && name.starts_with(stem) &&
         name.find_first_not_of("0123456789abcdef", stem.size()) == std::string_view::npos;
}

FileBytes readWholeFile(const std::filesystem::path& file, std::size_t maxBytes, std::string_view kind) {
  OpenedFile opened(file, maxBytes, kind);
  FileBytes bytes{uninitialisedBytes(opened.size + 1), opened.size};
  // One byte more than the size asks whether the file grew meanwhile.
  std::size_t done = 0;
  while (done <= bytes.size) {
    const std::size_t got = opened.file.readSome(bytes.data.get() + done, bytes.size + 1 - done);
    if (got == 0) break;
    done += got;
  }
  if (done != bytes.size) throw FileReadError("changed while being read");
  return bytes;
}

std::size_t readFileInBlocks(const std::filesystem::path& file, std::size_t maxBytes, std::string_view kind,
                             const std::function<void(std::string_view block, std::size_t fileSize)>& take) {
  OpenedFile opened(file, maxBytes, kind);
  constexpr std::size_t kBlock = 64 * 1024;
  const auto block = uninitialisedBytes(kBlock);
  std::size_t done = 0;
  for (;;) {
    const std::size_t got = opened.file.readSome(block.get(), kBlock);
    if (got == 0) break;
    done += got;
    if (done > opened.size) throw FileReadError("changed while being read");
    take({block.get(), got}, opened.size);
  }
  if (done != opened.size) throw FileReadError("changed while being read");
  return done;
}

}  // namespace rolefit
