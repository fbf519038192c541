// Task: copy client definitions to another tenant, step one — Export one client (More
// options) or the picked ones (the bulk bar) as one JSON document, made in the browser:
// each client's type, settable fields as the API names them, roles by id and name; the
// secrets' descriptions and expirations only if asked; never a secret value.
import { test, expect, expectAccessible } from '../../support/console';
import { KINDS, openClients, openClient, pane, apiClient, apiRoles, apiSecrets, endState } from '../../support/tasks';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';

const [CC, HYBRID] = KINDS;

async function documentOf(download: Download) {
  const text = readFileSync(await download.path(), 'utf8');
  return { text, doc: JSON.parse(text) };
}

async function downloadFrom(page: Page, dialog: ReturnType<Page['getByRole']>, button: RegExp) {
  const waiting = page.waitForEvent('download');
  await dialog.getByRole('button', { name: button }).click();
  return documentOf(await waiting);
}

test('More options › Export as JSON: one client, its fields and roles by id and name, no secrets unless asked', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, CC.sample);
  await pane(page).getByRole('button', { name: 'More options' }).click();
  await page.getByRole('menuitem', { name: 'Export as JSON' }).click();
  const dialog = page.getByRole('dialog', { name: `Export “${CC.sample}” as JSON` });
  await expect(dialog.getByRole('button', { name: 'Download' })).toBeFocused();
  await expectAccessible(page, 'the Export as JSON dialog');

  const { doc } = await downloadFrom(page, dialog, /^Download$/);
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.toasts')).toContainText('no secret values are in it');
  const stored = await apiClient(request, CC, CC.sample);
  const roles = await apiRoles(request);
  expect(doc.version).toBe(1);
  expect(doc.clients).toHaveLength(1);
  const c = doc.clients[0];
  expect(c.Type).toBe('client-credentials');
  expect(c.Client.Name).toBe(stored.Name);
  expect(c.Client.AccessTokenLifetime).toBe(stored.AccessTokenLifetime ?? 3600);
  expect(c.Client.Id, 'the other tenant makes its own id').toBeUndefined();
  expect(c.Roles.map((r: any) => r.Id).sort()).toEqual([...stored.RoleIds].sort());
  for (const r of c.Roles) expect(r.Name).toBe(roles.find((x) => x.Id === r.Id)?.Name);
  expect(c.Secrets).toBeUndefined();
});

test('the picked clients with their secrets: descriptions and expirations, never a value', async ({ page, request }) => {
  await openClients(page, HYBRID);
  const rows = page.locator('.client-row');
  const count = await rows.count();
  await rows.nth(0).getByRole('checkbox').click();
  await rows.nth(count - 1).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: `Export ${count} clients as JSON` });
  await dialog.getByTestId('export-secrets').check();
  const { text, doc } = await downloadFrom(page, dialog, new RegExp(`^Download ${count} clients$`));
  expect(doc.clients).toHaveLength(count);
  const names = doc.clients.map((c: any) => c.Client.Name);
  const sample = doc.clients[names.indexOf(HYBRID.sample)];
  const secrets = await apiSecrets(request, HYBRID, HYBRID.sample);
  expect(sample.Type).toBe('hybrid');
  expect(sample.Client.RedirectUris.length).toBeGreaterThan(0);
  expect(sample.Secrets.map((s: any) => s.Description)).toEqual(secrets.map((s) => s.Description));
  for (const [i, s] of secrets.entries()) {
    const expected = s.Expires === false ? null : Date.parse(s.Expiration);
    expect(sample.Secrets[i].ExpirationDate == null ? null : Date.parse(sample.Secrets[i].ExpirationDate)).toBe(expected);
  }
  // Nothing that looks like a secret's value or id: only the two fields per secret.
  for (const c of doc.clients) for (const s of c.Secrets ?? []) expect(Object.keys(s).sort()).toEqual(['Description', 'ExpirationDate']);
  expect(text).not.toMatch(/"Secret"\s*:/);
  await endState(page, 'export-json');
});
