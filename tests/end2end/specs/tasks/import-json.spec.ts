// Task: copy clients to another tenant — Export as JSON here, Import there: a dry run before
// anything is sent (will be created, a name that exists: skip or create anyway, roles
// matched by name or dropped, what the contract refuses), Create like a bulk action, the new
// secrets shown once together with Copy and a .env made in memory; a bad document is said
// and sends nothing.
import { test, expect, expectAccessible, signInAs, ADA } from '../../support/console';
import { startDevApi, type DevApi } from '../../support/dev-api';
import { KINDS, TENANT, openClients, openClient, pane, apiClients, apiRoles, endState, tabTo } from '../../support/tasks';
import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';

const CC = KINDS[0];
const ADMIN = { Authorization: 'Bearer admin' };

/** Exports the clients of the list shown (all picked) with their secrets; the document. */
async function exportAll(page: Page) {
  await page.getByRole('checkbox', { name: /^Select all \d+ matching$/ }).check();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: /^Export \d+ clients as JSON$/ });
  await dialog.getByTestId('export-secrets').check();
  const waiting = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Download \d+ clients$/ }).click();
  const download = await waiting;
  return { path: await download.path(), doc: JSON.parse(readFileSync(await download.path(), 'utf8')) };
}

async function clientsOf(request: APIRequestContext, base: string) {
  const response = await request.get(`${base}/api/v1/Tenants/${TENANT}/${CC.collection}?count=1000`, { headers: ADMIN });
  expect(response.status()).toBe(200);
  return (await response.json()) as Record<string, any>[];
}

function importDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Import clients' });
}

test.describe('into an empty tenant', () => {
  let other: DevApi;
  test.beforeAll(async () => {
    other = await startDevApi(['--empty']);
  });
  test.afterAll(async () => other.stop());

  test('export → import recreates the clients: same fields, roles by name, the secrets shown once', async ({ page, request, context }) => {
    await openClients(page, CC);
    const { path, doc } = await exportAll(page);
    const here = await apiClients(request, CC);
    const rolesHere = await apiRoles(request);
    expect(doc.clients).toHaveLength(here.length);

    const there = await context.newPage();
    await there.goto(`${other.url}/security/clients`);
    await signInAs(there, ADA);
    await expect(there.getByText('No client-credentials clients yet')).toBeVisible();
    await there.getByRole('button', { name: 'Import' }).click();
    const dialog = importDialog(there);
    await dialog.getByTestId('import-file').setInputFiles(path);
    await expect(dialog.getByTestId('import-text')).not.toHaveValue('');
    await dialog.getByRole('button', { name: 'Check' }).click();
    await expect(dialog.getByTestId('import-row')).toHaveCount(here.length);
    await expect(dialog.getByTestId('import-summary')).toHaveText(`Nothing has been sent yet. ${here.length} clients will be created.`);
    expect(await clientsOf(request, other.url)).toHaveLength(0);
    await expectAccessible(there, 'the import dry run');

    await dialog.getByTestId('import-create').click();
    await expect(dialog.getByTestId('bulk-status')).toHaveText(`Finished: ${here.length} created.`);
    await expect(dialog.getByTestId('import-secret')).toHaveCount(here.length);
    await expectAccessible(there, 'the imported clients\' secrets');
    await endState(there, 'import-secrets');
    const envWait = there.waitForEvent('download');
    await dialog.getByTestId('import-env').click();
    const env = readFileSync(await (await envWait).path(), 'utf8');
    expect(env.match(/_CLIENT_SECRET=\S+/g)).toHaveLength(here.length);

    // The API of the other tenant holds the same clients: fields, and roles by name.
    const copied = await clientsOf(request, other.url);
    const rolesThere = (await (await request.get(`${other.url}/api/v1/Tenants/${TENANT}/Roles?count=1000`, { headers: ADMIN })).json()) as Record<string, any>[];
    const nameOf = (roles: Record<string, any>[], id: string) => roles.find((r) => r.Id === id)?.Name;
    for (const original of here) {
      const copy = copied.find((c) => c.Name === original.Name);
      expect(copy, original.Name).toBeTruthy();
      expect(copy!.Enabled).toBe(original.Enabled);
      expect(copy!.AccessTokenLifetime ?? 3600).toBe(original.AccessTokenLifetime ?? 3600);
      const want = original.RoleIds.map((id: string) => nameOf(rolesHere, id)).filter((n: string) => rolesThere.some((r) => r.Name === n)).sort();
      expect(copy!.RoleIds.map((id: string) => nameOf(rolesThere, id)).sort()).toEqual(expect.arrayContaining(want));
    }

    // Closing with secrets on screen asks first.
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog.getByTestId('import-close-guard')).toBeVisible();
    await dialog.getByTestId('import-close-guard').getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(there.locator('.client-row')).toHaveCount(here.length);
  });
});

test('the dry run: a name that exists (skip or create anyway), an unknown role; a bad document sends nothing', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, CC.sample);
  await pane(page).getByRole('button', { name: 'More options' }).click();
  await page.getByRole('menuitem', { name: 'Export as JSON' }).click();
  const waiting = page.waitForEvent('download');
  await page.getByRole('dialog', { name: /^Export/ }).getByRole('button', { name: 'Download' }).click();
  const doc = JSON.parse(readFileSync(await (await waiting).path(), 'utf8'));
  doc.clients[0].Roles.push({ Id: 'not-here', Name: 'Night shift operators' });
  const posts: string[] = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/')) posts.push(r.url()); });

  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = importDialog(page);
  const text = dialog.getByTestId('import-text');
  // Bad documents: said, the text kept, nothing sent.
  await text.fill('{ "version": 1, "clients": [ ');
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByTestId('import-problem')).toContainText('This is not JSON');
  await expect(text).toHaveValue('{ "version": 1, "clients": [ ');
  await text.fill(JSON.stringify({ ...doc, version: 7 }));
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByTestId('import-problem')).toContainText('version 7');
  await text.fill(JSON.stringify({ version: 1, clients: [{ Type: 'client-credentials', Client: { Name: 42 } }] }));
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByTestId('import-problem')).toContainText('Client 1 of the document: a field has the wrong type');
  await dialog.getByTestId('import-file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(10 * 1024 * 1024, 32) });
  await expect(dialog.getByTestId('import-problem')).toContainText('“huge.json” is 10.0 MB');
  await expectAccessible(page, 'Import with a bad document');
  expect(posts).toHaveLength(0);

  // The exported client itself: its name exists here; the unknown role is dropped.
  await text.fill(JSON.stringify(doc));
  await dialog.getByRole('button', { name: 'Check' }).click();
  const row = dialog.getByTestId('import-row');
  await expect(row).toContainText('A client of this type with this name exists.');
  await expect(row).toContainText('Role “Night shift operators”: not in this tenant, dropped');
  await expect(row.getByLabel('Skip it')).toBeChecked();
  await expect(dialog.getByTestId('import-create')).toBeDisabled();
  await endState(page, 'import-dry-run');
  await row.getByLabel('Create anyway').check();
  await dialog.getByTestId('import-create').click();
  await expect(dialog.getByTestId('bulk-status')).toHaveText('Finished: 1 created.');
  const named = (await apiClients(request, CC)).filter((c) => c.Name === CC.sample);
  expect(named).toHaveLength(2);
  expect(posts).toHaveLength(1);
});

test('keyboard only: Export as JSON from More options, then Import it pasted, Skip kept, Create anyway', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, CC.sample);
  await pane(page).getByRole('button', { name: 'More options' }).focus();
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('menuitem', { name: 'Export as JSON' }), 5);
  await page.keyboard.press('Enter');
  const exporting = page.getByRole('dialog', { name: /^Export/ });
  await expect(exporting.getByRole('button', { name: 'Download' })).toBeFocused();
  const waiting = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const text = readFileSync(await (await waiting).path(), 'utf8');
  await expect(exporting).toHaveCount(0);

  await tabTo(page, page.getByRole('button', { name: 'Import' }));
  await page.keyboard.press('Enter');
  const dialog = importDialog(page);
  await tabTo(page, dialog.getByTestId('import-text'), 6);
  await page.keyboard.insertText(text);
  await tabTo(page, dialog.getByRole('button', { name: 'Check' }), 4);
  await page.keyboard.press('Enter');
  const anyway = dialog.getByTestId('import-row').getByLabel('Create anyway');
  await tabTo(page, dialog.getByTestId('import-row').getByLabel('Skip it'), 8);
  await page.keyboard.press('ArrowDown');
  await expect(anyway).toBeChecked();
  await tabTo(page, dialog.getByTestId('import-create'), 4);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('bulk-status')).toHaveText('Finished: 1 created.');
  await expect(dialog.getByTestId('import-secret')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog.getByTestId('import-close-guard')).toBeVisible();
  await expect(dialog.getByTestId('import-close-guard').getByRole('button', { name: 'Keep open' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('import-secret')).toHaveCount(1);
  expect((await apiClients(request, CC)).filter((c) => c.Name === CC.sample)).toHaveLength(2);
});
