# Single-container image: REST API, workers and the model on the embedded defaults.
# Run ./scripts/setup.sh first: the build copies models/ (ONNX Runtime, model, tokenizer) in.
# NOTE: the project's test machines have no Docker engine, so this file is not built in CI.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin layer1

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/layer1 /usr/local/bin/layer1
COPY models/ /models/
ENV MODEL_DIR=/models DATA_DIR=/data PORT=4000
EXPOSE 4000
VOLUME /data
ENTRYPOINT ["layer1"]
CMD ["serve"]
