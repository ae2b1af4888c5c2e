#!/usr/bin/env bash
# Load test of `POST /v1/code` on loopback: a 1 kB article
# (examples/article.txt), posted by wrk over CONNECTIONS
# connections for SECONDS seconds (bounded in time), against a release
# `dyad serve` started here and stopped at the end.
#
#   cargo build --release -p dyad-cli
#   tools/serve_load.sh [CONNECTIONS] [SECONDS]     # defaults: 8 20
#
# Needs wrk (apt-get install wrk). Prints wrk's report: requests/s and the
# latency distribution (p50/p75/p90/p99).
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-8}
seconds=${2:-20}
bin=target/release/dyad
[ -x "$bin" ] || { echo "build first: cargo build --release -p dyad-cli" >&2; exit 2; }
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill "$server" 2> /dev/null; wait "$server" 2> /dev/null; rm -rf "$work"' EXIT

# The article: examples/article.txt (1,006 bytes), its first line the
# headline as `dyad code` reads a .txt file.
python3 - "$work/body.json" <<'PY'
import json, sys
title, _, text = open("examples/article.txt", encoding="utf-8").read().partition("\n")
json.dump({"title": title, "text": text.lstrip("\n"), "date": "2022-07-20"}, open(sys.argv[1], "w"))
print(f"article: {len(title.encode()) + len(text.encode())} bytes", file=sys.stderr)
PY

"$bin" serve --addr 127.0.0.1:0 2> "$work/server.log" &
server=$!
for _ in $(seq 100); do
  grep -q "serving http" "$work/server.log" 2> /dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^dyad: serving \(http[^ ]*\)\/ .*/\1/p' "$work/server.log")
[ -n "$url" ] || { cat "$work/server.log" >&2; exit 1; }

events=$(curl -s -X POST -H 'Content-Type: application/json' --data @"$work/body.json" "$url/v1/code" \
  | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["events"]))')
echo "one request codes $events events; $connections connections for $seconds s against $url/v1/code"
threads=$(( connections < 2 ? connections : 2 ))
DYAD_LOAD_BODY="$work/body.json" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s tools/serve_load.lua "$url/v1/code"
