//! Status-change events published by the API and the workers.
//!
//! Realtime transports subscribe to the [`EventBus`] and forward each event to its owner.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::broadcast;
use uuid::Uuid;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// In-process fan-out of status events.
#[derive(Debug, Clone)]
pub struct EventBus {
    sender: broadcast::Sender<StatusEvent>,
}

impl Default for EventBus {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(1024);
        Self { sender }
    }
}

impl EventBus {
    /// Publishes an event; events without subscribers are dropped.
    pub fn publish(&self, event: StatusEvent) {
        let _ = self.sender.send(event);
    }

    /// Subscribes to every event published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<StatusEvent> {
        self.sender.subscribe()
    }
}
