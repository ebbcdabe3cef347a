#!/usr/bin/env bash
# Measures sustained end-to-end match throughput (HTTP submit to `completed`) of a split
# deployment with one and then two worker processes, in one run on this machine.
#
# It builds the release binary and starts, all on 127.0.0.1: its own redis-server on a free port
# (queue and event relay), a fresh PostgreSQL database on 127.0.0.1:5432 (dropped at the end),
# one API process (`layer1 serve --no-workers`) and worker processes (`layer1 worker`). Uploads
# go to a local blob directory that every process shares, because the S3 test server runs only
# inside the integration tests. The script then uploads RESUMES resumes (examples/resume.pdf and
# examples/resume.docx in turn) and as many jobs (examples/job.txt, each with one extra skill),
# and waits until all are parsed. It runs a round of MATCHES matches with one worker, starts a
# second worker for a second round, then stops it (SIGTERM) for a third round with one worker,
# which shows how much the machine's speed drifted. Each round first matches every resume and
# every job once without timing, so the embedding caches are warm. It then times from the first
# request of the round to the last match that ends (`completed` or `failed`). Each round prints
# that rate and the time until the first match ended. It also prints the rate from the first to
# the last end (from the `updated_at` column) and the CPU time the layer1 processes used.
#
# Usage: scripts/scale-load.sh [RESUMES] [MATCHES]
#   RESUMES  resumes and jobs created before the rounds (default 20)
#   MATCHES  timed matches per round, spread over the resume x job pairs (default 600)
# Environment: SUBMITTERS (default 8) match requests in flight, PG_ADMIN_URL (default
# postgres://postgres@127.0.0.1:5432/postgres). Service variables such as WORKER_CONCURRENCY or
# WORKER_HEARTBEAT_SECS pass through to every layer1 process.
# Needs redis-server, psql, curl and python3; run ./scripts/setup.sh first for the model.
set -euo pipefail

documents=${1:-20}
matches=${2:-600}
submitters=${SUBMITTERS:-8}
admin_url=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
cd "$(dirname "$0")/.."

for tool in redis-server psql curl python3; do
    command -v "$tool" >/dev/null || { echo "$tool is required but not installed" >&2; exit 1; }
done
cargo build --release --locked -q
binary=${CARGO_TARGET_DIR:-target}/release/layer1

# Every process reads the taxonomy skill vectors from MODEL_DIR; writing them once here spares
# each one from computing them at start.
RUST_LOG=warn "$binary" models warm

work=$(mktemp -d)
suffix=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
database=layer1_scale_$suffix
database_url=${admin_url%/*}/$database
redis_port=$((20000 + RANDOM % 20000))
api_port=$((redis_port + 1))
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 \
        || echo "could not drop database $database" >&2
    rm -rf "$work"
}
trap cleanup EXIT

millis() { date +%s%3N; }
clock_ticks=$(getconf CLK_TCK)
# Prints the CPU time (user + system) that process PID has used so far, in milliseconds.
cpu_ms() { awk -v ticks="$clock_ticks" '{ print int(($14 + $15) * 1000 / ticks) }' "/proc/$1/stat"; }
sql() { psql -Atq "$database_url" -c "$1"; }

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
pids+=($!)
psql -q "$admin_url" -c "CREATE DATABASE $database"

# Settings shared by every layer1 process. Rate limits are off and `x-pro-member: 1` lifts the
# match quota, so neither stops a round. Object store variables of the caller's shell are
# dropped, so uploads stay in BLOB_DIR.
unset "${!S3_@}" "${!R2_@}"
export DATABASE_URL=$database_url
export REDIS_URL=redis://127.0.0.1:$redis_port
export BLOB_DIR=$work/blobs
export AUTH_DISABLED=true COMPAT_PORT=off BIND_ADDR=127.0.0.1
export RATE_LIMIT_PER_MINUTE=0 RATE_LIMIT_PER_IP_PER_MINUTE=0

start_process() {
    local name=$1
    shift
    DATA_DIR="$work/$name" "$binary" "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
}

# Waits until the worker's log contains its start message, or fails with the log.
wait_worker() {
    local name=$1
    for _ in $(seq 1 600); do
        if grep -qs "worker process started" "$work/$name.log"; then
            return
        fi
        sleep 0.1
    done
    echo "$name did not start; its log:" >&2
    tail -n 30 "$work/$name.log" >&2
    exit 1
}

PORT=$api_port start_process api serve --no-workers
api_pid=${pids[-1]}
api=http://127.0.0.1:$api_port/api/v1
for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$api_port/ready" 2>/dev/null && break
    sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$api_port/ready" \
    || { echo "API did not become ready; its log:" >&2; tail -n 30 "$work/api.log" >&2; exit 1; }
start_process worker1 worker
worker1=${pids[-1]}
worker2=
wait_worker worker1

pro=(-H 'x-pro-member: 1')
json_id() { python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }

echo "== creating $documents resumes and $documents jobs"
resumes=() jobs=()
for i in $(seq 1 "$documents"); do
    file=examples/resume.pdf
    ((i % 2 == 0)) && file=examples/resume.docx
    resumes+=("$(curl -fsS "${pro[@]}" -F "file=@$file" "$api/resumes" | json_id)")
    jobs+=("$(python3 -c 'import json, sys
extra = ["Go", "Rust", "Terraform", "Kafka", "React", "Spark", "Redis", "GraphQL"]
i = int(sys.argv[1])
text = open("examples/job.txt").read() + "\nNice to have: " + extra[i % len(extra)] + ".\n"
print(json.dumps({"title": "Job " + sys.argv[1], "text": text}))' "$i" \
        | curl -fsS "${pro[@]}" -H 'content-type: application/json' -d @- "$api/jobs" | json_id)")
done

# Waits until COUNT rows of TABLE have a status of STATUSES (a SQL list), or fails.
wait_rows() {
    local table=$1 statuses=$2 count=$3
    for _ in $(seq 1 6000); do
        (($(sql "SELECT COUNT(*) FROM $table WHERE status IN ($statuses)") >= count)) && return
        sleep 0.05
    done
    echo "timed out: fewer than $count rows of $table in ($statuses)" >&2
    sql "SELECT status, COUNT(*) FROM $table GROUP BY status" >&2
    exit 1
}
wait_rows resumes "'ready', 'error'" "$documents"
wait_rows job_descriptions "'ready', 'error'" "$documents"
not_ready=$(sql "SELECT (SELECT COUNT(*) FROM resumes WHERE status <> 'ready')
    + (SELECT COUNT(*) FROM job_descriptions WHERE status <> 'ready')")
((not_ready == 0)) || { echo "$not_ready documents ended in error" >&2; exit 1; }

# Sends COUNT match requests over the resume x job pairs, SUBMITTERS at a time.
submit_matches() {
    local count=$1 offset=$2
    for k in $(seq "$offset" $((offset + count - 1))); do
        local resume=${resumes[$((k % documents))]}
        local job=${jobs[$(((k / documents + k) % documents))]}
        printf '{"resumeId":"%s","jobId":"%s"}\n' "$resume" "$job"
    done | xargs -d '\n' -P "$submitters" -I{} curl -fsS -o /dev/null "${pro[@]}" \
        -H 'content-type: application/json' -d {} "$api/matches"
}

# Prints the CPU time used so far by the API process and the running workers, in milliseconds.
round_cpu_ms() {
    local total=0 pid
    for pid in "$api_pid" "$worker1" $worker2; do
        total=$((total + $(cpu_ms "$pid")))
    done
    echo "$total"
}

# Runs one round: an untimed warm-up that matches every resume and every job once, so the
# embedding caches hold their skills, then MATCHES timed matches. Prints the round's figure.
submitted=0
rates=()
run_round() {
    local label=$1
    submitted=$(((submitted + documents - 1) / documents * documents))
    submit_matches "$documents" "$submitted"
    submitted=$((submitted + documents))
    wait_rows match_jobs "'completed', 'failed'" "$submitted"

    local started submit_ms elapsed_ms failed rate cpu_before cpu_after ends first_ms span_ms
    cpu_before=$(round_cpu_ms)
    started=$(millis)
    submit_matches "$matches" "$submitted"
    submit_ms=$(($(millis) - started))
    submitted=$((submitted + matches))
    wait_rows match_jobs "'completed', 'failed'" "$submitted"
    elapsed_ms=$(($(millis) - started))
    cpu_after=$(round_cpu_ms)
    failed=$(sql "SELECT COUNT(*) FROM match_jobs WHERE status = 'failed'")
    # End times of this round's matches, from the database clock (the same host's clock).
    ends=$(sql "SELECT (EXTRACT(EPOCH FROM MIN(updated_at)) * 1000)::bigint || ' ' ||
        (EXTRACT(EPOCH FROM MAX(updated_at)) * 1000)::bigint
        FROM (SELECT updated_at FROM match_jobs ORDER BY created_at DESC LIMIT $matches) AS round")
    first_ms=$((${ends% *} - started))
    span_ms=$((${ends#* } - ${ends% *}))
    rate=$(python3 -c "print(f'{$matches * 1000 / $elapsed_ms:.1f}')")
    rates+=("$rate")
    echo "$label: $matches matches in $elapsed_ms ms from the first request to the last end" \
        "= $rate matches/s (requests sent in $submit_ms ms)"
    echo "    first match ended $first_ms ms after the first request; first to last end" \
        "$span_ms ms = $(python3 -c "print(f'{($matches - 1) * 1000 / max($span_ms, 1):.1f}')")" \
        "matches/s"
    echo "    CPU time of the API and worker processes: $((cpu_after - cpu_before)) ms;" \
        "failed matches so far: $failed"
}

run_round "1 worker"
start_process worker2 worker
worker2=${pids[-1]}
wait_worker worker2
run_round "2 workers"
# The second worker stops after its running jobs (SIGTERM), and a last round with one worker
# shows how much the machine's speed drifted during the run.
kill -TERM "$worker2"
wait "$worker2" || true
worker2=
run_round "1 worker again"
python3 -c "print(f'speed-up with 2 workers: {${rates[1]} / ${rates[0]}:.2f}x against the first' \
    f' 1-worker round, {${rates[1]} / ${rates[2]}:.2f}x against the last')"
