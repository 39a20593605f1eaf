// The query side's API as the console uses it: HTTP Basic with the client kept in sessionStorage, RFC 9457 problems
// turned into errors that name the fault, and server-sent events read through fetch (EventSource cannot send an
// Authorization header).

const KEY = 'stockledger.console.client';

export function signedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

export function clientId() {
  const stored = sessionStorage.getItem(KEY);
  return stored ? JSON.parse(stored).id : null;
}

export function signIn(id, secret) {
  sessionStorage.setItem(KEY, JSON.stringify({ id, secret }));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

function authorization() {
  const { id, secret } = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
  const bytes = new TextEncoder().encode(`${id}:${secret}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function failure(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // not a problem document
  }
  return new ProblemError(response.status, problem);
}

/** GET (or another method) a JSON answer; query parameters without a value are left out. */
export async function call(path, { method = 'GET', params = {}, accept = 'application/json', okStatuses = [] } = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') {
      query.set(name, String(value).trim());
    }
  }
  const url = query.size ? `${path}?${query}` : path;
  const response = await fetch(url, { method, headers: { Authorization: authorization(), Accept: accept } });
  if (!response.ok && !okStatuses.includes(response.status)) {
    throw await failure(response);
  }
  return response.status === 204 ? null : response.json();
}

/**
 * Reads a text/event-stream answer, calling onEvent({ id, event, data }) for each event, until the signal aborts.
 */
export async function stream(path, params, onEvent, signal) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v && String(v).trim() !== ''));
  const response = await fetch(query.size ? `${path}?${query}` : path, {
    headers: { Authorization: authorization(), Accept: 'text/event-stream' },
    signal,
  });
  if (!response.ok) {
    throw await failure(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event = { id: null, event: 'message', data: '' };
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') event.data += (event.data ? '\n' : '') + text;
        else if (field === 'id') event.id = text;
        else if (field === 'event') event.event = text;
      }
      if (event.data) {
        onEvent(event);
      }
    }
  }
}
