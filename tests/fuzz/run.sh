#!/usr/bin/env bash
# A bounded fuzz run: each libFuzzer target for SECONDS (default 30) from the
# seeds in tests/ (the example session, the hostile files, the fixtures and
# tests/fuzz/corpus, CSV seeds for both CSV readers included). Needs the "fuzz" preset built. A finding is saved in
# build/fuzz/findings/; copy it into tests/hostile/ and it becomes a
# regression test of the suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
bin=build/fuzz/tests/fuzz
findings=build/fuzz/findings
mkdir -p "$findings"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/text" "$work/binary" "$work/import" "$work/csv"
cp assets/samples/example-session.json tests/hostile/*.json tests/fixtures/sessions/*.json "$work/text/"
cp tests/fuzz/corpus/binary/* "$work/binary/"
cp assets/samples/example-session.json tests/fixtures/sessions/* tests/hostile/*.bin "$work/import/"
cp tests/fuzz/corpus/csv/* "$work/csv/"

fuzz() {
  local target=$1 seeds=$2
  echo "== $target: ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=suppressions=tests/fuzz/ubsan.supp:halt_on_error=1:print_stacktrace=1 \
    "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$findings/$target-" "$work/$seeds" 2>&1 |
    grep -E '^(#[0-9]+ +DONE|==[0-9]+==|SUMMARY|stat::number_of_executed_units|artifact_prefix|Test unit written)' || true
  return "${PIPESTATUS[0]}"
}

# A libFuzzer process keeps one core busy: the targets run as many at a time
# as there are cores, each printing when it ends, in the order started.
targets=(fuzz_session_json:text fuzz_session_binary:binary fuzz_import:import fuzz_csv:csv)
at_once=$(nproc 2>/dev/null || echo 1)
status=0
for ((first = 0; first < ${#targets[@]}; first += at_once)); do
  pids=()
  for ((i = first; i < first + at_once && i < ${#targets[@]}; i++)); do
    fuzz "${targets[$i]%%:*}" "${targets[$i]#*:}" > "$work/out-$i" &
    pids+=("$!:$i")
  done
  for entry in "${pids[@]}"; do
    wait "${entry%%:*}" || status=1
    cat "$work/out-${entry#*:}"
  done
done
if [[ $status -ne 0 ]]; then
  echo "fuzzing found a problem: see $findings" >&2
fi
exit $status
