// What the task specs share (each starts from a fresh tenant, see support/console.ts): the
// three client types with a demo client each, signing in and choosing the type, finding a
// client, reading the API directly to check what it holds, and the end state's screenshot.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ADA, rowNames, signInAs } from './console';

export const TENANT = '5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a';
const ADMIN = { Authorization: 'Bearer admin' };

/** A client type as the user sees it, and one of dev-api's demo clients of that type. */
export interface Kind {
  slug: string;
  label: string;
  collection: string;
  /** A demo client to work on. */
  sample: string;
  /** Whether the type has secrets (the Secrets tab). */
  secrets: boolean;
  /** Whether Add Client needs redirect URLs. */
  web: boolean;
}

export const KINDS: Kind[] = [
  { slug: 'client-credentials', label: 'Client-Credentials', collection: 'ClientCredentialClients', sample: 'Pump station telemetry', secrets: true, web: false },
  { slug: 'hybrid', label: 'Hybrid', collection: 'HybridClients', sample: 'Operations dashboard', secrets: true, web: true },
  { slug: 'authorization-code', label: 'Authorization Code', collection: 'AuthorizationCodeClients', sample: 'Maintenance mobile app', secrets: false, web: true },
];

/** The types that have secrets. */
export const SECRET_KINDS = KINDS.filter((k) => k.secrets);

/** Opens the console, signs in as Ada (Tenant Administrator) and picks `kind` in Client Type. */
export async function openClients(page: Page, kind: Kind) {
  await page.goto('security/clients');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();
  await page.getByLabel('Client Type').selectOption({ label: kind.label });
  await expect(page.getByLabel('Client Type')).toHaveValue(kind.slug);
  await expect(page.getByText(new RegExp(`^\\d+ ${kind.label.toLowerCase()} clients?$`))).toBeVisible();
  await expect(rowNames(page).first()).toBeVisible();
}

/** Searches for `name` and opens its Details pane. */
export async function openClient(page: Page, name: string) {
  await page.getByLabel('Search').fill(name);
  await expect(rowNames(page)).toHaveText([name]);
  await rowNames(page).first().click();
  await expect(pane(page).locator('#pane-title')).toHaveText(name);
}

/** The Details pane. */
export function pane(page: Page) {
  return page.getByTestId('details-pane');
}

/**
 * Opens the sample client of `kind` on its Secrets tab; returns the secret rows and how many
 * secrets the API holds (the rows show exactly those).
 */
export async function openSecrets(page: Page, request: APIRequestContext, kind: Kind) {
  await openClients(page, kind);
  await openClient(page, kind.sample);
  await pane(page).getByRole('tab', { name: 'Secrets' }).click();
  const rows = page.getByTestId('secret-row');
  const before = (await apiSecrets(request, kind, kind.sample)).length;
  await expect(rows).toHaveCount(before);
  return { rows, before };
}

/** The clients of `kind` as the API holds them. */
export async function apiClients(request: APIRequestContext, kind: Kind): Promise<Record<string, any>[]> {
  const response = await request.get(`api/v1/Tenants/${TENANT}/${kind.collection}?count=1000`, { headers: ADMIN });
  expect(response.status()).toBe(200);
  return response.json();
}

/** The API's copy of the client of `kind` called `name` (exactly one must exist). */
export async function apiClient(request: APIRequestContext, kind: Kind, name: string) {
  const found = (await apiClients(request, kind)).filter((c) => c.Name === name);
  expect(found, `clients called ${name}`).toHaveLength(1);
  return found[0];
}

/** The secrets of a client as the API holds them. */
export async function apiSecrets(request: APIRequestContext, kind: Kind, name: string): Promise<Record<string, any>[]> {
  const client = await apiClient(request, kind, name);
  const response = await request.get(`api/v1/Tenants/${TENANT}/${kind.collection}/${client.Id}/Secrets`, { headers: ADMIN });
  expect(response.status()).toBe(200);
  return response.json();
}

/** Arms a dev-api fault for the next matching request(s). */
export async function fault(request: APIRequestContext, spec: Record<string, unknown>) {
  const response = await request.post('_dev/faults', { data: { count: 1, ...spec } });
  expect(response.status(), 'the fault is armed').toBe(201);
}

/** Saves the task's end state as target/end2end/<name>.png (not committed). */
export async function endState(page: Page, name: string) {
  await page.screenshot({ path: `target/end2end/${name}.png`, fullPage: true });
}

/** Presses Tab until `target` has the focus (keyboard only; fails after `max` presses). */
export async function tabTo(page: Page, target: import('@playwright/test').Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `reached by Tab within ${max} presses`).toBeFocused();
}

/** The tenant's roles as the API holds them. */
export async function apiRoles(request: APIRequestContext): Promise<Record<string, any>[]> {
  const response = await request.get(`api/v1/Tenants/${TENANT}/Roles?count=1000`, { headers: ADMIN });
  expect(response.status()).toBe(200);
  return response.json();
}
