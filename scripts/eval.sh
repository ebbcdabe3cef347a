#!/usr/bin/env bash
# Prints the quality report over the labelled evaluation set (tests/eval, or EVAL_DIR).
# EVAL_SPLIT=dev limits it to the dev split; EVAL_VERBOSE=1 lists the dev misses.
# With OLD_WORKER_DIR set to a folder of the old worker's recorded parse results (parse_resume.json,
# parse_job.json and their inputs/), it also compares Layer1 with those results.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p layer1-engine --test eval_set -- --ignored --nocapture
if [[ -n "${OLD_WORKER_DIR:-}" ]]; then
    cargo test -p layer1-engine --test old_worker -- --ignored --nocapture
fi
