// Records the status events of one Socket.IO connection, for tests/multi_process.rs. Usage:
//   node collect-events.mjs BASE [TOKEN]
// Connects to BASE over the websocket transport (with `auth: {token}` when TOKEN is given),
// prints {"connected":true,"id":...} once connected, then one JSON line per resume:update,
// job:update or match:update event: {"event": NAME, ...payload}. Stops when stdin gets the line
// `stop` or is closed, prints {"stopped":true,"events":COUNT} and exits 0. A failed connection
// or a dropped socket is printed on stderr and exits 1, so the test fails.

import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const [base, token] = process.argv.slice(2);
if (!base) {
  console.error("usage: node collect-events.mjs BASE [TOKEN]");
  process.exit(2);
}

const options = { transports: ["websocket"], reconnection: false, timeout: 10000 };
if (token) options.auth = { token };
const socket = io(base, options);
let count = 0;
let stopping = false;

function print(value) {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

socket.on("connect", () => print({ connected: true, id: socket.id }));
socket.on("connect_error", (error) => {
  console.error(`connect_error: ${error.message}`);
  process.exit(1);
});
socket.on("disconnect", (reason) => {
  if (stopping) return;
  console.error(`disconnected before stop: ${reason}`);
  process.exit(1);
});
for (const name of ["resume:update", "job:update", "match:update"]) {
  socket.on(name, (payload) => {
    count += 1;
    print({ event: name, ...payload });
  });
}

function stop() {
  if (stopping) return;
  stopping = true;
  socket.disconnect();
  print({ stopped: true, events: count });
  process.exit(0);
}

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  if (line.trim() === "stop") stop();
});
input.on("close", stop);
