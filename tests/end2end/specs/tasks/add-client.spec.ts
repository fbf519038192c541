// Task: Add Client; for the types with secrets the first secret's value is shown once, with
// Copy — for each type.
import { test, expect, expectAccessible } from '../../support/console';
import { KINDS, openClients, pane, apiClient, apiSecrets, endState } from '../../support/tasks';

for (const kind of KINDS) {
  test(`${kind.label}: Add Client${kind.secrets ? ', its first secret shown once' : ''}`, async ({ page, request, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openClients(page, kind);
    await page.getByRole('button', { name: 'Add Client' }).click();
    const form = page.getByRole('dialog', { name: `Add Client: ${kind.label}` });
    await expectAccessible(page, `the Add Client form (${kind.label})`);
    const name = `E2E ${kind.label} client`;
    await form.getByLabel('Name').fill(name);
    if (kind.web) await form.getByLabel(/Allowed Redirect URLs/).first().fill('https://e2e.example.com/signin-oidc');
    await form.getByRole('button', { name: 'Save' }).click();

    const created = page.getByRole('dialog', { name: 'Client Successfully Created' });
    // The API is read once the console says the client exists (reading at once raced the POST).
    await expect(created).toBeVisible();
    const stored = await apiClient(request, kind, name);
    await expect(created.getByTestId('new-client-id')).toHaveText(stored.Id);
    if (kind.secrets) {
      const value = (await created.getByTestId('new-secret').textContent()) ?? '';
      expect(value.length).toBeGreaterThanOrEqual(32);
      await expectAccessible(page, `the new ${kind.label} client and its secret`);
      await created.getByTestId('new-secret').locator('..').getByRole('button', { name: 'Copy' }).click();
      await expect(created.getByRole('button', { name: 'Copied' })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
      await created.getByRole('button', { name: 'Close', exact: true }).click();
      await expect(page.locator('body')).not.toContainText(value);
      // One secret, expiring in a year.
      const secrets = await apiSecrets(request, kind, name);
      expect(secrets).toHaveLength(1);
      const days = (Date.parse(secrets[0].Expiration) - Date.now()) / 86_400_000;
      expect(Math.round(days)).toBe(365);
      expect(page.url()).not.toContain(value);
    } else {
      await expect(created.getByTestId('new-secret')).toHaveCount(0);
      await expectAccessible(page, `the new ${kind.label} client`);
      await created.getByRole('button', { name: 'Close', exact: true }).click();
    }
    await expect(created).toHaveCount(0);
    await expect(pane(page).locator('#pane-title')).toHaveText(name);
    await expect(page.getByRole('button', { name: 'Add Client' })).toBeFocused();
    await endState(page, `add-client-${kind.slug}`);
  });
}
