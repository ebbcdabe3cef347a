//! Relays of status events between processes: Redis pub/sub when `REDIS_URL` is set, otherwise
//! PostgreSQL `LISTEN`/`NOTIFY` when the database is PostgreSQL.
//!
//! Every process publishes its events on one channel and listens on it. A message carries the
//! id of the bus that sent it, and a bus skips its own messages because it has already delivered
//! those events locally. So each event reaches each subscriber once.
//!
//! Delivery is at most once, because Redis pub/sub and `NOTIFY` keep nothing for a listener
//! that is away. An event published while the relay is disconnected never reaches the other
//! processes, so a client that reconnects reads the current status over HTTP.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::{broadcast, mpsc};
use tracing::{info, warn};
use uuid::Uuid;

use super::{EventBus, EventKind, StatusEvent};

/// Events waiting to be sent to the other processes before `publish` drops new ones.
const OUTBOUND_CAPACITY: usize = 1024;

/// Maximum pause between two reconnection attempts.
const MAX_RECONNECT_PAUSE: Duration = Duration::from_secs(10);

/// Error of starting an event relay.
#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    /// Connecting to Redis or subscribing to the channel failed.
    #[error("failed to subscribe to the Redis event channel: {0}")]
    Redis(#[from] redis::RedisError),
    /// Connecting to PostgreSQL or running `LISTEN` failed.
    #[error("failed to listen on the PostgreSQL event channel: {0}")]
    Postgres(#[from] sqlx::Error),
}

/// An event as sent between processes.
#[derive(Debug, Serialize, Deserialize)]
struct WireEvent {
    origin: Uuid,
    kind: EventKind,
    owner_sub: String,
    id: Uuid,
    status: String,
    title: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl WireEvent {
    fn new(origin: Uuid, event: StatusEvent) -> Self {
        Self {
            origin,
            kind: event.kind,
            owner_sub: event.owner_sub,
            id: event.id,
            status: event.status,
            title: event.title,
            created_at: event.created_at,
            updated_at: event.updated_at,
        }
    }

    fn into_event(self) -> StatusEvent {
        StatusEvent {
            kind: self.kind,
            owner_sub: self.owner_sub,
            id: self.id,
            status: self.status,
            title: self.title,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Receiving side of a relay: delivers the events of other buses to the local subscribers.
#[derive(Clone)]
struct Inbound {
    origin: Uuid,
    local: EventBus,
}

impl Inbound {
    fn deliver(&self, payload: &[u8]) {
        match serde_json::from_slice::<WireEvent>(payload) {
            Ok(wire) if wire.origin == self.origin => {}
            Ok(wire) => self.local.deliver_relayed(wire.into_event()),
            Err(error) => warn!(%error, "ignored a malformed relayed event"),
        }
    }
}

/// Returns a local bus and the outbound queue of a new relay.
fn relay_parts() -> (EventBus, Inbound, mpsc::Receiver<StatusEvent>, Uuid) {
    let (sender, _) = broadcast::channel(1024);
    let (outbound, outbound_rx) = mpsc::channel(OUTBOUND_CAPACITY);
    let origin = Uuid::new_v4();
    let local = EventBus {
        sender,
        outbound: None,
    };
    let inbound = Inbound {
        origin,
        local: local.clone(),
    };
    let bus = EventBus {
        outbound: Some(outbound),
        ..local
    };
    (bus, inbound, outbound_rx, origin)
}

fn encode(origin: Uuid, event: StatusEvent) -> Option<String> {
    match serde_json::to_string(&WireEvent::new(origin, event)) {
        Ok(payload) => Some(payload),
        Err(error) => {
            warn!(%error, "failed to encode a status event for the relay");
            None
        }
    }
}

fn next_pause(pause: Duration) -> Duration {
    (pause * 2).min(MAX_RECONNECT_PAUSE)
}

impl EventBus {
    /// Returns a bus whose events also travel through the Redis pub/sub `channel`, so every
    /// process subscribed to it receives them. Returns once the subscription is active. A lost
    /// connection is re-established in the background.
    pub async fn with_redis_relay(url: &str, channel: &str) -> Result<Self, RelayError> {
        let client = redis::Client::open(url)?;
        let mut pubsub = client.get_async_pubsub().await?;
        pubsub.subscribe(channel).await?;
        let publisher = client.get_connection_manager().await?;
        let (bus, inbound, outbound_rx, origin) = relay_parts();
        let channel = channel.to_string();
        tokio::spawn(redis_outbound(
            publisher,
            channel.clone(),
            origin,
            outbound_rx,
        ));
        tokio::spawn(redis_inbound(client, channel, pubsub, inbound));
        Ok(bus)
    }

    /// Returns a bus whose events also travel through PostgreSQL `NOTIFY` on `channel`, so
    /// every process listening on it receives them. Returns once the `LISTEN` is active.
    pub async fn with_postgres_relay(pool: &PgPool, channel: &str) -> Result<Self, RelayError> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(channel).await?;
        let (bus, inbound, outbound_rx, origin) = relay_parts();
        let channel = channel.to_string();
        tokio::spawn(postgres_outbound(
            pool.clone(),
            channel,
            origin,
            outbound_rx,
        ));
        tokio::spawn(postgres_inbound(listener, inbound));
        Ok(bus)
    }
}

async fn redis_outbound(
    mut connection: redis::aio::ConnectionManager,
    channel: String,
    origin: Uuid,
    mut events: mpsc::Receiver<StatusEvent>,
) {
    while let Some(event) = events.recv().await {
        let id = event.id;
        let Some(payload) = encode(origin, event) else {
            continue;
        };
        let sent = redis::cmd("PUBLISH")
            .arg(&channel)
            .arg(payload)
            .query_async::<i64>(&mut connection)
            .await;
        if let Err(error) = sent {
            warn!(%id, %error, "failed to send a status event to Redis");
        }
    }
}

async fn redis_inbound(
    client: redis::Client,
    channel: String,
    mut pubsub: redis::aio::PubSub,
    inbound: Inbound,
) {
    loop {
        {
            let mut messages = pubsub.on_message();
            while let Some(message) = messages.next().await {
                inbound.deliver(message.get_payload_bytes());
            }
        }
        warn!("event relay lost its Redis connection; reconnecting");
        pubsub = redis_resubscribe(&client, &channel).await;
        info!("event relay subscribed to Redis again");
    }
}

async fn redis_resubscribe(client: &redis::Client, channel: &str) -> redis::aio::PubSub {
    let mut pause = Duration::from_millis(200);
    loop {
        tokio::time::sleep(pause).await;
        match client.get_async_pubsub().await {
            Ok(mut pubsub) => match pubsub.subscribe(channel).await {
                Ok(()) => return pubsub,
                Err(error) => warn!(%error, "failed to subscribe to the Redis event channel"),
            },
            Err(error) => warn!(%error, "failed to reconnect the event relay to Redis"),
        }
        pause = next_pause(pause);
    }
}

async fn postgres_outbound(
    pool: PgPool,
    channel: String,
    origin: Uuid,
    mut events: mpsc::Receiver<StatusEvent>,
) {
    while let Some(event) = events.recv().await {
        let id = event.id;
        let Some(payload) = encode(origin, event) else {
            continue;
        };
        let sent = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(&channel)
            .bind(payload)
            .execute(&pool)
            .await;
        if let Err(error) = sent {
            warn!(%id, %error, "failed to send a status event through PostgreSQL");
        }
    }
}

async fn postgres_inbound(mut listener: PgListener, inbound: Inbound) {
    let mut pause = Duration::from_millis(200);
    loop {
        // `try_recv` returns `None` when the connection dropped; the next call reconnects and
        // listens again.
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                pause = Duration::from_millis(200);
                inbound.deliver(notification.payload().as_bytes());
            }
            Ok(None) => warn!("event relay lost its PostgreSQL connection; reconnecting"),
            Err(error) => {
                warn!(%error, "event relay failed to receive from PostgreSQL; retrying");
                tokio::time::sleep(pause).await;
                pause = next_pause(pause);
            }
        }
    }
}
