import { call, clientId, signIn, signOut, signedIn, stream } from './api.js';
import { el, formValues, show, table } from './view.js';

const PAGES = ['position', 'audit', 'availability', 'finance', 'projections'];
const BUCKETS = ['onHand', 'available', 'reserved', 'inTransit', 'quarantined', 'damaged', 'backordered', 'shortfall'];
let watching = null;

function report(error) {
  const target = document.getElementById('error');
  if (!error) {
    target.hidden = true;
    return;
  }
  const type = error.problem?.type ? ` (${error.problem.type})` : '';
  target.textContent = `${error.message}${type}`;
  target.hidden = false;
  if (error.status === 401) {
    signOut();
    route();
  }
}

function guarded(handler) {
  return async (event) => {
    event?.preventDefault();
    report(null);
    try {
      await handler(event);
    } catch (error) {
      report(error);
    }
  };
}

function route() {
  const wanted = location.hash.replace('#', '') || 'position';
  const page = signedIn() ? (PAGES.includes(wanted) ? wanted : 'position') : 'sign-in';
  document.querySelectorAll('.page').forEach((section) => (section.hidden = section.id !== page));
  document.querySelectorAll('#nav a').forEach((link) => link.classList.toggle('active', link.dataset.page === page));
  document.getElementById('nav').hidden = !signedIn();
  document.getElementById('sign-out').hidden = !signedIn();
  document.getElementById('who').textContent = signedIn() ? clientId() : '';
  if (page !== 'availability' && watching) {
    watching.abort();
    watching = null;
  }
  if (page === 'projections') {
    guarded(loadProjections)();
  }
  if (page === 'finance') {
    guarded(loadReconciliations)();
  }
}

// Sign in: the credentials are checked against /actuator/info, which any API client may read.
document.getElementById('sign-in-form').addEventListener(
  'submit',
  guarded(async (event) => {
    const { client, secret } = formValues(event.target);
    signIn(client, secret);
    try {
      await call('/actuator/info');
    } catch (error) {
      signOut();
      throw error;
    }
    event.target.reset();
    route();
  }),
);
document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  route();
});

// Position: the current view of every bucket, or the balance as of an instant.
document.getElementById('position-form').addEventListener(
  'submit',
  guarded(async (event) => {
    const { sku, location: at, asOf } = formValues(event.target);
    const base = `/api/v1/positions/${encodeURIComponent(sku.trim())}/${encodeURIComponent(at.trim())}`;
    const view = asOf.trim() ? await call(`${base}/balance`, { params: { asOf } }) : await call(base);
    const buckets = BUCKETS.filter((bucket) => bucket in view);
    show(
      'position-result',
      el('p', { class: 'muted' }, asOf.trim() ? `As of ${view.asOf}` : `Last change ${view.lastOccurredAt ?? '–'}, recorded ${view.lastRecordedAt ?? '–'}`, ` · event position ${view.eventPosition}`),
      table(
        [
          ['Bucket', (bucket) => bucket],
          ['Quantity', (bucket) => view[bucket], true],
        ],
        buckets,
        'position-table',
      ),
    );
  }),
);

// Audit trail: filters, paging by "next", and the trace of a correlation id.
const AUDIT_COLUMNS = [
  ['Position', (e) => e.globalPosition, true],
  ['Occurred', (e) => e.occurredAt],
  ['Recorded', (e) => e.recordedAt],
  ['Type', (e) => e.movementType ?? e.eventType],
  ['SKU', (e) => e.sku],
  ['Location', (e) => e.location],
  ['Qty', (e) => e.quantity, true],
  ['On hand', (e) => (e.before && e.after ? `${e.before.onHand} → ${e.after.onHand}` : ''), true],
  ['Reference', (e) => [e.referenceType, e.referenceNumber].filter(Boolean).join(' ')],
  ['Principal', (e) => e.principal],
  ['Source', (e) => e.sourceSystem],
  ['Correlation', (e) => (e.correlationId ? el('a', { class: 'trace', onclick: () => trace(e.correlationId) }, e.correlationId) : '')],
];
let auditFilters = {};

async function searchAudit(after) {
  const page = await call('/api/v1/audit', { params: { ...auditFilters, after, limit: 50 } });
  const more = page.next ? el('button', { class: 'small', onclick: guarded(() => searchAudit(page.next)) }, 'Next page') : null;
  show('audit-result', el('p', { class: 'muted' }, page.items.length === 1 ? '1 entry' : `${page.items.length} entries`), table(AUDIT_COLUMNS, page.items, 'audit-table'), more);
}

async function trace(correlationId) {
  document.getElementById('trace-id').value = correlationId;
  const found = await call(`/api/v1/traces/${encodeURIComponent(correlationId)}`);
  show('audit-result', el('p', {}, `Trace of ${found.correlationId}: ${found.entries.length === 1 ? '1 entry' : `${found.entries.length} entries`}`), table(AUDIT_COLUMNS, found.entries, 'trace-table'));
}

document.getElementById('audit-form').addEventListener(
  'submit',
  guarded(async (event) => {
    auditFilters = formValues(event.target);
    await searchAudit();
  }),
);
document.getElementById('trace-form').addEventListener(
  'submit',
  guarded(async (event) => trace(formValues(event.target).correlationId.trim())),
);

// Live availability: the current page, then every change as it is streamed.
document.getElementById('availability-form').addEventListener(
  'submit',
  guarded(async (event) => {
    const { channel, sku } = formValues(event.target);
    const path = `/api/v1/channels/${encodeURIComponent(channel.trim())}/availability`;
    const first = await call(path, { params: { sku, limit: 200 } });
    const rows = new Map(first.items.map((item) => [item.sku, item]));
    const status = document.getElementById('availability-status');
    const render = () =>
      show(
        'availability-result',
        table(
          [
            ['SKU', (i) => i.sku],
            ['Available to sell', (i) => i.availableToSell, true],
            ['Backordered', (i) => i.backordered, true],
            ['Locations', (i) => (i.locations ?? []).map((l) => `${l.location}: ${l.availableToSell}`).join(', ')],
          ],
          [...rows.values()],
          'availability-table',
        ),
      );
    render();
    status.textContent = `As of ${first.asOf ?? '–'} (data ${first.ageMillis} ms old) · live`;
    watching?.abort();
    watching = new AbortController();
    const changes = document.getElementById('availability-changes');
    changes.replaceChildren();
    stream(
      `${path}/stream`,
      { sku },
      (message) => {
        const change = JSON.parse(message.data);
        changes.prepend(el('li', {}, `#${message.id} ${message.data}`));
        if (change.sku) {
          const known = rows.get(change.sku) ?? { sku: change.sku, locations: [] };
          rows.set(change.sku, { ...known, ...change });
          render();
        }
      },
      watching.signal,
    ).catch((error) => {
      if (error.name !== 'AbortError') {
        status.textContent = `Stream ended: ${error.message}`;
      }
    });
  }),
);

// Finance: period balances and the reconciliation runs.
document.getElementById('finance-form').addEventListener(
  'submit',
  guarded(async (event) => {
    const { period, sku, location: at } = formValues(event.target);
    const balances = await call(`/api/v1/finance/periods/${encodeURIComponent(period.trim())}/balances`, { params: { sku, location: at } });
    const figure = (name) => [name, (row) => `${row.quantity?.[name] ?? ''} / ${row.value?.[name] ?? ''}`, true];
    show(
      'finance-result',
      el('p', { class: 'muted' }, `${balances.period} · ${balances.closed ? 'closed' : 'open'} · ${balances.currency} · quantity / value`),
      table(
        [
          ['SKU', (row) => row.sku ?? 'total'],
          ['Location', (row) => row.location ?? ''],
          ...['opening', 'receipts', 'shipments', 'transfersIn', 'transfersOut', 'adjustments', 'returns', 'writeOffs', 'closing'].map(figure),
        ],
        [...balances.rows, ...(balances.ledgerTotal ? [balances.ledgerTotal] : [])],
        'finance-table',
      ),
    );
  }),
);

async function loadReconciliations() {
  const runs = await call('/api/v1/finance/reconciliations');
  show(
    'reconciliation-result',
    runs.items.length === 0
      ? el('p', { class: 'muted' }, 'No reconciliation runs yet.')
      : table(
          [
            ['Run', (r) => r.runId],
            ['Uploaded', (r) => r.uploadedAt],
            ['By', (r) => r.uploadedBy],
            ['Periods', (r) => (r.periods ?? []).join(', ')],
            ['Matched', (r) => r.totals?.matched, true],
            ['Differing', (r) => r.totals?.differing, true],
            ['Missing in ERP', (r) => r.totals?.missingInErp, true],
            ['Missing in ledger', (r) => r.totals?.missingInLedger, true],
          ],
          runs.items,
          'reconciliation-table',
        ),
  );
}

// Projections: health, lag, rebuild progress and dead letters with retry.
async function loadProjections() {
  const health = await fetch('/actuator/health').then((response) => response.json());
  const projections = health.components?.projections;
  const healthLine = document.getElementById('health');
  healthLine.replaceChildren(
    'Query side health: ',
    el('span', { class: `status-${health.status}`, id: 'health-status' }, health.status),
    projections ? ` · projections ${projections.status}` : '',
  );
  const lags = await call('/api/v1/projections/lag');
  show(
    'lag-result',
    table(
      [
        ['Projection', (p) => p.projection],
        ['Running', (p) => (p.error ? 'error' : p.running ? 'yes' : 'no')],
        ['Position', (p) => p.position, true],
        ['Head', (p) => p.head, true],
        ['Events behind', (p) => p.eventsBehind, true],
        ['Ms behind', (p) => p.millisBehind, true],
        ['Dead letters', (p) => p.deadLetters ?? '–', true],
        ['Health', (p) => (p.degraded ? el('span', { class: 'status-DEGRADED' }, `DEGRADED: ${p.degraded}`) : el('span', { class: 'status-UP' }, 'UP'))],
      ],
      lags,
      'lag-table',
    ),
  );
  const rebuilds = await call('/api/v1/projections');
  show(
    'rebuild-result',
    table(
      [
        ['Projection', (p) => p.projection],
        ['Latest run', (p) => (p.runs[0] ? `${p.runs[0].kind} ${p.runs[0].state}` : 'none')],
        ['Progress', (p) => (p.runs[0] ? `${p.runs[0].eventsDone ?? 0} / ${p.runs[0].eventsTotal ?? '?'}` : ''), true],
        ['Remaining', (p) => (p.runs[0]?.secondsRemaining != null ? `${p.runs[0].secondsRemaining} s` : ''), true],
        ['Started', (p) => p.runs[0]?.startedAt ?? ''],
      ],
      rebuilds,
      'rebuild-table',
    ),
  );
  let letters;
  try {
    letters = await call('/api/v1/dead-letters');
  } catch (error) {
    if (error.status === 403) {
      show('dead-letter-result', el('p', { class: 'muted' }, 'Dead letters need the admin role.'));
      return;
    }
    throw error;
  }
  const sequences = letters.flatMap((group) => group.items.map((sequence) => ({ group: group.processingGroup, ...sequence })));
  show(
    'dead-letter-result',
    sequences.length === 0
      ? el('p', { class: 'muted' }, 'No dead letters.')
      : table(
          [
            ['Projection', (s) => s.group],
            ['Sequence', (s) => s.sequenceIdentifier],
            ['Events', (s) => s.letters.length, true],
            ['First cause', (s) => `${s.letters[0]?.causeType ?? ''}: ${s.letters[0]?.causeMessage ?? ''}`],
            [
              '',
              (s) =>
                el(
                  'button',
                  {
                    class: 'small',
                    onclick: guarded(async () => {
                      const path = `/api/v1/dead-letters/${encodeURIComponent(s.group)}/${encodeURIComponent(s.sequenceIdentifier)}/retries`;
                      const retry = await call(path, { method: 'POST' });
                      await loadProjections();
                      document.getElementById('error').textContent = retry.succeeded ? '' : `Retry failed; ${retry.lettersLeft} left`;
                      document.getElementById('error').hidden = retry.succeeded;
                    }),
                  },
                  'Retry',
                ),
            ],
          ],
          sequences,
          'dead-letter-table',
        ),
  );
}

window.addEventListener('hashchange', route);
route();
