// Task: Add Secret, with the default expiry (one year) and with Never Expires; the value is
// shown once — for each type that has secrets.
import { test, expect, expectAccessible } from '../../support/console';
import { SECRET_KINDS, openSecrets, apiSecrets, endState } from '../../support/tasks';

for (const kind of SECRET_KINDS) {
  test(`${kind.label}: Add Secret with the default expiry, then one that never expires`, async ({ page, request }) => {
    const { rows, before } = await openSecrets(page, request, kind);

    // The default: one year from now.
    await page.getByRole('button', { name: 'Add Secret' }).click();
    const form = page.getByRole('dialog', { name: 'Add Secret' });
    await expect(form.getByText('One year from now unless you change it.')).toBeVisible();
    await expectAccessible(page, `the Add Secret form (${kind.label})`);
    await form.getByLabel('Description (optional)').fill('E2E yearly key');
    await form.getByRole('button', { name: 'Add' }).click();
    const added = page.getByRole('dialog', { name: 'Secret added' });
    await expect(added.getByTestId('new-secret')).not.toBeEmpty();
    await expectAccessible(page, `a new secret shown once (${kind.label})`);
    await added.getByLabel('I have stored the secret').check();
    await added.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(rows).toHaveCount(before + 1);
    await expect(rows.filter({ hasText: 'E2E yearly key' })).toContainText('in 365 days');
    await expect(page.getByRole('button', { name: 'Add Secret' })).toBeFocused();

    // Never Expires.
    await page.getByRole('button', { name: 'Add Secret' }).click();
    await form.getByLabel('Description (optional)').fill('E2E forever key');
    await form.getByLabel('Never Expires').check();
    await expect(form.getByLabel('Expiration Date')).toBeDisabled();
    await form.getByRole('button', { name: 'Add' }).click();
    await added.getByLabel('I have stored the secret').check();
    await added.getByRole('button', { name: 'Close', exact: true }).click();
    const forever = rows.filter({ hasText: 'E2E forever key' });
    await expect(forever).toContainText('Never Expires');

    const stored = await apiSecrets(request, kind, kind.sample);
    expect(stored).toHaveLength(before + 2);
    const yearly = stored.find((s) => s.Description === 'E2E yearly key')!;
    expect(Math.round((Date.parse(yearly.Expiration) - Date.now()) / 86_400_000)).toBe(365);
    const never = stored.find((s) => s.Description === 'E2E forever key')!;
    expect(never.Expires).toBe(false);
    await endState(page, `add-secret-${kind.slug}`);
  });
}
