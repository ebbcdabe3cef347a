//! `layer1` binary: parses the command line and runs the command.

use clap::Parser;
use layer1::cli::{Cli, Command, DbCommand};
use layer1::{report, server, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    // The report goes to stdout; only warnings reach stderr unless RUST_LOG says otherwise.
    let default_filter = match cli.command {
        Command::Match(_) => "warn",
        _ => "info",
    };
    telemetry::init(cli.log.log_format, default_filter);
    match cli.command {
        Command::Serve(settings) => server::serve(*settings).await,
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
            server::open_database(&storage).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
    }
}
