#!/usr/bin/env bash
# Times PDF text extraction of every PDF in a directory with layer1, pdftotext and pdfminer.six.
#
# Usage: scripts/extract-timing.sh DIR [HYPERFINE_ARGS...]
# Each tool reads all files in one command, so process start-up counts once per tool for
# layer1 and pdfminer.six, and once per file for pdftotext (which reads one file per run).
# Needs hyperfine, pdftotext (poppler-utils) and pdfminer.six (`pip install pdfminer.six`),
# and the release example: `cargo build --release -p layer1-engine --example extract_text`.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${1:?usage: scripts/extract-timing.sh DIR [HYPERFINE_ARGS...]}"
shift
ours=target/release/examples/extract_text
if [[ ! -x "$ours" ]]; then
    echo "error: $ours not found; run: cargo build --release -p layer1-engine --example extract_text" >&2
    exit 1
fi
export TIMING_DIR="$dir"
pdfminer='python3 -c "import glob, os; from pdfminer.high_level import extract_text
for f in sorted(glob.glob(os.environ[\"TIMING_DIR\"] + \"/*.pdf\")): extract_text(f)"'

hyperfine --warmup 1 "$@" \
    --command-name layer1 "$ours \"\$TIMING_DIR\"/*.pdf > /dev/null" \
    --command-name pdftotext "for f in \"\$TIMING_DIR\"/*.pdf; do pdftotext -enc UTF-8 \"\$f\" - > /dev/null 2>&1; done" \
    --command-name pdfminer.six "$pdfminer"
