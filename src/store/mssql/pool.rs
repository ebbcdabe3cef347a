//! A small connection pool: a semaphore bounds the open connections, idle ones wait in a list.
//!
//! A connection goes back to the list only after a request on it succeeded. After any error it
//! is closed, because it may be mid-response or inside an open transaction, and closing the
//! socket makes the server roll that transaction back.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tiberius::error::Error as DriverError;
use tiberius::{Client, Config};
use tokio::net::TcpStream;
use tokio::sync::{Semaphore, SemaphorePermit};
use tokio_util::compat::{Compat, TokioAsyncWriteCompatExt};
use tracing::{debug, info};

use super::error::MssqlError;

/// An open SQL Server connection.
pub type Connection = Client<Compat<TcpStream>>;

/// Idle time after which a pooled connection is closed instead of reused, well below the
/// 30-minute idle timeout of the Azure SQL gateway.
const MAX_IDLE: Duration = Duration::from_secs(10 * 60);

/// Connections to one database.
pub struct Pool {
    config: Config,
    address: String,
    connect_timeout: Duration,
    idle: Mutex<Vec<(Connection, Instant)>>,
    permits: Semaphore,
}

impl std::fmt::Debug for Pool {
    // The driver configuration contains the password, so it is left out.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Pool")
            .field("address", &self.address)
            .field("available", &self.permits.available_permits())
            .finish_non_exhaustive()
    }
}

/// A connection taken from the pool. Dropping it closes the connection; [`Self::release`]
/// returns it for reuse.
pub struct PooledConnection<'p> {
    pool: &'p Pool,
    connection: Option<Connection>,
    _permit: SemaphorePermit<'p>,
}

impl PooledConnection<'_> {
    /// Returns the connection.
    pub fn client(&mut self) -> Result<&mut Connection, MssqlError> {
        self.connection
            .as_mut()
            .ok_or(MssqlError::Driver(DriverError::Protocol(
                "pooled connection already released".into(),
            )))
    }

    /// Returns the connection to the pool for reuse.
    pub fn release(mut self) {
        if let Some(connection) = self.connection.take()
            && let Ok(mut idle) = self.pool.idle.lock()
        {
            idle.push((connection, Instant::now()));
        }
    }
}

impl Pool {
    /// Creates an empty pool of at most `max_size` connections.
    pub fn new(config: Config, max_size: u32, connect_timeout: Duration) -> Self {
        let address = config.get_addr();
        Self {
            config,
            address,
            connect_timeout,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(max_size.max(1) as usize),
        }
    }

    /// Returns `host:port` of the server.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Takes an idle connection or opens one, waiting while `max_size` are in use.
    pub async fn get(&self) -> Result<PooledConnection<'_>, MssqlError> {
        let permit = self.permits.acquire().await.map_err(|_| {
            MssqlError::Driver(DriverError::Protocol("connection pool closed".into()))
        })?;
        let connection = match self.take_idle() {
            Some(connection) => connection,
            None => self.open().await?,
        };
        Ok(PooledConnection {
            pool: self,
            connection: Some(connection),
            _permit: permit,
        })
    }

    /// Closes every idle connection, telling the server each session ends.
    pub async fn close_idle(&self) {
        let idle: Vec<_> = match self.idle.lock() {
            Ok(mut idle) => idle.drain(..).collect(),
            Err(_) => return,
        };
        for (connection, _) in idle {
            if let Err(error) = connection.close().await {
                debug!(%error, "failed to close an idle connection");
            }
        }
    }

    fn take_idle(&self) -> Option<Connection> {
        let mut idle = self.idle.lock().ok()?;
        while let Some((connection, since)) = idle.pop() {
            if since.elapsed() < MAX_IDLE {
                return Some(connection);
            }
            debug!("closing a connection idle for too long");
        }
        None
    }

    /// Opens a connection within the connect timeout.
    pub async fn open(&self) -> Result<Connection, MssqlError> {
        let timeout_ms = u64::try_from(self.connect_timeout.as_millis()).unwrap_or(u64::MAX);
        match tokio::time::timeout(self.connect_timeout, connect(self.config.clone())).await {
            Ok(Ok(connection)) => Ok(connection),
            Ok(Err(source)) => Err(MssqlError::Connect {
                address: self.address.clone(),
                source,
            }),
            Err(_) => Err(MssqlError::ConnectTimeout {
                address: self.address.clone(),
                timeout_ms,
            }),
        }
    }
}

/// Opens a connection and follows one redirect, because Azure SQL's gateway may reply to the
/// login with the address of the node that serves the database.
async fn connect(config: Config) -> Result<Connection, DriverError> {
    match connect_once(config.clone()).await {
        Err(DriverError::Routing { host, port }) => {
            info!(%host, port, "SQL Server redirected the connection");
            let mut config = config;
            config.host(&host);
            config.port(port);
            connect_once(config).await
        }
        other => other,
    }
}

async fn connect_once(config: Config) -> Result<Connection, DriverError> {
    let tcp = TcpStream::connect(config.get_addr()).await?;
    tcp.set_nodelay(true)?;
    let mut client = Client::connect(config, tcp.compat_write()).await?;
    // The store reads changed-row counts, which a server-wide NOCOUNT default would hide.
    client
        .simple_query("SET NOCOUNT OFF; SET XACT_ABORT ON;")
        .await?
        .into_results()
        .await?;
    Ok(client)
}
