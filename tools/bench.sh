#!/usr/bin/env bash
# Throughput and memory benchmark of `dyad code`, end to end (reading,
# coding, writing JSON Lines), on the Guardian sample of ../shared/data.
#
#   tools/bench.sh [REPEAT] [RUNS]
#
# The sample (249 articles) is repeated REPEAT times (default 8) on stdin so
# that start-up (dictionary compilation, ~0.1 s) does not dominate, and the
# whole run is done RUNS times (default 5). Prints the median documents/s and
# sentences/s and the largest peak RSS (from GNU time). Needs a release
# build: cargo build --release. DYAD_BENCH_ARGS adds options to `dyad code`
# (DYAD_BENCH_ARGS=--no-geocode measures coding without place finding).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/news_bench/guardian_sdf_sample.jsonl
[ -f "$data" ] || { echo "bench: $data not found (needs ../shared/data)" >&2; exit 2; }
repeat=${1:-8}
runs=${2:-5}
extra=${DYAD_BENCH_ARGS:-}   # e.g. DYAD_BENCH_ARGS=--no-geocode
bin=./target/release/dyad
input=$(mktemp)
trap 'rm -f "$input" "$input.err"' EXIT
for _ in $(seq "$repeat"); do cat "$data"; done > "$input"
results=()
maxrss=0
for _ in $(seq "$runs"); do
  /usr/bin/time -f 'maxrss_kb %M' "$bin" code $extra - < "$input" > /dev/null 2> "$input.err"
  summary=$(grep '^dyad: .* documents' "$input.err")
  rss=$(awk '/^maxrss_kb/ {print $2}' "$input.err")
  docs=$(sed -E 's/^dyad: ([0-9]+) documents.*/\1/' <<<"$summary")
  sents=$(sed -E 's/.* ([0-9]+) sentences.*/\1/' <<<"$summary")
  events=$(sed -E 's/.* ([0-9]+) events.*/\1/' <<<"$summary")
  secs=$(sed -E 's/.* ([0-9.]+) s$/\1/' <<<"$summary")
  results+=("$(awk -v d="$docs" -v s="$sents" -v t="$secs" 'BEGIN {printf "%.1f %.1f %s", s/t, d/t, t}')")
  (( rss > maxrss )) && maxrss=$rss
  echo "run: $summary, peak RSS $((rss / 1024)) MB" >&2
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
read -r sps dps secs <<<"$median"
echo "input: $repeat x guardian_sdf_sample.jsonl = $docs documents, $sents sentences, $events events"
echo "median: $sps sentences/s, $dps documents/s ($secs s); peak RSS $((maxrss / 1024)) MB; threads: $(nproc)"
