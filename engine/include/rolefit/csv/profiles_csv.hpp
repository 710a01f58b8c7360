// CSV with the contract's header (RFC 4180 quoting, UTF-8, any column order).
#pragma once
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/model/profile.hpp"

namespace rolefit {

inline constexpr std::size_t kMaxCsvBytes = 64u << 20;
inline constexpr std::size_t kMaxCsvRows = 200'000;

struct CsvProblem {
  std::size_t row = 0;  // 1 is the header; 0 is the file as a whole
  std::string field;    // empty when the problem is not one field's
  std::string message;
};

struct CsvReadResult {
  std::vector<Profile> profiles;     // empty when handed to a sink instead
  std::vector<CsvProblem> problems;  // every problem found; profiles is empty when any
  std::size_t rows = 0;              // profiles read (before any problem)
};

// Takes each profile as soon as its row is read and checked, while no row
// so far has had a problem. What it took counts only if the result has no
// problems: a later row can still fail the file. An exception it throws
// stops the reading and comes out of readProfilesCsv.
using ProfileSink = std::function<void(Profile& profile)>;

// Columns that must be present; the others default (see the README).
std::span<const std::string_view> requiredCsvColumns();

// Without a sink, the profiles are returned in the result.
CsvReadResult readProfilesCsv(std::string_view content, const ProfileSink& take = {});

// "file.csv: row 3, field employees: ..." on one line.
std::string describe(std::string_view fileName, const CsvProblem& problem);

// Header "id" then every contract field; one row per profile.
std::string writeProfilesCsv(std::span<const Profile> profiles);

}  // namespace rolefit
