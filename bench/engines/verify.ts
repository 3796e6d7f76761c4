import { formatCount } from '../report/table.js';
import type { Contender } from './contender.js';
import type { PreparedWorkload } from './prepare-workload.js';

/**
 * Checks that `contender` gives the reference engine's decision on every request of the mix, before
 * anything is timed. Returns a message for a person when it does not (or throws while deciding), else null.
 */
export function disagreement(contender: Contender, prepared: PreparedWorkload): string | null {
  const wrong: string[] = [];
  let count = 0;
  prepared.expected.forEach((expected, index) => {
    let got: string;
    try {
      got = contender.decide(index);
    } catch (cause) {
      got = `an exception (${cause instanceof Error ? cause.message : String(cause)})`;
    }
    if (got === expected) return;
    count += 1;
    if (wrong.length < 3) {
      const request = JSON.stringify(prepared.workload.requests[index]);
      wrong.push(`  request #${index} ${request}\n    reference: ${expected}, ${contender.name}: ${got}`);
    }
  });
  if (count === 0) return null;
  return (
    `${contender.name} disagrees with the reference engine on ${count} of ${formatCount(prepared.expected.length)} ` +
    `requests of the ${formatCount(prepared.workload.statements)}-statement workload:\n${wrong.join('\n')}\n` +
    'Timing answers that differ would compare different work, so the suite stops here. For a peer, fix its ' +
    'translation in bench/peers/; for a ramc engine, the differential tests should reproduce the bug.'
  );
}
