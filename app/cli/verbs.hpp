#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace rolefit::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

int listProfiles(const std::filesystem::path& db, bool json);
int evaluateProfiles(const std::filesystem::path& db, const std::vector<std::string>& keys, bool json);
int reportProfile(const std::filesystem::path& db, const std::string& key, const std::string& format,
                  const std::string& output);
int importCsv(const std::filesystem::path& db, const std::filesystem::path& file);

}  // namespace rolefit::app
