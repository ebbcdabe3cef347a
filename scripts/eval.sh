#!/usr/bin/env bash
# Prints the quality report over the labelled evaluation set (tests/eval, or EVAL_DIR).
# EVAL_SPLIT=dev limits it to the dev split; EVAL_VERBOSE=1 lists the dev misses.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test -p layer1-engine --test eval_set -- --ignored --nocapture
