#!/usr/bin/env bash
# The standard load test: starts a release `layer1 serve` on a fresh SQLite file, records how
# long `/health` and `/ready` take to answer after the start, drives the compatibility `/match`
# route (15 requirements x 12 skills) with one client and with eight, then prints the server's
# resident memory (current and peak).
#
# Usage: scripts/load-test.sh [REQUESTS]
#   REQUESTS  measured requests per client setting (default 4000)
# Run ./scripts/setup.sh first. OLD_WORKER_URL, when set, points at a running old worker whose
# /match is measured with the same client in the same run.
set -euo pipefail

requests=${1:-4000}
cd "$(dirname "$0")/.."
cargo build --release --locked -q
binary=${CARGO_TARGET_DIR:-target}/release/layer1

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
compat_port=$((port + 1))
cleanup() {
    [[ -n ${server:-} ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

millis() { date +%s%3N; }

wait_for() {
    local url=$1 started=$2
    for _ in $(seq 1 600); do
        if curl -fsS -o /dev/null "$url" 2>/dev/null; then
            echo $(($(millis) - started))
            return
        fi
        sleep 0.01
    done
    echo "timeout waiting for $url" >&2
    exit 1
}

started=$(millis)
DATA_DIR="$work/data" RATE_LIMIT_PER_MINUTE=0 RATE_LIMIT_PER_IP_PER_MINUTE=0 \
    "$binary" serve --port "$port" --compat-port "$compat_port" --auth-disabled true \
    >"$work/server.log" 2>&1 &
server=$!
health_ms=$(wait_for "http://127.0.0.1:$port/health" "$started")
ready_ms=$(wait_for "http://127.0.0.1:$port/ready" "$started")
echo "health answered ${health_ms} ms after start, ready ${ready_ms} ms after start"

for clients in 1 8; do
    echo "== layer1 /match, $clients client(s)"
    "$binary" load --url "http://127.0.0.1:$compat_port" --concurrency "$clients" \
        --requests "$requests"
done

if [[ -n ${OLD_WORKER_URL:-} ]]; then
    for clients in 1 8; do
        echo "== old worker /match, $clients client(s)"
        "$binary" load --url "$OLD_WORKER_URL" --concurrency "$clients" --requests "$requests"
    done
fi

echo "== memory of layer1 serve (pid $server)"
grep -E '^(VmRSS|VmHWM)' "/proc/$server/status"
