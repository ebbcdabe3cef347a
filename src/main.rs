//! `layer1` binary: parses the command line and runs the command.

use clap::Parser;
use layer1::cli::{Cli, Command, DbCommand, ModelsCommand, OnetCommand};
use layer1::{cli, load, malloc, nlp, onet, report, server, telemetry};

fn main() -> anyhow::Result<()> {
    // Runs before `.env` is read and before any thread starts, because glibc reads its malloc
    // settings only from the environment that the process started with.
    let malloc_error = malloc::apply_defaults();
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    if let Command::ExtractChild(args) = &cli.command {
        // The extraction child starts no runtime and no logging: its stdout carries only the
        // reply, and every extra thread would count against its address-space limit.
        return nlp::run_extract_child(args);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(run(cli, malloc_error));
    // Dropping the runtime would wait for every blocking task, and a document still being
    // analysed after the graceful-shutdown period would keep the process alive.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    result
}

/// Time left to blocking tasks once the command has finished.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

async fn run(cli: Cli, malloc_error: Option<std::io::Error>) -> anyhow::Result<()> {
    // The report goes to stdout; only warnings reach stderr unless RUST_LOG sets another filter.
    let default_filter = match cli.command {
        Command::Match(_) | Command::Load(_) | Command::Rank(_) | Command::Bench(_) => "warn",
        _ => "info",
    };
    telemetry::init(cli.log.log_format, default_filter);
    if let Some(error) = malloc_error {
        tracing::warn!(
            %error,
            "failed to execute the binary again with {}; freed heap memory may stay resident",
            malloc::TRIM_THRESHOLD_VAR
        );
    }
    match cli.command {
        Command::Serve(settings) => server::serve(*settings).await,
        Command::Worker(settings) => server::run_worker_process(*settings).await,
        Command::Match(args) => {
            let report = tokio::task::spawn_blocking(move || {
                let report = report::run_match(&args)?;
                if args.json {
                    report::render_json(&report)
                } else {
                    Ok(report::render_text(&report))
                }
            })
            .await??;
            print!("{report}");
            Ok(())
        }
        Command::Db {
            command: DbCommand::Migrate(storage),
        } => {
            server::open_store(&storage).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Usage { command } => cli::run_usage(command).await,
        Command::Load(args) => {
            let report = load::run_load(&args).await?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", load::render_text(&report));
            }
            Ok(())
        }
        Command::Onet {
            command: OnetCommand::Import(args),
        } => {
            let out = args.out.unwrap_or_else(|| args.data_dir.join("onet"));
            let written = out.clone();
            let path = tokio::task::spawn_blocking(move || onet::import(&args.dir, &out)).await??;
            println!(
                "wrote {}; set ONET_DIR={} to use it",
                path.display(),
                written.display()
            );
            Ok(())
        }
        Command::Rank(args) => run_rank(args).await,
        Command::Models {
            command: ModelsCommand::Warm(args),
        } => {
            let message =
                tokio::task::spawn_blocking(move || layer1::vectors::run_warm(&args.nlp)).await??;
            println!("{message}");
            Ok(())
        }
        Command::Bench(args) => {
            tokio::task::spawn_blocking(move || layer1::bench::run(&args)).await??;
            Ok(())
        }
        Command::ExtractChild(args) => nlp::run_extract_child(&args),
    }
}

/// Runs `layer1 rank`. Prints a one-line warning on stderr for each skipped resume file, then
/// the ranking. Fails only when no resume file could be read.
async fn run_rank(args: layer1::rank::cli::RankArgs) -> anyhow::Result<()> {
    let json = args.json;
    let ranking = tokio::task::spawn_blocking(move || layer1::rank::cli::run_rank(&args)).await??;
    for skipped in &ranking.skipped {
        eprintln!(
            "warning: skipped {}: {}",
            skipped.path.display(),
            skipped.reason
        );
    }
    if ranking.read_none() {
        anyhow::bail!(
            "no resume file could be read ({} skipped)",
            ranking.skipped.len()
        );
    }

    if json {
        println!("{}", serde_json::to_string_pretty(&ranking.ranked)?);
    } else {
        print!("{}", layer1::rank::cli::render_text(&ranking.ranked));
    }
    Ok(())
}
