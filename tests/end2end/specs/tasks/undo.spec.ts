// Task: take back a change just made — after Edit Client → Save, Disable / Enable and Edit
// Secret the toast offers Undo (also the key Z); Undo reads the client again and restores
// the earlier values only if nobody changed it in between, else says what changed.
import { test, expect, expectAccessible } from '../../support/console';
import { KINDS, TENANT, openClients, openClient, pane, apiClient, apiSecrets, fault, endState, tabTo, type Kind } from '../../support/tasks';
import type { APIRequestContext, Page } from '@playwright/test';

const [CC, HYBRID] = KINDS;

function toast(page: Page, text: string | RegExp) {
  return page.locator('.toasts .toast').filter({ hasText: text });
}

function notice(page: Page) {
  return page.getByTestId('notice');
}

/** Changes a client behind the console's back (another admin, another window). */
async function putBehind(request: APIRequestContext, kind: Kind, id: string, body: Record<string, unknown>) {
  const response = await request.put(`api/v1/Tenants/${TENANT}/${kind.collection}/${id}`, {
    headers: { Authorization: 'Bearer admin' },
    data: body,
  });
  expect(response.status()).toBe(200);
}

async function editAndSave(page: Page, values: Record<string, string>) {
  await pane(page).getByRole('button', { name: 'Edit Client' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Client' });
  await expect(form.getByLabel('Name')).not.toHaveValue('');
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label).fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
}

for (const kind of [CC, HYBRID]) {
  test(`${kind.label}: Edit Client → Save → Undo puts every earlier value back`, async ({ page, request }) => {
    const before = await apiClient(request, kind, kind.sample);
    await openClients(page, kind);
    await openClient(page, kind.sample);
    const values: Record<string, string> = { Name: `${kind.sample} (renamed)`, 'Token Lifetime (seconds, optional)': '900' };
    if (kind.web) values['Allowed Logout Redirect URLs (optional)'] = 'https://signed-out.example.com/';
    await editAndSave(page, values);
    const saved = toast(page, 'Client saved');
    await expect(saved.getByRole('button', { name: 'Undo' })).toBeVisible();
    expect((await apiClient(request, kind, `${kind.sample} (renamed)`)).AccessTokenLifetime).toBe(900);
    await expectAccessible(page, `the toast with Undo (${kind.label})`);

    await saved.getByRole('button', { name: 'Undo' }).click();
    await expect(toast(page, /^Undone/)).toContainText(`“${kind.sample}” has its earlier values again`);
    await expect(saved).toHaveCount(0);
    await expect(pane(page).locator('#pane-title')).toHaveText(kind.sample);
    const after = await apiClient(request, kind, kind.sample);
    expect(after.AccessTokenLifetime).toBe(before.AccessTokenLifetime);
    expect(after.Enabled).toBe(before.Enabled);
    if (kind.web) expect(after.PostLogoutRedirectUris ?? []).toEqual(before.PostLogoutRedirectUris ?? []);
    // The focus left the toast's button (gone) for the pane.
    await expect(page.locator('.toasts button')).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=details-pane]') !== null)).toBe(true);
    await endState(page, `undo-edit-${kind.slug}`);
  });
}

test('Disable Client, then Z: enabled again, keyboard only', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, CC.sample);
  expect((await apiClient(request, CC, CC.sample)).Enabled).toBe(true);
  await pane(page).getByRole('button', { name: 'Disable Client' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Disable Client' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: 'Disable', exact: true }), 5);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const done = toast(page, 'Client disabled');
  await expect(done.getByRole('button', { name: 'Undo' })).toHaveAttribute('aria-keyshortcuts', 'z');
  await expect.poll(async () => (await apiClient(request, CC, CC.sample)).Enabled).toBe(false);
  await expect(pane(page).getByRole('button', { name: 'Enable Client' })).toBeFocused();

  await page.keyboard.press('z');
  await expect(toast(page, /^Undone/)).toBeVisible();
  await expect.poll(async () => (await apiClient(request, CC, CC.sample)).Enabled).toBe(true);
  await expect(pane(page).getByRole('button', { name: 'Disable Client' })).toBeVisible();
  // Z again: nothing offers Undo any more, nothing is sent.
  await page.keyboard.press('z');
  await expect(notice(page)).toHaveCount(0);
  expect((await apiClient(request, CC, CC.sample)).Enabled).toBe(true);
  await page.emulateMedia({ colorScheme: 'dark' });
  await endState(page, 'undo-enable-dark');
});

test('Edit Secret → Undo restores its description and expiry', async ({ page, request }) => {
  await openClients(page, HYBRID);
  await openClient(page, HYBRID.sample);
  await pane(page).getByRole('tab', { name: 'Secrets' }).click();
  const original = (await apiSecrets(request, HYBRID, HYBRID.sample))[0];
  const row = page.getByTestId('secret-row').first();
  await row.getByRole('button', { name: 'Edit Secret' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Secret' });
  await form.getByLabel('Description (optional)').fill('Undo me');
  await form.getByLabel('Never Expires').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('secret-row').filter({ hasText: 'Undo me' })).toContainText('Never Expires');

  await toast(page, 'Secret saved').getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page, /^Undone/)).toContainText(`the secret is “${original.Description}” again`);
  const restored = (await apiSecrets(request, HYBRID, HYBRID.sample)).find((s) => s.Id === original.Id);
  expect(restored!.Description).toBe(original.Description);
  expect(restored!.Expires).toBe(original.Expires);
  expect(Date.parse(restored!.Expiration)).toBe(Date.parse(original.Expiration));
  await expect(page.getByTestId('secret-row').filter({ hasText: 'Undo me' })).toHaveCount(0);
  await expect(page.getByTestId('secret-row').filter({ hasText: original.Description })).toHaveCount(1);
});

test('Undo refuses when the client was changed in between, and says what changed', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, CC.sample);
  await editAndSave(page, { Name: 'Pump station telemetry – west' });
  const saved = await apiClient(request, CC, 'Pump station telemetry – west');
  // Another admin changes the token lifetime meanwhile.
  await putBehind(request, CC, saved.Id, { AccessTokenLifetime: 1800 });

  await toast(page, 'Client saved').getByRole('button', { name: 'Undo' }).click();
  await expect(notice(page)).toContainText('Nothing was undone');
  await expect(notice(page)).toContainText('(Token Lifetime now differs)');
  await expectAccessible(page, 'Undo refused');
  const now = await apiClient(request, CC, 'Pump station telemetry – west');
  expect(now.AccessTokenLifetime).toBe(1800);
  // The re-read copy is what the pane shows.
  await expect(pane(page).getByTestId('details-fields')).toContainText('30 minutes');
  await endState(page, 'undo-refused');
});

test('a failing Undo says what the API said and changes nothing', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, CC.sample);
  await editAndSave(page, { Name: 'Pump station telemetry – north' });
  await fault(request, { match: `PUT /api/v1/Tenants/${TENANT}/ClientCredentialClients/`, status: 500 });
  await toast(page, 'Client saved').getByRole('button', { name: 'Undo' }).click();
  await expect(notice(page)).toContainText('Nothing was undone: the server refused it.');
  await expect(notice(page)).toContainText('A fault rule set through /_dev/faults made this request fail on purpose.');
  expect((await apiClient(request, CC, 'Pump station telemetry – north')).Name).toBe('Pump station telemetry – north');
});
