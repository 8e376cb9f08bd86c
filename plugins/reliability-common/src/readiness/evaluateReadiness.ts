import {
  Attestation,
  ReadinessFacts,
  ReadinessItem,
  ReadinessItemResult,
  ReadinessResult,
  ReadinessRule,
  Waiver,
} from './Readiness';

const COUNTS_AS_DONE = new Set(['pass', 'attested', 'waived']);

/**
 * The required items that stand between an entity and `ready`: neither
 * passing, attested nor waived.
 *
 * @internal
 */
export function failingRequiredItems(
  items: readonly ReadinessItemResult[],
): ReadinessItemResult[] {
  return items.filter(
    i => i.level === 'required' && !COUNTS_AS_DONE.has(i.status),
  );
}

function statusOf(pass: boolean | null): ReadinessItemResult['status'] {
  if (pass === null) return 'unknown';
  return pass ? 'pass' : 'fail';
}

/**
 * Evaluates a readiness template at `at`: automatic items by their rule
 * over `facts`, manual items by their latest attestation (expired ones are
 * `expired`), and a failing or expired item covered by an unexpired waiver
 * is `waived`. Pure: the time is an argument.
 *
 * @internal
 */
export function evaluateReadiness(input: {
  template: readonly ReadinessItem[];
  facts: ReadinessFacts;
  attestations: readonly Attestation[];
  waivers: readonly Waiver[];
  rules: Readonly<Record<string, ReadinessRule>>;
  at: number;
}): ReadinessResult {
  const { template, facts, attestations, waivers, rules, at } = input;
  const items: ReadinessItemResult[] = template.map(item => {
    const base = {
      id: item.id,
      title: item.title,
      category: item.category,
      level: item.level,
      kind: item.rule ? ('automatic' as const) : ('manual' as const),
    };
    let status: ReadinessItemResult['status'];
    let reason: string;
    let attestation: Attestation | undefined;
    if (item.rule) {
      const rule = rules[item.rule.id];
      const verdict = rule
        ? rule(facts, item.rule.options ?? {}, at)
        : { pass: null, reason: `Unknown rule '${item.rule.id}'` };
      status = statusOf(verdict.pass);
      reason = verdict.reason;
    } else {
      attestation = [...attestations]
        .filter(a => a.itemId === item.id)
        .sort((a, b) => Date.parse(b.attestedAt) - Date.parse(a.attestedAt))[0];
      if (!attestation) {
        status = 'fail';
        reason = 'Not attested yet';
      } else if (Date.parse(attestation.expiresAt) > at) {
        status = 'attested';
        reason = `Attested by ${attestation.attestedBy}`;
      } else {
        status = 'expired';
        reason = `Attestation by ${
          attestation.attestedBy
        } expired ${attestation.expiresAt.slice(0, 10)}`;
      }
    }
    const waiver =
      status === 'fail' || status === 'expired'
        ? waivers.find(
            w => w.itemId === item.id && Date.parse(w.expiresAt) > at,
          )
        : undefined;
    if (waiver) {
      return {
        ...base,
        status: 'waived',
        reason: `Waived by ${waiver.approvedBy} until ${waiver.expiresAt.slice(
          0,
          10,
        )}: ${waiver.reason}`,
        waiver,
        ...(attestation ? { attestation } : {}),
      };
    }
    return { ...base, status, reason, ...(attestation ? { attestation } : {}) };
  });
  const done = items.filter(i => COUNTS_AS_DONE.has(i.status)).length;
  return {
    items,
    score: items.length === 0 ? 1 : done / items.length,
    ready: items
      .filter(i => i.level === 'required')
      .every(i => COUNTS_AS_DONE.has(i.status)),
  };
}
