// Drives the API the way the web frontend does: REST with a bearer token, and Socket.IO with
// `transports: ["websocket"]` and `auth: {token}`. Uploads a resume and a job, waits for their
// realtime events, requests a match, waits for `match:update` completed and reads the result.
// Usage: node web-client-check.mjs BASE_URL TOKEN. Prints a JSON summary; exits 1 on failure.

import { io } from "socket.io-client";
import * as client from "./client.mjs";

const [base, token] = process.argv.slice(2);

async function main() {
  const socket = io(base, { transports: ["websocket"], auth: { token }, reconnection: false });
  const events = [];
  for (const name of ["resume:update", "job:update", "match:update"]) {
    socket.on(name, (payload) => events.push({ event: name, ...payload }));
  }
  await client.connected(socket);

  const resumeId = await client.uploadResume(base, token, client.RESUME_TEXT);
  const jobId = await client.createJob(base, token, "Backend Engineer", client.JOB_TEXT);
  await client.waitFor(
    events,
    (e) => client.has(e, "resume:update", resumeId, "ready") && client.has(e, "job:update", jobId, "ready"),
    "resume and job ready",
  );
  const resumes = await client.api(base, token, "GET", "/api/v1/resumes");
  if (!resumes.body.some((r) => r.id === resumeId)) throw new Error("resume missing from list");

  const matchId = await client.requestMatch(base, token, resumeId, jobId);
  await client.waitFor(
    events,
    (e) => client.has(e, "match:update", matchId, "completed") || client.has(e, "match:update", matchId, "failed"),
    "match completed or failed",
  );
  const detail = await client.api(base, token, "GET", `/api/v1/matches/${matchId}`);
  socket.disconnect();
  if (detail.status !== 200 || detail.body.status !== "completed") {
    throw new Error(`match detail: HTTP ${detail.status} ${JSON.stringify(detail.body)}`);
  }
  const score = detail.body.match?.summary?.overall_match_score;
  if (typeof score !== "number") throw new Error("completed match has no score");
  return { ok: true, resumeId, jobId, matchId, score, events: events.length };
}

const timer = setTimeout(() => {
  console.error("web client check timed out after 120 s");
  process.exit(1);
}, 120000);

main().then(
  (result) => {
    clearTimeout(timer);
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error) => {
    console.error(`web client check failed: ${error.stack ?? error}`);
    process.exit(1);
  },
);
