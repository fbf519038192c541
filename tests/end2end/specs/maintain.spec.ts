// The moments that break production, against dev-api: Remove Client by keyboard alone
// (open the menu, type the name, confirm), and an Add Client that the server applied but
// never answered (dev-api's `apply-then-hang` fault) — one client, and the lost first secret
// said plainly with Add Secret one click away. axe on each dialog, light and dark.
import { test, expect, ADA, signInAs, rowNames, expectAccessible } from '../support/console';

const TENANT = '5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a';
const ADMIN = { Authorization: 'Bearer admin' };


async function clientNames(request: import('@playwright/test').APIRequestContext) {
  const response = await request.get(`api/v1/Tenants/${TENANT}/ClientCredentialClients?count=1000`, {
    headers: ADMIN,
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { Name: string }[]).map((c) => c.Name);
}

test('Remove Client by keyboard alone: open the menu, type the name, confirm', async ({ page, request }) => {
  await page.goto('security/clients');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();

  await page.locator('#client-list').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-pane')).toBeVisible();
  const name = ((await page.locator('#pane-title').textContent()) ?? '').trim();
  expect(name.length).toBeGreaterThan(0);

  // More options › Remove Client.
  await page.locator('#more-options').focus();
  await page.keyboard.press('Enter');
  // Export as JSON first, then Remove Client (the dangerous one last).
  await page.keyboard.press('Tab');
  await expect(page.getByRole('menuitem', { name: 'Export as JSON' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('menuitem', { name: 'Remove Client' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove Client' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog).toContainText('This cannot be undone');
  await expect(dialog).toContainText(/With it go \d+ secrets?/);
  await expectAccessible(page, 'the Remove Client dialog');

  // Enter before the name matches removes nothing.
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByTestId('confirm-name')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toBeDisabled();
  await page.keyboard.type(name);
  await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toBeEnabled();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(rowNames(page).filter({ hasText: name })).toHaveCount(0);
  expect(await clientNames(request)).not.toContain(name);
});

test('an Add Client the server applied but never answered ends with one client and the Add Secret offer', async ({
  page,
  request,
}) => {
  // A 2-second deadline for this test (config.json's requestTimeoutSeconds).
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    await route.fulfill({ json: { ...config, requestTimeoutSeconds: 2 } });
  });
  await page.goto('security/clients');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();
  const fault = await request.post('_dev/faults', {
    data: { match: `POST /api/v1/Tenants/${TENANT}/ClientCredentialClients`, count: 1, mode: 'apply-then-hang' },
  });
  expect(fault.status()).toBe(201);

  await page.getByRole('button', { name: 'Add Client' }).click();
  const form = page.getByRole('dialog', { name: 'Add Client: Client-Credentials' });
  await form.getByTestId('client-name').fill('E2E silent gateway');
  await form.getByRole('button', { name: 'Save' }).click();

  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('was created', { timeout: 20_000 });
  await expect(notice).toContainText('value is lost');
  expect((await clientNames(request)).filter((n) => n === 'E2E silent gateway')).toHaveLength(1);
  await expect(page.locator('#pane-title')).toHaveText('E2E silent gateway');
  await expectAccessible(page, 'the lost-secret notice');

  await notice.getByRole('button', { name: 'Add Secret' }).click();
  const addSecret = page.getByRole('dialog', { name: 'Add Secret' });
  await addSecret.getByRole('button', { name: 'Add' }).click();
  const added = page.getByRole('dialog', { name: 'Secret added' });
  await expect(added.getByTestId('new-secret')).not.toBeEmpty();
  await expectAccessible(page, 'the guarded one-time secret');
  await added.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(added.getByText("You haven't copied this secret. Close anyway?")).toBeVisible();
  await added.getByLabel('I have stored the secret').check();
  await added.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(added).toHaveCount(0);
  expect((await clientNames(request)).filter((n) => n === 'E2E silent gateway')).toHaveLength(1);
});
