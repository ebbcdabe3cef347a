// Helpers shared by the client checks: REST calls with a bearer token, a Socket.IO connection
// configured like the web frontend, and waiting for status events.

import { io } from "socket.io-client";

/** Calls the REST API and returns {status, body}; throws on network errors. */
export async function api(base, token, method, path, body) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${base}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Uploads a plain-text resume and returns its id. */
export async function uploadResume(base, token, text) {
  const form = new FormData();
  form.append("file", new Blob([text], { type: "text/plain" }), "resume.txt");
  const reply = await api(base, token, "POST", "/api/v1/resumes", form);
  if (reply.status !== 202) throw new Error(`resume upload: HTTP ${reply.status}`);
  return reply.body.id;
}

/** Creates a job from text and returns its id. */
export async function createJob(base, token, title, text) {
  const reply = await api(base, token, "POST", "/api/v1/jobs", { title, text });
  if (reply.status !== 202) throw new Error(`job creation: HTTP ${reply.status}`);
  return reply.body.id;
}

/** Requests a match and returns its id. */
export async function requestMatch(base, token, resumeId, jobId) {
  const reply = await api(base, token, "POST", "/api/v1/matches", { resumeId, jobId });
  if (reply.status !== 202) throw new Error(`match request: HTTP ${reply.status}`);
  return reply.body.id;
}

/**
 * Opens a socket and records every status event in `events`. `auth` is "auth" (the frontend's
 * `auth: {token}`), "header" (`Authorization: Bearer`) or "none".
 */
export function connect(base, token, { transport = "websocket", auth = "auth" } = {}) {
  const options = { transports: [transport], reconnection: false, timeout: 10000 };
  if (auth === "auth") options.auth = { token };
  if (auth === "header") options.extraHeaders = { authorization: `Bearer ${token}` };
  const socket = io(base, options);
  const events = [];
  for (const name of ["resume:update", "job:update", "match:update"]) {
    socket.on(name, (payload) => events.push({ event: name, ...payload }));
  }
  return { socket, events };
}

/** Resolves once the socket is connected; rejects with the connect_error. */
export function connected(socket) {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

/** Waits until `predicate(events)` is true, polling every 50 ms. */
export async function waitFor(events, predicate, description, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(events)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${description}; got ${JSON.stringify(events)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Returns true when `events` contains `name` for `id` with `status`. */
export function has(events, name, id, status) {
  return events.some((e) => e.event === name && e.id === id && e.status === status);
}

export const RESUME_TEXT = [
  "Jane Roe",
  "Backend engineer",
  "EXPERIENCE",
  "Senior Engineer, Example Corp, January 2018 - Present",
  "Built services in Rust and Python on PostgreSQL and Kubernetes.",
  "SKILLS",
  "Rust, Python, PostgreSQL, Docker, Kubernetes",
].join("\n");

export const JOB_TEXT =
  "We are hiring a backend engineer. Required: Rust, PostgreSQL and Kubernetes. " +
  "Nice to have: Python and Docker. 5+ years of experience.";
