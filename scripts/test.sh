#!/usr/bin/env bash
# Runs the whole test suite: model set-up, formatting, lints, then every test of the workspace.
# Suites that need a server which is not running print "skipped: <reason>" and pass.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --locked "$@"
