import type { OpenApiContract } from '../openapi-contract';
import type { FuzzRequest } from './fuzz-world';
import { summarize } from './json-text';

/** What came back, or how the request failed at the transport level. */
export interface Outcome {
  status: number;
  contentType: string;
  text: string;
  ms: number;
  /** Set when no response arrived in time or the connection broke. */
  transportError?: string;
}

/** One broken promise of the issue: a 5xx, a slow or lost response, or a body off its documented schema. */
export interface Failure {
  operation: string;
  kind: string;
  status: number;
  violation: string;
  request: FuzzRequest;
  notes: string[];
  responseText: string;
}

export async function send(baseUrl: string, request: FuzzRequest, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(baseUrl + request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      ms: performance.now() - started,
    };
  } catch (err) {
    const error = err as Error & { cause?: { code?: string; message?: string } };
    const reason =
      error.name === 'TimeoutError'
        ? `no response within ${timeoutMs} ms`
        : `${error.message}${error.cause ? ` (${error.cause.code ?? error.cause.message})` : ''}`;
    return { status: 0, contentType: '', text: '', ms: performance.now() - started, transportError: reason };
  }
}

/**
 * The failures of one exchange: 5xx, timeouts and broken connections, slow answers, and
 * contract violations (the success or error body against the operation's documented schema;
 * `operation` is used when the URL itself does not route to a documented one).
 */
export function judge(
  contract: OpenApiContract,
  operation: { method: string; path: string },
  request: FuzzRequest,
  outcome: Outcome,
  timeoutMs: number,
  notes: string[],
): Failure[] {
  const failure = (kind: string, violation: string): Failure => ({
    operation: `${operation.method} ${operation.path}`,
    kind,
    status: outcome.status,
    violation,
    request,
    notes,
    responseText: outcome.text.slice(0, 2000),
  });
  if (outcome.transportError)
    return [
      failure(
        /no response/.test(outcome.transportError) ? 'timeout' : 'transport error',
        outcome.transportError,
      ),
    ];
  const failures: Failure[] = [];
  if (outcome.status >= 500)
    failures.push(failure('5xx', `${outcome.status} ${summarize(outcome.text, 200)}`));
  if (outcome.ms > timeoutMs) failures.push(failure('slow', `${Math.round(outcome.ms)} ms`));
  let body: unknown = outcome.text;
  if (outcome.contentType.includes('json') && outcome.text) {
    try {
      body = JSON.parse(outcome.text);
    } catch {
      failures.push(
        failure(
          'contract',
          `body is not the JSON its Content-Type announces: ${summarize(outcome.text, 80)}`,
        ),
      );
      return failures;
    }
  }
  if (outcome.status < 500) {
    const observed = {
      method: request.method,
      url: request.url,
      status: outcome.status,
      contentType: outcome.contentType,
      body,
      text: outcome.text,
    };
    const violations = contract.violations(observed, operation);
    if (violations.length) failures.push(failure('contract', violations[0]));
  }
  return failures;
}

/** What kind of input it was (`body deep`, `?page`, `{id}`, `transport`), for failures that say nothing themselves. */
function inputKind(f: Failure): string {
  // A refused token is the likeliest culprit when there is one; else the first hostile part of the request.
  const note =
    f.notes.find((n) => /^auth /.test(n) && !/^auth (fit|none)\b/.test(n)) ??
    f.notes.find((n) => !/^(auth|everything|valid)\b/.test(n)) ??
    f.notes[0] ??
    '';
  return note.split(/[:=]/)[0].slice(0, 40);
}

/** The defect a failure shows: its violation without specifics, or for a 5xx or timeout the kind of input. */
function causeOf(f: Failure): string {
  return `${f.status || f.kind} ${f.kind === 'contract' ? violationKind(f.violation) : `${f.kind} on ${inputKind(f)}`}`;
}

/** A violation without its specifics (array indexes, values), so the same defect groups together. */
function violationKind(violation: string): string {
  return violation
    .replace(/^[A-Z]+ \S+ → \d+: /, '')
    .replace(/\/\d+/g, '/n')
    .replace(/ \{.*\}$/, '')
    .slice(0, 120);
}

export interface FailureGroup {
  key: string;
  count: number;
  sample: Failure;
}

/** Failures grouped by (operation, status, kind of violation), the worst kinds and biggest groups first. */
export function groupFailures(failures: Failure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const f of failures) {
    const key = `${f.operation} → ${causeOf(f)}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { key, count: 1, sample: f });
  }
  return [...groups.values()].sort(
    (a, b) => severity(a.sample) - severity(b.sample) || b.count - a.count || a.key.localeCompare(b.key),
  );
}

/** 5xx, timeouts and lost connections first, then error bodies off their schema, then success bodies. */
function severity(f: Failure): number {
  if (f.kind !== 'contract') return 0;
  return f.status >= 400 ? 1 : 2;
}

/** A request a reader can paste into a shell (bodies and headers shortened). */
export function reproduction(request: FuzzRequest): string {
  const headers = Object.entries(request.headers).map(
    ([k, v]) =>
      `-H '${k}: ${k === 'authorization' && v.length > 40 ? `${v.slice(0, 20)}…` : summarize(v, 60)}'`,
  );
  const body =
    request.body === undefined
      ? ''
      : ` --data-binary '${summarize(request.body.toString('utf8'), 200).replace(/'/g, "'\\''")}'`;
  return `curl -X ${request.method} '$BASE${summarize(request.url, 200)}' ${headers.join(' ')}${body}`.trim();
}

/** The same defects across operations: (status, kind of violation) with the operations they hit. */
export function formatCauses(failures: Failure[], limit = 20): string {
  const causes = new Map<string, { count: number; operations: Set<string> }>();
  for (const f of failures) {
    const key = causeOf(f);
    const cause = causes.get(key) ?? { count: 0, operations: new Set<string>() };
    cause.count++;
    cause.operations.add(f.operation);
    causes.set(key, cause);
  }
  return [...causes.entries()]
    .sort((a, b) => b[1].operations.size - a[1].operations.size || b[1].count - a[1].count)
    .slice(0, limit)
    .map(([key, c]) => `  [${c.count}× in ${c.operations.size} operations] ${key}`)
    .join('\n');
}

export function formatGroups(groups: FailureGroup[], limit = 40): string {
  return groups
    .slice(0, limit)
    .map((g, i) => {
      const s = g.sample;
      return [
        `${String(i + 1).padStart(2)}. [${g.count}×] ${g.key}`,
        `    input: ${s.notes.join(', ') || 'plain'}`,
        `    first: ${s.violation}`,
        `    repro: ${reproduction(s.request)}`,
        `    reply: ${summarize(s.responseText, 160)}`,
      ].join('\n');
    })
    .join('\n');
}
