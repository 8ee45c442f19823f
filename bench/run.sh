#!/usr/bin/env bash
# Speed figures for the README:
#   1. one draft, process start to exit (hyperfine), with the embedded pack;
#   2. check() throughput and pack loading (Google Benchmark, bench/check_bench.cpp);
#   3. audit over the real corpus (../shared/corpus/replies.jsonl, skipped when absent), one and two threads:
#      MB/s and peak memory.
# Run on an idle machine: scripts/build first, then bench/run.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$here/build}
tactful=$build/tactful
TACTFUL_DEV_TOOLS=1 "$here/scripts/install-deps"
if [[ ! -x $build/bench/tactful_bench ]]; then cmake "$build" >/dev/null && cmake --build "$build" >/dev/null; fi

echo "== one draft, process start to exit"
hyperfine -N --warmup 10 --runs 200 --export-markdown /tmp/tactful-startup.md \
  "$tactful check --fail-on never --context $here/examples/late-refund/customer.txt $here/examples/late-refund/draft.txt" \
  "$tactful --version" >/dev/null
cat /tmp/tactful-startup.md

echo
echo "== check() throughput and pack loading"
"$build/bench/tactful_bench" --benchmark_min_time=0.5

corpus=$here/../shared/corpus/replies.jsonl
echo
if [[ -f $corpus ]]; then
  for jobs in 1 2; do
    echo "== audit of $(wc -l <"$corpus") replies ($(du -m "$corpus" | cut -f1) MB), --jobs $jobs, JSON Lines out"
    /usr/bin/time -f "%e s, peak RSS %M KiB" "$tactful" audit --jobs "$jobs" --format jsonl "$corpus" >/dev/null 2>/tmp/tactful-audit.txt || true
    cat /tmp/tactful-audit.txt
    secs=$(tail -1 /tmp/tactful-audit.txt | cut -d' ' -f1)
    python3 -c "import os; print(f'{os.path.getsize(\"$corpus\") / 1e6 / $secs:.1f} MB/s')"
  done
else
  echo "== corpus audit skipped: $corpus is absent"
fi
