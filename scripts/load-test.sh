#!/usr/bin/env bash
# The standard load test: starts a release `layer1 serve` on a fresh SQLite file, records how
# long `/health` and `/ready` take to respond after the start, drives the compatibility `/match`
# route (15 requirements x 12 skills) with one client and with eight, runs the product flow
# (uploads, matches, rankings), then prints the server's resident memory (current and peak).
# It also prints the resident memory once the model is ready and after the /match runs.
#
# Usage: scripts/load-test.sh [REQUESTS] [DOCUMENTS]
#   REQUESTS   measured /match requests per client setting (default 4000)
#   DOCUMENTS  resumes and jobs of the product flow, matched pairwise (default 10, so 100
#              matches) before memory is read
# Run ./scripts/setup.sh first. OLD_WORKER_URL, when set, points at a running old worker whose
# /match is measured with the same client in the same run.
set -euo pipefail

requests=${1:-4000}
product_docs=${2:-10}
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
rss() { awk '/^VmRSS/ {print $2, $3}' "/proc/$server/status"; }
echo "resident memory when ready: $(rss)"

for clients in 1 8; do
    echo "== layer1 /match, $clients client(s)"
    "$binary" load --url "http://127.0.0.1:$compat_port" --concurrency "$clients" \
        --requests "$requests"
done

echo "resident memory after /match: $(rss)"

# Product flow, so the model and the workers also run before memory is read: resumes and jobs
# uploaded, matched pairwise through the queue, then ranked.
api="http://127.0.0.1:$port/api/v1"
json_id() { python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }
pro=(-H 'x-pro-member: 1')
echo "== product flow: $product_docs resumes x $product_docs jobs, matched and ranked"
started=$(millis)
resumes=() jobs=()
for i in $(seq 1 "$product_docs"); do
    resumes+=("$(curl -fsS "${pro[@]}" -F "file=@examples/resume.pdf" "$api/resumes" | json_id)")
    jobs+=("$(python3 -c 'import json, sys; print(json.dumps({"title": "Job " + sys.argv[1],
        "text": open("examples/job.txt").read()}))' "$i" \
        | curl -fsS "${pro[@]}" -H 'content-type: application/json' -d @- "$api/jobs" | json_id)")
done
wait_status() {
    local url=$1 want=$2
    for _ in $(seq 1 3000); do
        if curl -fsS "${pro[@]}" "$url" | grep -q "\"status\":\"$want\""; then
            return
        fi
        sleep 0.1
    done
    echo "timeout waiting for $url to reach $want" >&2
    exit 1
}
for id in "${resumes[@]}"; do wait_status "$api/resumes/$id" ready; done
for id in "${jobs[@]}"; do wait_status "$api/jobs/$id" ready; done
matches=()
for resume in "${resumes[@]}"; do
    for job in "${jobs[@]}"; do
        matches+=("$(curl -fsS "${pro[@]}" -H 'content-type: application/json' \
            -d "{\"resumeId\":\"$resume\",\"jobId\":\"$job\"}" "$api/matches" | json_id)")
    done
done
for id in "${matches[@]}"; do wait_status "$api/matches/$id" completed; done
for job in "${jobs[@]}"; do
    curl -fsS "${pro[@]}" -o /dev/null "$api/jobs/$job/ranked-resumes?k=10"
done
echo "${#matches[@]} matches completed and ${#jobs[@]} rankings answered in $(($(millis) - started)) ms"

if [[ -n ${OLD_WORKER_URL:-} ]]; then
    for clients in 1 8; do
        echo "== old worker /match, $clients client(s)"
        "$binary" load --url "$OLD_WORKER_URL" --concurrency "$clients" --requests "$requests"
    done
fi

echo "== memory of layer1 serve (pid $server)"
grep -E '^(VmRSS|VmHWM)' "/proc/$server/status"
