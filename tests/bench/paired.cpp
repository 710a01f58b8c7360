#include "paired.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>
#include <vector>

namespace rolefit::bench {

bool require(bool ok, const char* what) {
  if (!ok) std::fprintf(stderr, "bench: %s failed\n", what);
  return ok;
}

double secondsOf(const std::function<void()>& body) {
  const auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double medianOfRatios(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> ratios;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) ratios.push_back(a[i] / b[i]);
  return median(std::move(ratios));
}

PairedResult measure(const Paired& paired, int rounds) {
  std::vector<double> subjectTimes, floorTimes, roundRatios;
  const auto floorRound = [&](int round) {
    if (paired.beforeFloor) paired.beforeFloor(round);
    floorTimes.push_back(secondsOf([&] { paired.floor(round); }));
  };
  const auto subjectRound = [&](int round) {
    if (paired.beforeSubject) paired.beforeSubject(round);
    subjectTimes.push_back(secondsOf([&] { paired.subject(round); }));
  };
  for (int round = 0; round < rounds; ++round) {
    // Which side goes first alternates too: the second of a pair meets the
    // caches the first one warmed.
    if (round % 2 == 0) {
      floorRound(round);
      subjectRound(round);
    } else {
      subjectRound(round);
      floorRound(round);
    }
    roundRatios.push_back(subjectTimes.back() / floorTimes.back());
  }
  PairedResult r;
  r.subject = median(subjectTimes);
  r.floor = median(floorTimes);
  r.ratio = median(roundRatios);
  r.withinLimit = r.ratio <= paired.limit;
  const auto [lowest, highest] = std::minmax_element(roundRatios.begin(), roundRatios.end());
  std::printf(
      "%s: %.3f s; floor %.3f s; ratio %.2f (limit %.2f)%s\n"
      "  the median of %d rounds' ratios (%.2f-%.2f); times are each side's median, fastest %.3f s and %.3f s\n"
      "  floor: %s\n",
      paired.what.c_str(), r.subject, r.floor, r.ratio, paired.limit, r.withinLimit ? "" : "  OVER THE LIMIT", rounds,
      *lowest, *highest, *std::min_element(subjectTimes.begin(), subjectTimes.end()),
      *std::min_element(floorTimes.begin(), floorTimes.end()), paired.floorWhat.c_str());
  std::fflush(stdout);
  return r;
}

bool report(const std::string& what, double subject, double floor, double limit, const std::string& unit,
            const std::string& floorWhat) {
  const double ratio = subject / floor;
  const bool ok = ratio <= limit;
  std::printf("%s: %.1f %s; floor %.1f %s; ratio %.2f (limit %.2f)%s\n  floor: %s\n", what.c_str(), subject,
              unit.c_str(), floor, unit.c_str(), ratio, limit, ok ? "" : "  OVER THE LIMIT", floorWhat.c_str());
  std::fflush(stdout);
  return ok;
}

}  // namespace rolefit::bench
