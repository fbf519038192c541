// Task: Rotate Secret (a new secret, shown once, the old one shortened to a grace period, a
// summary) for each type with secrets, with a failed step 3 retried; the 10-secret limit; and
// Remove expired secrets with one of two removals failing (dev-api faults), all with axe.
import { test, expect, expectAccessible } from '../../support/console';
import { SECRET_KINDS, KINDS, TENANT, openClients, openClient, pane, apiSecrets, apiClient, fault, endState } from '../../support/tasks';

const DAY = 864e5;

for (const kind of SECRET_KINDS) {
  test(`${kind.label}: Rotate Secret with a failed step 3 retried`, async ({ page, request }) => {
    await openClients(page, kind);
    await openClient(page, kind.sample);
    await pane(page).getByRole('tab', { name: 'Secrets' }).click();
    const before = await apiSecrets(request, kind, kind.sample);
    await expect(page.getByTestId('secret-row')).toHaveCount(before.length);
    // A secret that lasts longer than 30 days (or never expires), so that step 3 shortens it.
    const old = before.find((s) => s.Expiration === null || Date.parse(s.Expiration) > Date.now() + 40 * DAY)!;
    expect(old, 'a long-lived secret to rotate').toBeTruthy();

    await page.locator(`#rotate-secret-${old.Id}`).click();
    const step1 = page.getByRole('dialog', { name: /step 1 of 4/ });
    const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
    const base = String(old.Description).replace(/ \(rotated \d{4}-\d{2}-\d{2}\)$/, '');
    await expect(step1.getByLabel('Description (optional)')).toHaveValue(`${base} (rotated ${today})`);
    await expectAccessible(page, `Rotate Secret step 1 (${kind.label})`);
    await step1.getByRole('button', { name: 'Add', exact: true }).click();

    const step2 = page.getByRole('dialog', { name: /step 2 of 4/ });
    const value = ((await step2.getByTestId('new-secret').textContent()) ?? '').trim();
    expect(value.length).toBeGreaterThan(10);
    if (kind.slug === 'client-credentials') {
      await step2.locator('[data-testid=connect-snippets] summary').click();
      await expect(step2.getByTestId('snippet-curl')).toContainText('grant_type=client_credentials');
    } else {
      await expect(step2.getByTestId('connect-snippets')).toHaveCount(0);
    }
    await expectAccessible(page, `Rotate Secret step 2, the new value (${kind.label})`);
    await step2.getByTestId('stored-secret').check();
    await step2.getByRole('button', { name: 'Close', exact: true }).click();

    const step3 = page.getByRole('dialog', { name: /step 3 of 4/ });
    await step3.getByLabel('30 days').check();
    await expect(step3.getByTestId('grace-preview')).toContainText('It will stop working on');
    await fault(request, { match: `PUT /api/v1/Tenants/${TENANT}/${kind.collection}/`, status: 500 });
    await step3.getByRole('button', { name: 'Shorten expiry' }).click();
    await expect(step3).toContainText('was created and stays');
    await expectAccessible(page, `Rotate Secret step 3 failed (${kind.label})`);
    await page.request.delete('_dev/faults');
    await step3.getByRole('button', { name: 'Retry' }).click();

    const step4 = page.getByRole('dialog', { name: /step 4 of 4/ });
    await expect(step4.getByTestId('rotate-summary')).toContainText('now expires');
    await expect(step4).toContainText('up to an hour');
    await expectAccessible(page, `Rotate Secret summary (${kind.label})`);
    await step4.getByRole('button', { name: 'Done' }).click();
    await expect(step4).toHaveCount(0);

    // What the API holds: one new secret expiring in a year, the old one in 30 days.
    const after = await apiSecrets(request, kind, kind.sample);
    expect(after).toHaveLength(before.length + 1);
    const added = after.find((s) => !before.some((b) => b.Id === s.Id))!;
    expect(added.Description).toBe(`${base} (rotated ${today})`);
    expect(Math.abs(Date.parse(added.Expiration) - (Date.now() + 365 * DAY))).toBeLessThan(2 * DAY);
    const shortened = after.find((s) => s.Id === old.Id)!;
    expect(shortened.Expires).not.toBe(false);
    expect(Math.abs(Date.parse(shortened.Expiration) - (Date.now() + 30 * DAY))).toBeLessThan(5 * 60e3);
    expect(shortened.Description).toBe(old.Description);
    await endState(page, `rotate-secret-${kind.slug}`);
  });
}

const CC = KINDS[0];
const ROTTERDAM = 'Edge gateway – Rotterdam';

test('Rotate Secret at 10 secrets says to remove one first', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, ROTTERDAM);
  await pane(page).getByRole('tab', { name: 'Secrets' }).click();
  await expect(page.getByTestId('secret-row')).toHaveCount(10);
  await page.getByRole('button', { name: 'Rotate Secret' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Rotate Secret' });
  await expect(dialog.getByTestId('rotate-full')).toContainText('Remove one first');
  await expect(dialog.getByRole('button', { name: 'Add', exact: true })).toHaveCount(0);
  await expectAccessible(page, 'Rotate Secret at 10 secrets');
  expect(await apiSecrets(request, CC, ROTTERDAM)).toHaveLength(10);
});

test('Remove expired secrets: one of two fails, the other is removed, Retry finishes', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, ROTTERDAM);
  await pane(page).getByRole('tab', { name: 'Secrets' }).click();
  const before = await apiSecrets(request, CC, ROTTERDAM);
  const expired = before.filter((s) => s.Expiration !== null && Date.parse(s.Expiration) < Date.now());
  expect(expired).toHaveLength(2);
  const client = await apiClient(request, CC, ROTTERDAM);
  await page.getByRole('button', { name: 'Remove expired secrets (2)' }).click();
  const dialog = page.getByRole('dialog', { name: /Remove expired secrets/ });
  await expect(dialog.getByTestId('expired-secret')).toHaveCount(2);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page, 'Remove expired secrets, the question');
  await fault(request, { match: `DELETE /api/v1/Tenants/${TENANT}/ClientCredentialClients/${client.Id}/Secrets/${expired[1].Id}`, status: 500 });
  await dialog.getByRole('button', { name: 'Remove 2 secrets' }).click();
  await expect(dialog.getByTestId('expired-secret').nth(0)).toContainText('✓ Removed');
  await expect(dialog.getByTestId('expired-secret').nth(1)).toContainText('✗ Not removed');
  await expectAccessible(page, 'Remove expired secrets, one failed');
  let now = await apiSecrets(request, CC, ROTTERDAM);
  expect(now.map((s) => s.Id)).not.toContain(expired[0].Id);
  expect(now.map((s) => s.Id)).toContain(expired[1].Id);
  await dialog.getByRole('button', { name: 'Retry the 1 that failed' }).click();
  await expect(dialog.getByTestId('expired-secret').nth(1)).toContainText('✓ Removed');
  now = await apiSecrets(request, CC, ROTTERDAM);
  expect(now).toHaveLength(8);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.locator('#add-secret')).toBeFocused();
  await expect(page.getByTestId('secret-row')).toHaveCount(8);
  await expect(page.getByRole('button', { name: /Remove expired secrets/ })).toHaveCount(0);
  await endState(page, 'remove-expired');
});
