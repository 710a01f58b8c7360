// The Windows half of util/files (files_os.hpp): wide paths, and a replace
// that is atomic on NTFS (MoveFileExW with MOVEFILE_REPLACE_EXISTING), the
// new file flushed to disk before it takes the target's place.
#include <windows.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "files_os.hpp"
#include "rolefit/util/files.hpp"

namespace rolefit {
namespace {

std::string systemMessage(DWORD error) { return std::system_category().message(static_cast<int>(error)); }

[[noreturn]] void fail(const std::filesystem::path& target, const char* what, DWORD error) {
  throw std::runtime_error(fmt::format("{}: cannot write ({}: {})", target.string(), what, systemMessage(error)));
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& target, std::string_view content) {
  const auto temp = temporaryNameBeside(target, "writing");
  HANDLE file = CreateFileW(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) fail(target, "creating a temporary file", GetLastError());
  auto abandon = [&](const char* what) {
    const DWORD error = GetLastError();
    CloseHandle(file);
    DeleteFileW(temp.c_str());
    fail(target, what, error);
  };
  for (std::size_t done = 0; done < content.size();) {
    const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(content.size() - done, 1u << 30));
    DWORD written = 0;
    if (!WriteFile(file, content.data() + done, chunk, &written, nullptr)) abandon("writing");
    done += written;
  }
  if (!FlushFileBuffers(file)) abandon("flushing");
  if (!CloseHandle(file)) {
    const DWORD error = GetLastError();
    DeleteFileW(temp.c_str());
    fail(target, "closing", error);
  }
  if (!MoveFileExW(temp.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    const DWORD error = GetLastError();
    DeleteFileW(temp.c_str());
    fail(target, "renaming into place", error);
  }
}

bool renameIfFree(const std::filesystem::path& from, const std::filesystem::path& to) {
  // Without MOVEFILE_REPLACE_EXISTING the move fails when `to` exists.
  return MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_WRITE_THROUGH) != 0;
}

bool mayWriteFile(const std::filesystem::path& file) {
  const DWORD attributes = GetFileAttributesW(file.c_str());
  return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_READONLY);
}

namespace os {

ReadableFile::ReadableFile(const std::filesystem::path& file) {
  // Others may go on reading, writing or renaming it: a changed file is
  // noticed by its size.
  HANDLE handle = CreateFileW(file.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                              nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (handle == INVALID_HANDLE_VALUE) {
    const DWORD error = GetLastError();
    if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) throw FileReadError("no such file");
    throw FileReadError(fmt::format("cannot be read ({})", systemMessage(error)));
  }
  handle_ = reinterpret_cast<std::intptr_t>(handle);
  BY_HANDLE_FILE_INFORMATION info{};
  if (!GetFileInformationByHandle(handle, &info))
    throw FileReadError(fmt::format("cannot be read ({})", systemMessage(GetLastError())));
  // FILE_FLAG_BACKUP_SEMANTICS opens folders too: they are not files to read.
  if ((info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || GetFileType(handle) != FILE_TYPE_DISK)
    throw FileReadError("is not a regular file");
  size_ = (static_cast<std::uintmax_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
}

ReadableFile::~ReadableFile() {
  if (handle_ != -1) CloseHandle(reinterpret_cast<HANDLE>(handle_));
}

std::size_t ReadableFile::readSome(char* into, std::size_t capacity) {
  DWORD got = 0;
  const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(capacity, 1u << 30));
  if (!ReadFile(reinterpret_cast<HANDLE>(handle_), into, chunk, &got, nullptr))
    throw FileReadError(fmt::format("cannot be read ({})", systemMessage(GetLastError())));
  return got;
}

}  // namespace os
}  // namespace rolefit
