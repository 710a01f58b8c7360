// Paired measurements for the benchmarks: a subject and its floor, the floor
// doing the same unavoidable work (same files, same disk, same kind of
// process). Rounds alternate between the two so that a change in the
// machine's speed during the run touches both; the fastest of each is kept,
// the least disturbed estimate of what the work costs.
#pragma once
#include <functional>
#include <string>

namespace rolefit::bench {

struct Paired {
  std::string what;        // "import-csv of 10,000 profiles"
  std::string floorWhat;   // one line: what the floor does
  double limit = 1.0;      // asserted: the subject may take at most limit x the floor
  std::function<void(int round)> subject;
  std::function<void(int round)> floor;
  // Untimed, before each round of its side (a fresh copy of a database).
  std::function<void(int round)> beforeSubject;
  std::function<void(int round)> beforeFloor;
};

struct PairedResult {
  double subject = 0;  // seconds, fastest round
  double floor = 0;
  double ratio = 0;
  bool withinLimit = false;
};

// Runs `rounds` alternating rounds and prints the figures, the limit and the
// floor's line. A round that times nothing (a measurement failed) is the
// caller's to report.
PairedResult measure(const Paired& paired, int rounds);

// Prints the line of a measure that is not a ratio of times (peak memory).
bool report(const std::string& what, double subject, double floor, double limit, const std::string& unit,
            const std::string& floorWhat);

double secondsOf(const std::function<void()>& body);

// `ok`, saying on stderr that `what` failed when it did not hold.
bool require(bool ok, const char* what);

}  // namespace rolefit::bench
