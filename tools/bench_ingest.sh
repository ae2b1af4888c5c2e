#!/usr/bin/env bash
# Throughput of `dyad ingest` (coding + storing in SQLite) against `dyad
# code` (coding + writing JSON Lines to /dev/null) on the same input: the
# whole of ../shared/data/news_bench (muc4_docs.jsonl and
# guardian_sdf_sample.jsonl, 1,949 documents).
#
#   tools/bench_ingest.sh [RUNS]
#
# Each of RUNS rounds (default 5) runs `dyad code` once and `dyad ingest`
# once into a fresh database, then ingests again into the full database
# (every article skipped: the cost of resuming). Prints the median wall
# times (GNU time) and ingest speed as a share of code speed. Target (issue
# 6): ingest at >= 80% of code speed. Needs a release build: cargo build
# --release. DYAD_BENCH_ARGS adds options to both commands.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/news_bench
inputs=("$data/muc4_docs.jsonl" "$data/guardian_sdf_sample.jsonl")
for f in "${inputs[@]}"; do
  [ -f "$f" ] || { echo "bench: $f not found (needs ../shared/data)" >&2; exit 2; }
done
runs=${1:-5}
extra=${DYAD_BENCH_ARGS:-}
bin=./target/release/dyad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wall() { # wall seconds of a command, from GNU time
  /usr/bin/time -f 'wall %e' "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '/^wall/ {print $2}' "$work/err"
}
median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
code_t=(); ingest_t=(); resume_t=()
for _ in $(seq "$runs"); do
  rm -f "$work"/db.sqlite*
  code_t+=("$(wall "$bin" code $extra "${inputs[@]}")")
  ingest_t+=("$(wall "$bin" ingest $extra "${inputs[@]}" --db "$work/db.sqlite")")
  summary=$(grep '^dyad: .* documents read' "$work/err" || true)
  resume_t+=("$(wall "$bin" ingest $extra "${inputs[@]}" --db "$work/db.sqlite")")
  echo "run: code ${code_t[-1]} s, ingest ${ingest_t[-1]} s, resume ${resume_t[-1]} s" >&2
done
c=$(printf '%s\n' "${code_t[@]}" | median)
i=$(printf '%s\n' "${ingest_t[@]}" | median)
r=$(printf '%s\n' "${resume_t[@]}" | median)
echo "last ingest: $summary"
echo "database: $(du -h "$work/db.sqlite" | cut -f1)"
echo "median wall: code $c s, ingest $i s, resume (all stored) $r s; ingest speed = $(awk -v c="$c" -v i="$i" 'BEGIN {printf "%.0f", 100*c/i}')% of code; threads: $(nproc)"
