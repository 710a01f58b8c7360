// Running programs from the tests on Windows (under wine here): CreateProcessW
// with the arguments quoted as Windows' command-line parser reads them back,
// output through pipes read on two threads so neither can fill and stall.
#include <windows.h>
#include <psapi.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "support/process.hpp"

namespace rolefit::test {
namespace {

// An exit status that terminate() gives and wait() reads as SIGKILL.
constexpr UINT kTerminatedStatus = 0xDEAD;

std::wstring wide(const std::string& text) {
  if (text.empty()) return {};
  const int units = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(units), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), units);
  return out;
}

// One argument as CommandLineToArgvW splits it back: quotes around spaces,
// backslashes doubled only where they come before a quote.
std::wstring quoted(const std::wstring& arg) {
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) return arg;
  std::wstring out = L"\"";
  std::size_t backslashes = 0;
  for (const wchar_t c : arg) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, L'\\');
  return out + L"\"";
}

// The environment block: this process's, with `extra` set over it.
std::wstring environmentWith(const std::map<std::string, std::string>& extra) {
  std::map<std::wstring, std::wstring> vars;
  if (wchar_t* block = GetEnvironmentStringsW()) {
    for (const wchar_t* entry = block; *entry; entry += wcslen(entry) + 1) {
      const std::wstring line(entry);
      const auto equals = line.find(L'=', 1);  // "=C:=C:\..." entries start with '='
      if (equals != std::wstring::npos) vars[line.substr(0, equals)] = line.substr(equals + 1);
    }
    FreeEnvironmentStringsW(block);
  }
  for (const auto& [key, value] : extra) vars[wide(key)] = wide(value);
  std::wstring out;
  for (const auto& [key, value] : vars) out += key + L"=" + value + L'\0';
  return out + L'\0';
}

std::string withoutCarriageReturns(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

std::mutex gProcessesMutex;
std::map<pid_t, HANDLE> gProcesses;  // started and not yet waited for

HANDLE inheritable(HANDLE handle) {
  SetHandleInformation(handle, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
  return handle;
}

HANDLE nullDevice() {
  SECURITY_ATTRIBUTES attributes{sizeof attributes, nullptr, TRUE};
  return CreateFileW(L"NUL", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &attributes,
                     OPEN_EXISTING, 0, nullptr);
}

pid_t spawn(const std::vector<std::string>& argv, const ProcessOptions& options, HANDLE out, HANDLE err) {
  std::wstring commandLine;
  for (const auto& arg : argv) commandLine += (commandLine.empty() ? L"" : L" ") + quoted(wide(arg));
  std::wstring environment = environmentWith(options.env);
  const HANDLE devNull = nullDevice();
  HANDLE file = INVALID_HANDLE_VALUE;
  if (!options.stdoutFile.empty()) {
    SECURITY_ATTRIBUTES attributes{sizeof attributes, nullptr, TRUE};
    file = CreateFileW(wide(options.stdoutFile).c_str(), GENERIC_WRITE, FILE_SHARE_READ, &attributes, CREATE_ALWAYS,
                       FILE_ATTRIBUTE_NORMAL, nullptr);
    out = file;
  }
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = devNull;
  startup.hStdOutput = out ? out : devNull;
  startup.hStdError = err ? err : devNull;
  PROCESS_INFORMATION process{};
  // DETACHED_PROCESS: no console of its own. With one, wine starts a
  // conhost.exe beside it that outlives a terminated child and holds CTest's
  // output pipe open (the test "times out" after passing).
  const BOOL started = CreateProcessW(nullptr, commandLine.data(), nullptr, nullptr, TRUE,
                                      CREATE_UNICODE_ENVIRONMENT | DETACHED_PROCESS, environment.data(), nullptr,
                                      &startup, &process);
  CloseHandle(devNull);
  if (file != INVALID_HANDLE_VALUE) CloseHandle(file);
  if (!started) throw std::runtime_error("CreateProcessW failed for " + argv.front());
  CloseHandle(process.hThread);
  const auto pid = static_cast<pid_t>(process.dwProcessId);
  std::lock_guard lock(gProcessesMutex);
  gProcesses[pid] = process.hProcess;
  return pid;
}

std::string readAll(HANDLE pipe) {
  std::string text;
  char buffer[65536];
  DWORD n = 0;
  while (ReadFile(pipe, buffer, sizeof buffer, &n, nullptr) && n > 0) text.append(buffer, n);
  CloseHandle(pipe);
  return text;
}

HANDLE takeProcess(pid_t pid) {
  std::lock_guard lock(gProcessesMutex);
  const auto found = gProcesses.find(pid);
  if (found == gProcesses.end()) throw std::runtime_error("no such started process");
  const HANDLE handle = found->second;
  gProcesses.erase(found);
  return handle;
}

}  // namespace

ProcessResult run(const std::vector<std::string>& argv, const ProcessOptions& options) {
  HANDLE outRead, outWrite, errRead, errWrite;
  if (!CreatePipe(&outRead, &outWrite, nullptr, 0) || !CreatePipe(&errRead, &errWrite, nullptr, 0))
    throw std::runtime_error("CreatePipe failed");
  pid_t pid = 0;
  try {
    pid = spawn(argv, options, inheritable(outWrite), inheritable(errWrite));
  } catch (...) {
    for (HANDLE h : {outRead, outWrite, errRead, errWrite}) CloseHandle(h);
    throw;
  }
  CloseHandle(outWrite);  // the child holds its own copies: the reads end when it does
  CloseHandle(errWrite);
  std::string err;
  std::thread errReader([&] { err = readAll(errRead); });
  std::string out = readAll(outRead);
  errReader.join();
  ProcessResult result = wait(pid);
  // A Windows program's output lines end in CR LF (the C runtime's text
  // mode), as Windows users expect; the tests compare the text.
  result.out = withoutCarriageReturns(out);
  result.err = withoutCarriageReturns(err);
  return result;
}

pid_t start(const std::vector<std::string>& argv, const ProcessOptions& options) {
  return spawn(argv, options, nullptr, nullptr);
}

ProcessResult wait(pid_t pid) {
  const HANDLE process = takeProcess(pid);
  WaitForSingleObject(process, INFINITE);
  DWORD status = 0;
  GetExitCodeProcess(process, &status);
  PROCESS_MEMORY_COUNTERS memory{};
  ProcessResult result;
  if (K32GetProcessMemoryInfo(process, &memory, sizeof memory)) result.peakKib = static_cast<long>(memory.PeakWorkingSetSize / 1024);
  CloseHandle(process);
  if (status == kTerminatedStatus) result.signal = 9;  // SIGKILL, which Windows headers lack
  else result.exitCode = static_cast<int>(status);
  return result;
}

void terminate(pid_t pid) {
  std::lock_guard lock(gProcessesMutex);
  const auto found = gProcesses.find(pid);
  if (found != gProcesses.end()) TerminateProcess(found->second, kTerminatedStatus);
}

}  // namespace rolefit::test
