//! Layer1 service: configuration, HTTP API, background jobs, storage and the CLI.
//!
//! `main.rs` only parses the command line and calls into this library, so tests can build the
//! same application.

pub mod analysis;
pub mod api;
pub mod auth;
pub mod bench;
pub mod blob;
pub mod cli;
pub mod compat;
pub mod config;
pub mod dates;
pub mod events;
pub mod fallback;
pub mod jobs;
pub mod llm;
pub mod load;
pub mod malloc;
pub mod nlp;
pub mod onet;
pub mod rank;
pub mod realtime;
pub mod report;
pub mod server;
pub mod store;
pub mod summary;
pub mod telemetry;
pub mod vectors;
