//! Socket.IO on the API port (path `/socket.io`): handshake authentication, one room per user
//! (`user:<sub>`), and the bridge from [`EventBus`] status events to socket events.
//!
//! The handshake token comes from the client's `auth.token` or from an `Authorization: Bearer`
//! header. A rejected handshake gets a `connect_error` whose message starts with
//! `unauthorized:`. A socket is disconnected when its token expires.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use socketioxide::SocketIo;
use socketioxide::extract::{Extension, SocketRef, TryData};
use socketioxide::handler::ConnectHandler;
use socketioxide::layer::SocketIoLayer;
use std::sync::Arc;
use tokio::sync::{Notify, broadcast};
use tracing::{debug, info, instrument, warn};

use crate::auth::{AuthError, Authenticator, Identity, bearer_token};
use crate::events::{EventBus, StatusEvent};

/// Rejected Socket.IO handshake. Its text is the `connect_error` message.
#[derive(Debug, thiserror::Error)]
#[error("unauthorized: {0}")]
pub struct HandshakeError(#[from] AuthError);

/// The `auth` object a client sends with the handshake.
#[derive(Debug, Deserialize)]
struct HandshakeAuth {
    token: Option<String>,
}

/// Returns the room of a user's sockets.
pub fn user_room(sub: &str) -> String {
    format!("user:{sub}")
}

/// Builds the Socket.IO layer and starts forwarding `events` to the owners' rooms. Must be
/// called inside the Tokio runtime; the forwarding task ends when every [`EventBus`] sender is
/// dropped.
pub fn layer(authenticator: Authenticator, events: &EventBus) -> SocketIoLayer {
    let (layer, io) = SocketIo::builder().build_layer();
    let middleware = move |socket: SocketRef, TryData(auth): TryData<HandshakeAuth>| {
        let authenticator = authenticator.clone();
        async move { authenticate(&authenticator, &socket, auth.ok()).await }
    };
    io.ns("/", on_connect.with(middleware));
    tokio::spawn(forward_events(io, events.subscribe()));
    layer
}

/// Verifies the handshake token and stores the caller's identity on the socket.
#[instrument(skip_all, fields(socket_id = %socket.id))]
async fn authenticate(
    authenticator: &Authenticator,
    socket: &SocketRef,
    auth: Option<HandshakeAuth>,
) -> Result<(), HandshakeError> {
    let from_auth = auth.and_then(|auth| auth.token);
    let from_auth = from_auth
        .as_deref()
        .map(|token| bearer_token(token).unwrap_or(token));
    let from_header = socket
        .req_parts()
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(bearer_token);
    match authenticator.verify(from_auth.or(from_header)).await {
        Ok(identity) => {
            socket.extensions.insert(identity);
            Ok(())
        }
        Err(error) => {
            debug!(%error, "socket handshake rejected");
            Err(HandshakeError(error))
        }
    }
}

/// Joins the user's room and arms the expiry timer.
async fn on_connect(socket: SocketRef, Extension(identity): Extension<Identity>) {
    socket.join(user_room(&identity.sub));
    info!(socket_id = %socket.id, "socket connected");
    if let Some(expires_at) = identity.expires_at {
        disconnect_at_expiry(socket, expires_at);
    }
}

/// Disconnects `socket` when its token expires, unless it disconnects first.
fn disconnect_at_expiry(socket: SocketRef, expires_at: DateTime<Utc>) {
    let closed = Arc::new(Notify::new());
    let on_close = closed.clone();
    socket.on_disconnect(move || {
        let on_close = on_close.clone();
        async move { on_close.notify_one() }
    });
    let remaining = (expires_at - Utc::now()).to_std().unwrap_or_default();
    tokio::spawn(async move {
        tokio::select! {
            () = tokio::time::sleep(remaining) => {
                info!(socket_id = %socket.id, "token expired; disconnecting socket");
                if let Err(error) = socket.disconnect() {
                    debug!(%error, "socket already closed at token expiry");
                }
            }
            () = closed.notified() => {}
        }
    });
}

/// Emits every status event to its owner's room until the bus closes.
///
/// The in-process Socket.IO adapter reaches the sockets of this process only. Events of
/// workers in other processes arrive through the bus's relay (Redis or PostgreSQL), so each
/// API process emits every event to its own sockets once. Without a relay (SQLite and no
/// `REDIS_URL`) events of a separate `layer1 worker` process reach no socket.
async fn forward_events(io: SocketIo, mut events: broadcast::Receiver<StatusEvent>) {
    loop {
        match events.recv().await {
            Ok(event) => {
                let room = user_room(&event.owner_sub);
                let name = event.kind.event_name();
                if let Err(error) = io.to(room).emit(name, &event).await {
                    warn!(%error, event = name, id = %event.id, "failed to emit a status event");
                }
            }
            Err(broadcast::error::RecvError::Lagged(skipped)) => {
                warn!(
                    skipped,
                    "realtime bridge fell behind; status events were dropped"
                );
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}
