#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rolefit {

// A path from UTF-8 text (a command-line argument, a dropped file, a file
// dialog's answer). Constructing a path from a std::string directly reads it
// in Windows' ANSI code page, where "Zürich Ölbank.db" is mangled or refused.
// (The other way, GCC's path::string() gives UTF-8 on every system.)
std::filesystem::path pathFromUtf8(std::string_view text);

// The folder holding `file`: its parent, or "." for a bare name (whose
// parent_path() is empty, which no directory call accepts).
std::filesystem::path folderOf(const std::filesystem::path& file);

// A hidden name in the target's folder (a rename across file systems is a
// copy) that no other writer picks: ".NAME.PURPOSE-" and eight random hex
// digits, so that a file a crash leaves behind says what it was.
std::filesystem::path temporaryNameBeside(const std::filesystem::path& target, std::string_view purpose);
// Whether `name` (a file name, no folder) is one temporaryNameBeside makes.
bool isTemporaryNameOf(std::string_view name, const std::filesystem::path& target, std::string_view purpose);

// Writes to a temporary file in the target's folder, flushes it to disk,
// renames it over the target and flushes the folder: a crash leaves the old
// file or the new one, never a part. Throws std::runtime_error naming the
// file; on failure an earlier file at the target is left as it was.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content);

// Gives the file `from` the name `to` only if no file has that name: a file
// another process creates there meanwhile is never replaced, and nobody sees
// `to` before `from` is complete. Flushes the folder. False when `to` exists
// or the system cannot name a file without replacing (a folder without hard
// links); `from` is then left as it was.
bool renameIfFree(const std::filesystem::path& from, const std::filesystem::path& to);

// Whether the system lets this process write `file` (its mode and owner on
// POSIX, its read-only attribute on Windows): false for a missing file.
bool mayWriteFile(const std::filesystem::path& file);

// Thrown by readWholeFile and readFileInBlocks. what() is a phrase to follow the file's name:
// "no such file", "is not a regular file", "is 200000000 bytes; CSV files of at
// most 64 MiB are read", "cannot be read (Permission denied)", ...
class FileReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FileBytes {
  std::unique_ptr<char[]> data;  // not a std::string, which zeroes every byte before they are read over
  std::size_t size = 0;
  std::string_view view() const { return {data.get(), size}; }
};

// A regular file of at most maxBytes, read whole with its size taken from the
// open file (no stream buffers, no growing copies). `kind` names such files
// in the too-large message ("CSV files", "session files").
FileBytes readWholeFile(const std::filesystem::path& file, std::size_t maxBytes, std::string_view kind);

// The same file handed over in blocks of 64 KiB as they are read, for a
// reader that works as the bytes come (memory one block deep). Throws
// FileReadError as readWholeFile does, "changed while being read" possibly
// after some blocks were taken. Returns the file's size.
std::size_t readFileInBlocks(const std::filesystem::path& file, std::size_t maxBytes, std::string_view kind,
                             const std::function<void(std::string_view block, std::size_t fileSize)>& take);

}  // namespace rolefit
