#!/usr/bin/env bash
# HTTP benchmark: /codes/D9992/ under gunicorn (production-like settings, SQLite), loaded by wrk
# for 10 s with 32 connections. Baseline from the same run and server: a static file served by
# whitenoise (the cheapest response the stack can give). Also: a conditional GET answered 304,
# and the server's memory (RSS of master + workers) after the load.
#   bash bench/http.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
CONNS=${2:-32}
PORT=${BENCH_PORT:-8799}
WORKERS=${WORKERS:-2}
THREADS=${THREADS:-4}
BIN=.venv/bin
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

tmp=$(mktemp -d)
export CDTHUB_VAR_DIR=$tmp DJANGO_SETTINGS_MODULE=cdthub.web.settings.bench
$BIN/cdthub manage migrate -v0
$BIN/cdthub manage collectstatic --noinput -v0
$BIN/cdthub manage load_dataset >/dev/null
$BIN/python -m gunicorn cdthub.web.wsgi:application --bind 127.0.0.1:$PORT \
  --workers $WORKERS --threads $THREADS --log-level warning --pid "$tmp/gunicorn.pid" &
trap 'kill $(cat "$tmp/gunicorn.pid") 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/codes/D9992/" && break; sleep 0.2; done

css=$(curl -s "http://127.0.0.1:$PORT/codes/D9992/" | grep -o '/static/cdthub/site[^"]*\.css' | head -1)
etag=$(curl -sI "http://127.0.0.1:$PORT/codes/D9992/" | awk -F': ' 'tolower($1)=="etag"{print $2}' | tr -d '\r')

run() {  # label url [header]
  local out
  local extra=()
  [ -n "${3:-}" ] && extra=(-H "$3")
  out=$(wrk --latency -t2 -c"$CONNS" -d"$DURATION" "${extra[@]}" "$2")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s\n' "$1" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" \
    "$(wrk_lat 50 <<<"$out")" "$(wrk_lat 99 <<<"$out")"
}
wrk_lat() { awk -v p="$1%" '$1==p{print $2}'; }

wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$PORT/codes/D9992/" >/dev/null  # warm every worker
echo "gunicorn $WORKERS worker(s) x $THREADS threads, $DURATION, $CONNS connections, $(nproc) cores"
run "ours: GET /codes/D9992/ (200, full page)" "http://127.0.0.1:$PORT/codes/D9992/"
run "ours: GET /codes/D9992/ If-None-Match (304)" "http://127.0.0.1:$PORT/codes/D9992/" "If-None-Match: $etag"
run "baseline: static CSS via whitenoise" "http://127.0.0.1:$PORT$css"
master=$(cat "$tmp/gunicorn.pid")
rss_of() { awk '/VmRSS/{print int($2 / 1024)}' "/proc/$1/status"; }
pss_of() { awk '/^Pss:/{print $2}' "/proc/$1/smaps_rollup"; }
per=""; total=$(rss_of "$master"); pss=$(pss_of "$master")
for pid in $(pgrep -P "$master"); do
  per="$per $(rss_of "$pid")"; total=$((total + $(rss_of "$pid"))); pss=$((pss + $(pss_of "$pid")))
done
echo "server memory after the runs: master $(rss_of "$master") MB RSS, workers$per MB RSS each;" \
  "all processes: $total MB RSS summed (shared pages counted in each), $((pss / 1024)) MB PSS"
