#!/usr/bin/env bash
# Runs `layer1 match` on every file under a directory against one job. Prints the outcome of
# each file (report with N skills, error with its cause, or panic), then the totals, the
# errors grouped by cause and the median wall time per file. Exits 1 when any run panicked.
#
# Usage: scripts/match-dir.sh RESUME_DIR JOB_FILE [MIN_SKILLS]
#   MIN_SKILLS  skills a report needs to count as useful (default 5)
# Runs LAYER1_BIN when set, else target/release/layer1 when present, else builds the dev binary.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,8p' "$0" >&2
    exit 2
fi
resume_dir=$(realpath "$1")
job=$(realpath "$2")
min_skills=${3:-5}
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
binary=${LAYER1_BIN:-$target/release/layer1}
if [[ ! -x $binary ]]; then
    cargo build -q --bin layer1
    binary=$target/debug/layer1
fi

err_file=$(mktemp)
trap 'rm -f "$err_file"' EXIT

useful=0 thin=0 failed=0 panicked=0
times=()
kinds=()
while IFS= read -r -d '' file; do
    start=$(date +%s%N)
    status=0
    # Without backtraces the last line of an error is its most specific cause.
    output=$(RUST_BACKTRACE=0 "$binary" match --json "$file" "$job" 2>"$err_file") || status=$?
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    times+=("$elapsed")
    if (( status == 0 )); then
        skills=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["resume"]["skills"]))' <<<"$output")
        if (( skills >= min_skills )); then
            useful=$((useful + 1))
        else
            thin=$((thin + 1))
        fi
        printf 'report  %4d skills  %6d ms  %s\n' "$skills" "$elapsed" "$file"
    elif (( status == 101 )) || grep -q 'panicked at' "$err_file"; then
        panicked=$((panicked + 1))
        printf 'PANIC   %6d ms  %s\n' "$elapsed" "$file"
        sed 's/^/        /' "$err_file"
    else
        failed=$((failed + 1))
        kind=$(grep -v '^[[:space:]]*$' "$err_file" | tail -n 1 | sed 's/^[[:space:]]*//' | cut -c1-80)
        kinds+=("$kind")
        printf 'error   %6d ms  %s\n        %s\n' "$elapsed" "$file" "$kind"
    fi
done < <(find "$resume_dir" -type f ! -name '.*' -print0 | sort -z)

median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}')
echo "files: ${#times[@]}  reports with >= ${min_skills} skills: ${useful}  thinner reports: ${thin}  errors: ${failed}  panics: ${panicked}  median: ${median} ms"
if (( failed > 0 )); then
    echo "errors by kind:"
    printf '%s\n' "${kinds[@]}" | sort | uniq -c | sort -rn
fi
(( panicked == 0 ))
