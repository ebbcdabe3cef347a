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

# The OpenAPI property test runs schemathesis when it is installed and skips otherwise. The
# version is pinned so that a new release of the fuzzer cannot change what the suite checks.
SCHEMATHESIS_VERSION=4.32.5
if command -v pip >/dev/null 2>&1 \
    && ! st --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
    pip install --quiet "schemathesis==$SCHEMATHESIS_VERSION" \
        || echo "schemathesis not installed: its test will skip"
fi

# The Socket.IO tests drive the socket.io-client npm package. They skip when node is missing.
if command -v npm >/dev/null 2>&1; then
    echo "== npm ci --prefix tests/js"
    npm ci --prefix tests/js --no-audit --no-fund --silent \
        || echo "npm ci failed: the Socket.IO client tests will skip"
fi

# Servers read the taxonomy skill vectors from MODEL_DIR; writing them once here spares every
# test server from computing them.
echo "== layer1 models warm"
cargo run --quiet --locked -- models warm

echo "== cargo test"
cargo test --workspace --locked "$@"
