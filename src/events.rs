//! Status-change events published by the API and the workers.
//!
//! Realtime transports subscribe to the [`EventBus`] and forward each event to its owner. With
//! a relay (Redis pub/sub or PostgreSQL `LISTEN`/`NOTIFY`, see [`relay`]) the bus also sends
//! each event to the other processes and delivers theirs to its own subscribers.

pub mod relay;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc};
use tracing::warn;
use uuid::Uuid;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// A resume changed status (`resume:update`).
    Resume,
    /// A job changed status (`job:update`).
    Job,
    /// A match request changed status (`match:update`).
    Match,
}

impl EventKind {
    /// Returns the realtime event name.
    pub fn event_name(self) -> &'static str {
        match self {
            EventKind::Resume => "resume:update",
            EventKind::Job => "job:update",
            EventKind::Match => "match:update",
        }
    }
}

/// One status change.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusEvent {
    /// Kind of item.
    #[serde(skip)]
    pub kind: EventKind,
    /// Auth subject of the owner.
    #[serde(skip)]
    pub owner_sub: String,
    /// Item id.
    pub id: Uuid,
    /// New status.
    pub status: String,
    /// Job title, for job events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Creation time of the item.
    pub created_at: DateTime<Utc>,
    /// Time of this change.
    pub updated_at: DateTime<Utc>,
}

/// Fan-out of status events to the subscribers of this process and, with a relay, to the
/// buses of the other processes.
#[derive(Debug, Clone)]
pub struct EventBus {
    sender: broadcast::Sender<StatusEvent>,
    outbound: Option<mpsc::Sender<StatusEvent>>,
}

impl Default for EventBus {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(1024);
        Self {
            sender,
            outbound: None,
        }
    }
}

impl EventBus {
    /// Publishes an event to this process's subscribers and, with a relay, to the other
    /// processes. Events without subscribers are dropped.
    pub fn publish(&self, event: StatusEvent) {
        if let Some(outbound) = &self.outbound
            && let Err(error) = outbound.try_send(event.clone())
        {
            warn!(id = %event.id, %error, "event relay is behind; event not sent to other processes");
        }
        let _ = self.sender.send(event);
    }

    /// Subscribes to every event published from now on, in this process or (with a relay) in
    /// another one.
    pub fn subscribe(&self) -> broadcast::Receiver<StatusEvent> {
        self.sender.subscribe()
    }

    /// Delivers an event received from another process to this process's subscribers only.
    fn deliver_relayed(&self, event: StatusEvent) {
        let _ = self.sender.send(event);
    }
}
