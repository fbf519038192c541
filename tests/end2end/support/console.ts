// What every end-to-end scenario shares: a `test` whose pages report Content-Security-Policy
// violations and uncaught errors (each test fails on any), signing in on dev-api's page, and
// the accessibility check.
import { test as base, expect, type Page, type Response } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { appendFileSync, mkdirSync } from 'node:fs';
import { canStartDevApi, startDevApi } from './dev-api';

export { expect };
export type { Page };

/** The demo users on dev-api's sign-in page. */
export const ADA = { button: /Ada Lovelace/, name: 'Ada Lovelace', role: 'Tenant Administrator' };
export const MAX = { button: /Max Planck/, name: 'Max Planck' };

/** sessionStorage key that holds verifier/state/nonce/returnTo during the redirect only. */
export const PENDING_KEY = 'clients-console.sign-in';

/** What a page said that a user (or a security review) would care about. */
export interface Watch {
  /** `securitypolicyviolation` events and console lines about the Content Security Policy. */
  csp: string[];
  /** Uncaught exceptions (a wasm panic shows up here). */
  pageErrors: string[];
  /** Every console line, for the "no token in the console" check. */
  console: string[];
}

/** Records every CSP violation, uncaught error and console line of `page`. */
async function watchPage(page: Page): Promise<Watch> {
  const watch: Watch = { csp: [], pageErrors: [], console: [] };
  await page.exposeFunction('__e2eReportCsp', (text: string) => watch.csp.push(text));
  // Injected by the test driver, not by the page: the app's CSP does not apply to it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__e2eReportCsp(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} on ${e.documentURI}`,
      );
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    watch.console.push(text);
    if (/Content[- ]Security[- ]Policy/i.test(text)) watch.csp.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(String(error)));
  return watch;
}

/**
 * Every scenario starts from dev-api's seeded demo tenant with no fault armed, and runs with
 * `watch`: none may end with a CSP violation or an uncaught error.
 */
export const test = base.extend<{ watch: Watch; freshTenant: void }, { workerApp: string | undefined }>({
  // Each Playwright worker gets a dev-api of its own (the app, the API, the identity server),
  // so that workers run side by side and `/_dev/reset` in one never touches another's tenant.
  // Without E2E_DEV_API (Playwright run by hand) the configured servers are used.
  workerApp: [
    async ({}, use, workerInfo) => {
      if (!canStartDevApi) return use(undefined);
      const underAdmin = workerInfo.project.name === 'sub-path';
      const server = underAdmin
        ? await startDevApi(['--dev-endpoints', '--base-path', '/admin/'], {}, 'E2E_DIST_ADMIN')
        : await startDevApi(['--dev-endpoints']);
      await use(`${server.url}${underAdmin ? '/admin/' : '/'}`);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ workerApp, baseURL }, use) => use(workerApp ?? baseURL),
  freshTenant: [
    async ({ request }, use) => {
      // From the server's root, also for the project served under /admin/.
      expect((await request.delete('/_dev/faults')).ok(), 'dev-api clears its faults').toBe(true);
      expect((await request.post('/_dev/reset')).ok(), 'dev-api restores the demo tenant').toBe(true);
      await use();
    },
    { auto: true },
  ],
  watch: [
    async ({ page }, use) => {
      const watch = await watchPage(page);
      await use(watch);
      expect(watch.csp, 'Content-Security-Policy violations').toEqual([]);
      expect(watch.pageErrors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

/** Waits for dev-api's sign-in page and picks a demo user there. */
export async function signInAs(page: Page, user: { button: RegExp }) {
  await expect(page).toHaveURL(/\/connect\/authorize\?/);
  await expect(
    page.getByRole('heading', { name: 'Sign in to CONNECT data services' }),
  ).toBeVisible();
  await page.getByRole('button', { name: user.button }).click();
}

/** Resolves with the identity server's token response body (call before signing in). */
export function tokenResponse(page: Page): Promise<{ access_token: string; id_token?: string }> {
  return page
    .waitForResponse((r: Response) => r.url().endsWith('/connect/token') && r.request().method() === 'POST')
    .then(async (r) => {
      expect(r.status(), 'the token endpoint accepted the code').toBe(200);
      return r.json();
    });
}

/** The names in the visible client list. */
export function rowNames(page: Page) {
  return page.locator('.client-row .client-row__name');
}

/** What axe found on one screen in one colour scheme, for the report. */
export interface AxeRecord {
  state: string;
  scheme: 'light' | 'dark';
  violations: string[];
}

/** Where each axe run is recorded, one JSON line per screen and scheme (the report). */
export const AXE_REPORT = 'target/end2end/axe.jsonl';

function record(entry: AxeRecord) {
  mkdirSync('target/end2end', { recursive: true });
  appendFileSync(AXE_REPORT, JSON.stringify(entry) + '\n');
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) =>
      `${v.impact}: ${v.id} (${v.help}) at ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
}

/**
 * Runs axe on what the page shows now, in light and in dark colour scheme, and fails on any
 * violation of any impact. No rule is disabled.
 */
export async function expectAccessible(page: Page, state: string) {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const list = await violations(page);
    record({ state, scheme, violations: list });
    found.push(...list.map((v) => `${scheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found, `accessibility violations on ${state}`).toEqual([]);
}
