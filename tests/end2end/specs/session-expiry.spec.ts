// When the API says the sign-in is no longer valid (401), the console asks to sign in again in
// a pop-up window, and nothing typed on the page is lost; if someone else signs in there,
// nothing is sent until the user decides.
import { test, expect, ADA, MAX, signInAs, rowNames, expectAccessible, type Page } from '../support/console';
import { endState } from '../support/tasks';

/** Waits until the sign-in pop-up has closed itself (it may already have: after its last
 *  click it answers the console and closes at once, before a 'close' listener could attach). */
async function closed(popup: Page) {
  if (!popup.isClosed()) await popup.waitForEvent('close');
}

/** Opens Add Client for a hybrid client and types a name and a redirect URI. */
async function startAddingHybrid(page: Page) {
  await page.getByRole('button', { name: 'Add Client' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Client: Hybrid' });
  await dialog.getByTestId('client-name').fill('Plant 7 historian');
  await dialog.getByTestId('redirect-uris').fill('https://plant7.example.com/signin-oidc');
  return dialog;
}

/** The next hybrid create is refused with 401, as when the token expired at the server; counts the creates sent. */
async function expireOnNextCreate(page: Page) {
  const sent = { creates: 0 };
  await page.route('**/api/v1/Tenants/*/HybridClients', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    sent.creates += 1;
    if (sent.creates === 1) {
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ OperationId: 'e2e-401', Error: 'Unauthorized', Reason: 'The token has expired.', Resolution: 'Sign in again.' }),
      });
    } else {
      await route.continue();
    }
  });
  return sent;
}

/**
 * Ada signs in, types a new hybrid client and saves it just as the session ends (401): returns
 * the open form, the session-ended dialog and the count of creates sent.
 */
async function saveAsTheSessionEnds(page: Page) {
  await page.goto('security/clients?type=hybrid');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();
  const dialog = await startAddingHybrid(page);
  const sent = await expireOnNextCreate(page);
  await dialog.getByRole('button', { name: 'Save' }).click();
  const expired = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(expired).toBeVisible();
  return { dialog, expired, sent };
}

test('a 401 while saving asks to sign in again in a pop-up and keeps the open form', async ({ page }) => {
  const { dialog, expired, sent } = await saveAsTheSessionEnds(page);
  await expectAccessible(page, 'the session-ended dialog over an open form');
  // The identity server still knows the user (its session cookie): the pop-up signs in and
  // closes without asking anything.
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    expired.getByRole('button', { name: 'Sign in again' }).click(),
  ]);
  await closed(popup);
  await expect(expired).toBeHidden();

  // Everything typed is still there; saving again works with the new sign-in.
  await expect(dialog.getByTestId('client-name')).toHaveValue('Plant 7 historian');
  await expect(dialog.getByTestId('redirect-uris')).toHaveValue('https://plant7.example.com/signin-oidc');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const created = page.getByRole('dialog', { name: 'Client Successfully Created' });
  await expect(created.getByTestId('new-secret')).not.toBeEmpty();
  expect(sent.creates).toBe(2);
  await endState(page, 'sign-in-again-after-401');
});

test('another user signing in through the pop-up is named, and nothing is sent until the user decides', async ({ page, context }) => {
  test.slow(); // three sign-ins and two pop-ups
  const { dialog, expired, sent } = await saveAsTheSessionEnds(page);

  // The identity server forgot Ada (its session ended), and Max signs in in the pop-up.
  await context.clearCookies();
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    expired.getByRole('button', { name: 'Sign in again' }).click(),
  ]);
  await signInAs(popup, MAX);
  await closed(popup);
  await expect(expired).toContainText('This page was signed in as Ada Lovelace, but the sign-in window signed in Max Planck.');
  await expect(expired.getByRole('button', { name: 'Continue as Max Planck' })).toBeVisible();
  await expectAccessible(page, 'another user signed in through the pop-up');
  expect(sent.creates, 'nothing was sent as Max').toBe(1);
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);

  // Ada refuses; the next sign-in asks which account (prompt=login), and Ada signs in.
  await expired.getByRole('button', { name: 'Sign in as Ada Lovelace instead' }).click();
  await expect(expired.getByRole('alert')).toContainText('was not used');
  const [again] = await Promise.all([
    page.waitForEvent('popup'),
    expired.getByRole('button', { name: 'Sign in again' }).click(),
  ]);
  await signInAs(again, ADA);
  await closed(again);
  await expect(expired).toBeHidden();
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
  await expect(dialog.getByTestId('client-name')).toHaveValue('Plant 7 historian');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog', { name: 'Client Successfully Created' }).getByTestId('new-secret')).not.toBeEmpty();
  expect(sent.creates).toBe(2);
  await endState(page, 'sign-in-again-as-another-user-refused');
});
