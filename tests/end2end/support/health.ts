// What the API holds about clients' secrets, in the Secrets column's terms: each secret's
// state (expired, within 7 or 30 days, never, OK), each client's worst state, its status and
// roles. Shared by the Secrets column's and the posture strip's specs.
import type { APIRequestContext } from '@playwright/test';
import { SECRET_KINDS, apiClients, apiSecrets, type Kind } from './tasks';

const DAY = 86_400_000;

/** The column's states, worst first (the order the Secrets column sorts by). */
export const RANK = ['expired', 'week', 'month', 'never', 'valid', 'none'] as const;
export type State = (typeof RANK)[number];

/** The column's word for each state. */
export const WORD: Record<State, string> = {
  expired: 'Expired',
  week: 'Expires in ≤ 7 days',
  month: 'Expires in ≤ 30 days',
  never: 'Never expires',
  valid: 'OK',
  none: 'No secrets',
};

/** One secret's state at `now`, from the API's fields (`Expires: false` or no date: never). */
function secretState(secret: Record<string, any>, now: number): Exclude<State, 'none'> {
  if (secret.Expires === false || !secret.Expiration) return 'never';
  const left = Date.parse(secret.Expiration) - now;
  if (left <= 0) return 'expired';
  if (left <= 7 * DAY) return 'week';
  if (left <= 30 * DAY) return 'month';
  return 'valid';
}

/** What the API says about one client: its worst secret's state and the states present
 * (`none` and nothing for a type without secrets), its status and its role ids. */
export interface Expected {
  name: string;
  kind: Kind;
  enabled: boolean;
  worst: State;
  states: Set<State>;
  roles: string[];
}

/** Every client of `kinds` (by default those with secrets) as the API holds it. */
export async function expectedHealth(request: APIRequestContext, kinds: Kind[] = SECRET_KINDS): Promise<Expected[]> {
  const now = Date.now();
  const out: Expected[] = [];
  for (const kind of kinds) {
    for (const client of await apiClients(request, kind)) {
      const secrets = kind.secrets ? await apiSecrets(request, kind, client.Name) : [];
      const states = new Set<State>(secrets.map((s) => secretState(s, now)));
      const worst = RANK.find((state) => states.has(state)) ?? 'none';
      const roles = (client.RoleIds ?? []) as string[];
      out.push({ name: client.Name, kind, enabled: client.Enabled !== false, worst, states, roles });
    }
  }
  return out;
}
