#!/usr/bin/env bash
# Runs `layer1 match` on every resume in a directory against one job and prints, per file,
# the outcome (report with N skills, or the error), then totals and the median time per file.
#
# Usage: scripts/match-dir.sh RESUME_DIR JOB_FILE [MIN_SKILLS]
#   MIN_SKILLS  skills a report needs to count as useful (default 5)
# Uses target/release/layer1 when present, else builds the dev binary.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,7p' "$0" >&2
    exit 2
fi
resume_dir=$1
job=$2
min_skills=${3:-5}
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
binary=$target/release/layer1
if [[ ! -x $binary ]]; then
    cargo build -q
    binary=$target/debug/layer1
fi

useful=0 thin=0 failed=0
times=()
while IFS= read -r -d '' file; do
    start=$(date +%s%N)
    if output=$("$binary" match --json "$file" "$job" 2>/tmp/match-dir.err); then
        elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
        skills=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["resume"]["skills"]))' <<<"$output")
        if (( skills >= min_skills )); then
            useful=$((useful + 1))
        else
            thin=$((thin + 1))
        fi
        printf 'report  %4d skills  %6d ms  %s\n' "$skills" "$elapsed" "$file"
    else
        elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
        failed=$((failed + 1))
        printf 'error   %-30s %6d ms  %s\n' "$(tail -n 1 /tmp/match-dir.err | cut -c1-30)" "$elapsed" "$file"
    fi
    times+=("$elapsed")
done < <(find "$resume_dir" -type f \( -name '*.pdf' -o -name '*.docx' -o -name '*.txt' \) -print0 | sort -z)

median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}')
echo "files: ${#times[@]}  reports with >= ${min_skills} skills: ${useful}  thinner reports: ${thin}  errors: ${failed}  median: ${median} ms"
