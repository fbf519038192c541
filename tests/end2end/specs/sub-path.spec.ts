// The same console built with `trunk build --public-url /admin/` and served under /admin/
// (a CDN folder): sign-in returns to the deep link below /admin/, and a reload of a deep link
// shows the same screen.
import { test, expect, ADA, signInAs, rowNames, expectAccessible } from '../support/console';

const DEEP_LINK = 'security/clients?type=hybrid';

test('under /admin/, a deep link survives sign-in and a reload', async ({ page, baseURL }) => {
  expect(new URL(baseURL!).pathname).toBe('/admin/');
  const wanted = new URL(DEEP_LINK, baseURL).href;
  expect(wanted).toMatch(/\/admin\/security\/clients\?type=hybrid$/);

  await page.goto(DEEP_LINK);
  await signInAs(page, ADA);

  await expect(page).toHaveURL(wanted);
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
  await expect(page.getByTestId('user-role')).toHaveText(ADA.role);
  await expect(page.getByTestId('client-type')).toHaveValue('hybrid');
  await expect(rowNames(page)).toContainText(['Operations dashboard']);
  expect(page.url()).not.toMatch(/[?&](code|state)=/);
  await expectAccessible(page, 'the hybrid list under /admin/');

  // Open a client: the address now names it, still below /admin/.
  await page.locator('.client-row', { hasText: 'Operations dashboard' }).click();
  await expect(page.getByTestId('details-pane').locator('#pane-title')).toHaveText('Operations dashboard');
  await expect(page).toHaveURL(/\/admin\/security\/clients\?.*sel=/);
  const screen = page.url();

  // Reload: the server answers the deep link with the app; the token was in memory only, so the
  // console signs in again (the identity server's session answers without asking) and comes
  // back to exactly that screen.
  const reloaded = await page.reload();
  expect(reloaded?.status(), 'the deep link under /admin/ is served').toBe(200);
  await expect(page).toHaveURL(screen);
  await expect(page.getByTestId('client-type')).toHaveValue('hybrid');
  await expect(page.getByTestId('details-pane').locator('#pane-title')).toHaveText('Operations dashboard');
  await expect(rowNames(page)).toContainText(['Operations dashboard']);
});
