// When the API says the sign-in is no longer valid (401), the console asks to sign in again in
// a pop-up window, and nothing typed on the page is lost.
import { test, expect, ADA, signInAs, rowNames } from '../support/console';

test('a 401 while saving asks to sign in again in a pop-up and keeps the open form', async ({ page }) => {
  await page.goto('security/clients?type=hybrid');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();

  await page.getByRole('button', { name: 'Add Client' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Client: Hybrid' });
  await dialog.getByTestId('client-name').fill('Plant 7 historian');
  await dialog.getByTestId('redirect-uris').fill('https://plant7.example.com/signin-oidc');

  // The sign-in expired on the server's side: the next API call is refused with 401.
  let refused = 0;
  await page.route('**/api/v1/Tenants/*/HybridClients', async (route) => {
    if (route.request().method() === 'POST' && refused === 0) {
      refused += 1;
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ OperationId: 'e2e-401', Error: 'Unauthorized', Reason: 'The token has expired.', Resolution: 'Sign in again.' }),
      });
    } else {
      await route.continue();
    }
  });
  await dialog.getByRole('button', { name: 'Save' }).click();

  const expired = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(expired).toBeVisible();
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    expired.getByRole('button', { name: 'Sign in again' }).click(),
  ]);
  await signInAs(popup, ADA);
  await popup.waitForEvent('close');
  await expect(expired).toBeHidden();

  // Everything typed is still there; saving again works with the new sign-in.
  await expect(dialog.getByTestId('client-name')).toHaveValue('Plant 7 historian');
  await expect(dialog.getByTestId('redirect-uris')).toHaveValue('https://plant7.example.com/signin-oidc');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const created = page.getByRole('dialog', { name: 'Client Successfully Created' });
  await expect(created.getByTestId('new-secret')).not.toBeEmpty();
  expect(refused).toBe(1);
});
