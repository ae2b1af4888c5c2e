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
# (every article skipped: the cost of resuming). Prints the median wall and
# CPU (user + sys) times (GNU time) and ingest speed as a share of code
# speed, by wall time and by CPU time (the CPU ratio is steadier on a shared
# machine: storing costs CPU that coding could have used). Target (issue
# 6): ingest at >= 80% of code speed. On a machine shared with other work
# the fastest of the runs (also printed) is the least disturbed figure. Needs a release build: cargo build
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
wall() { # "wall cpu" seconds of a command, from GNU time
  /usr/bin/time -f 'wall %e %U %S' "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '/^wall/ {printf "%s %.2f\n", $2, $3 + $4}' "$work/err"
}
median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
minimum() { sort -n | head -1; }
code_w=(); code_c=(); ingest_w=(); ingest_c=(); resume_w=()
for _ in $(seq "$runs"); do
  rm -f "$work"/db.sqlite*
  read -r w c <<<"$(wall "$bin" code $extra "${inputs[@]}")"; code_w+=("$w"); code_c+=("$c")
  read -r w c <<<"$(wall "$bin" ingest $extra "${inputs[@]}" --db "$work/db.sqlite")"; ingest_w+=("$w"); ingest_c+=("$c")
  summary=$(grep '^dyad: .* documents read' "$work/err" || true)
  read -r w c <<<"$(wall "$bin" ingest $extra "${inputs[@]}" --db "$work/db.sqlite")"; resume_w+=("$w")
  echo "run: code ${code_w[-1]} s (cpu ${code_c[-1]} s), ingest ${ingest_w[-1]} s (cpu ${ingest_c[-1]} s), resume ${resume_w[-1]} s" >&2
done
cw=$(printf '%s\n' "${code_w[@]}" | median); cc=$(printf '%s\n' "${code_c[@]}" | median)
iw=$(printf '%s\n' "${ingest_w[@]}" | median); ic=$(printf '%s\n' "${ingest_c[@]}" | median)
rw=$(printf '%s\n' "${resume_w[@]}" | median)
pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", 100*a/b}'; }
cwm=$(printf '%s\n' "${code_w[@]}" | minimum); iwm=$(printf '%s\n' "${ingest_w[@]}" | minimum)
echo "last ingest: $summary"
echo "database: $(du -h "$work/db.sqlite" | cut -f1)"
echo "median wall: code $cw s, ingest $iw s ($(pct "$cw" "$iw")% of code speed), resume (all stored) $rw s"
echo "fastest wall: code $cwm s, ingest $iwm s ($(pct "$cwm" "$iwm")% of code speed)"
echo "median cpu: code $cc s, ingest $ic s ($(pct "$cc" "$ic")% of code speed); threads: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
