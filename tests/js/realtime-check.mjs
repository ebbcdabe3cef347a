// Socket.IO checks driven by tests/realtime.rs. Usage:
//   node realtime-check.mjs flow   BASE TOKEN TRANSPORT AUTH OTHER_TOKEN
//   node realtime-check.mjs reject BASE TOKEN
//   node realtime-check.mjs expiry BASE TOKEN
// Prints one JSON object on stdout and exits 0, or prints the error on stderr and exits 1.

import * as client from "./client.mjs";

const [scenario, base, token, ...rest] = process.argv.slice(2);

async function flow(transport, auth, otherToken) {
  const mine = client.connect(base, token, { transport, auth });
  const other = client.connect(base, otherToken, { transport, auth });
  await Promise.all([client.connected(mine.socket), client.connected(other.socket)]);
  const usedTransport = mine.socket.io.engine.transport.name;

  const resumeId = await client.uploadResume(base, token, client.RESUME_TEXT);
  const jobId = await client.createJob(base, token, "Backend Engineer", client.JOB_TEXT);
  await client.waitFor(
    mine.events,
    (e) => client.has(e, "resume:update", resumeId, "ready") && client.has(e, "job:update", jobId, "ready"),
    "resume and job ready",
  );
  const matchId = await client.requestMatch(base, token, resumeId, jobId);
  await client.waitFor(
    mine.events,
    (e) => client.has(e, "match:update", matchId, "completed") || client.has(e, "match:update", matchId, "failed"),
    "match completed or failed",
  );
  const detail = await client.api(base, token, "GET", `/api/v1/matches/${matchId}`);
  if (detail.body?.status !== "completed") {
    throw new Error(`match ended ${detail.body?.status}: ${detail.body?.error}`);
  }
  // Give stray events for the other user time to arrive before counting them.
  await new Promise((resolve) => setTimeout(resolve, 300));
  mine.socket.disconnect();
  other.socket.disconnect();
  return { transport: usedTransport, resumeId, jobId, matchId, events: mine.events, otherEvents: other.events };
}

function reject() {
  const { socket } = client.connect(base, token, { auth: token ? "auth" : "none" });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      socket.disconnect();
      resolve({ connected: true });
    });
    socket.once("connect_error", (error) => {
      socket.disconnect();
      resolve({ connected: false, message: error.message, data: error.data ?? null });
    });
  });
}

async function expiry() {
  const { socket } = client.connect(base, token);
  await client.connected(socket);
  const started = Date.now();
  return new Promise((resolve) => {
    socket.once("disconnect", (reason) => {
      resolve({ reason, afterMs: Date.now() - started });
    });
  });
}

async function main() {
  switch (scenario) {
    case "flow":
      return flow(rest[0], rest[1], rest[2]);
    case "reject":
      return reject();
    case "expiry":
      return expiry();
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

const timer = setTimeout(() => {
  console.error(`${scenario}: timed out after 120 s`);
  process.exit(1);
}, 120000);

main().then(
  (result) => {
    clearTimeout(timer);
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error) => {
    console.error(`${scenario}: ${error.stack ?? error}`);
    process.exit(1);
  },
);
