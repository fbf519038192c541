// The changes a Tenant Administrator makes, against dev-api (the stand-in for the real API):
// add a client and see its first secret once, add and remove a secret, disable and enable a
// client, remove it — each destructive step confirmed first, every dialog checked with axe.
import { test, expect, ADA, signInAs, rowNames, expectAccessible } from '../support/console';

test('an admin adds a client, manages its secrets, disables, enables and removes it', async ({ page }) => {
  await page.goto('security/clients');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();

  // Add Client: a name, the default one-year secret; the value is shown once.
  await page.getByRole('button', { name: 'Add Client' }).click();
  const form = page.getByRole('dialog', { name: 'Add Client: Client-Credentials' });
  await expect(form.getByText('Tenant Member')).toBeVisible();
  await expectAccessible(page, 'the Add Client form');
  await form.getByTestId('client-name').fill('E2E boiler monitor');
  await form.getByTestId('secret-description').fill('Commissioning key');
  await form.getByRole('button', { name: 'Save' }).click();
  const created = page.getByRole('dialog', { name: 'Client Successfully Created' });
  await expect(created.getByTestId('new-secret')).not.toBeEmpty();
  const secretValue = (await created.getByTestId('new-secret').textContent()) ?? '';
  expect(secretValue.length).toBeGreaterThanOrEqual(43);
  await expectAccessible(page, 'the new client and its secret');
  await created.getByLabel('I have stored the secret').check();
  await created.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.locator('#pane-title')).toHaveText('E2E boiler monitor');
  expect(page.url()).not.toContain(secretValue);
  await expect(page.locator('body')).not.toContainText(secretValue);

  // Secrets: the first one is there, expiring in a year; add a second that never expires.
  await page.getByRole('tab', { name: 'Secrets' }).click();
  await expect(page.getByTestId('secret-row')).toHaveCount(1);
  await expect(page.getByTestId('secret-row')).toContainText('Commissioning key');
  await expect(page.getByTestId('secret-row')).toContainText('in 365 days');
  await page.getByRole('button', { name: 'Add Secret' }).click();
  const addSecret = page.getByRole('dialog', { name: 'Add Secret' });
  await addSecret.getByTestId('secret-description').fill('Legacy PLC');
  await addSecret.getByTestId('never-expires').check();
  await expectAccessible(page, 'the Add Secret form');
  await addSecret.getByRole('button', { name: 'Add' }).click();
  const added = page.getByRole('dialog', { name: 'Secret added' });
  await expect(added.getByTestId('new-secret')).not.toBeEmpty();
  // Closing before copying asks first; Go back keeps the value on screen.
  await added.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(added.getByText("You haven't copied this secret. Close anyway?")).toBeVisible();
  await added.getByRole('button', { name: 'Go back' }).click();
  await added.getByLabel('I have stored the secret').check();
  await added.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByTestId('secret-row')).toHaveCount(2);
  const legacy = page.getByTestId('secret-row').filter({ hasText: 'Legacy PLC' });
  await expect(legacy.locator('[data-health]')).toHaveAttribute('data-health', 'never');

  // Remove Secret asks first; Cancel is the default.
  await legacy.getByRole('button', { name: 'Remove Secret' }).click();
  const confirmSecret = page.getByRole('dialog', { name: 'Remove Secret' });
  await expect(confirmSecret.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page, 'the Remove Secret confirmation');
  await confirmSecret.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('secret-row')).toHaveCount(1);

  // Disable, then enable, each confirmed.
  await page.getByRole('button', { name: 'Disable Client' }).click();
  await page.getByRole('dialog', { name: 'Disable Client' }).getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('details-pane').getByTestId('status-badge')).toHaveText('Disabled');
  await page.getByRole('button', { name: 'Enable Client' }).click();
  await page.getByRole('dialog', { name: 'Enable Client' }).getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByTestId('details-pane').getByTestId('status-badge')).toHaveText('Enabled');

  // More options › Remove Client, confirmed: gone from the list, and from the server.
  await page.getByRole('button', { name: 'More options' }).click();
  await page.getByRole('menuitem', { name: 'Remove Client' }).click();
  const confirmClient = page.getByRole('dialog', { name: 'Remove Client' });
  await expectAccessible(page, 'the Remove Client confirmation');
  await expect(confirmClient.getByRole('button', { name: 'Remove', exact: true })).toBeDisabled();
  await confirmClient.getByLabel('Type “E2E boiler monitor” to confirm').fill('E2E boiler monitor');
  await confirmClient.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('details-pane')).toHaveCount(0);
  await expect(rowNames(page).filter({ hasText: 'E2E boiler monitor' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(rowNames(page).first()).toBeVisible();
  await expect(rowNames(page).filter({ hasText: 'E2E boiler monitor' })).toHaveCount(0);
});
