/**
 * `npm start`: checks the example account, compiles it, decides every example request with the TS
 * runtime and the reference engine, and prints one table row per request.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, formatDiagnostic } from '../compiler/index.js';
import { referenceAuthorizer } from '../compiler/reference/index.js';
import { loadBundle } from '../runtime/index.js';
import type { Decision } from '../runtime/types.js';
import { renderTable } from './render-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const modelPath = join(here, 'acme', 'model.json');
const requestsPath = join(here, 'acme', 'requests.jsonl');

const compiled = compile(modelPath);
for (const d of compiled.diagnostics) console.log(formatDiagnostic(d));
if (compiled.bundle === null) {
  console.error('The example account has errors; nothing to evaluate.');
  process.exit(1);
}
console.log(
  `Checked and compiled ${relative(process.cwd(), modelPath)}: ${compiled.bundle.length} bytes, ${compiled.diagnostics.length} diagnostic(s).\n`,
);

const runtime = loadBundle(compiled.bundle);
const reference = referenceAuthorizer(modelPath);
const requests = readFileSync(requestsPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Record<string, unknown>);

const shortArn = (s: unknown) => String(s ?? '*').replace(/^acs:(\w+):([\w-]*):\d+:/, 'acs:$1:$2:…:');
const caller = (r: Record<string, unknown>) =>
  shortArn(r.principal ?? (r.accessKeyId ? `key ${String(r.accessKeyId)}` : 'token'));
const decidedBy = (d: Decision) =>
  d.error
    ? `${d.error.code}: ${d.error.message}`
    : d.deciding.map((s) => `${s.policy}#${s.statement}${s.sid ? ` (${s.sid})` : ''}`).join(', ') ||
      `(${d.explanation?.step ?? 'no statement'})`;

let disagreements = 0;
const rows = requests.map((request) => {
  const fast = runtime.authorize(request, { explain: true });
  const slow = reference.authorize(request);
  if (fast.decision !== slow.decision) disagreements += 1;
  const target = request.operation ? `${String(request.operation)} (operation)` : String(request.action);
  return [
    String(request.id),
    caller(request),
    target,
    request.operation
      ? (fast.checks ?? []).map((c) => shortArn(c.resource)).join(' + ')
      : shortArn(request.resource),
    fast.decision,
    decidedBy(fast),
  ];
});
console.log(renderTable(['request', 'caller', 'action', 'resource', 'decision', 'decided by'], rows));
console.log(
  disagreements === 0
    ? `\nThe TS runtime and the reference engine agree on all ${requests.length} requests.`
    : `\n${disagreements} request(s) were decided differently by the reference engine: please report this.`,
);
process.exitCode = disagreements === 0 ? 0 : 1;
