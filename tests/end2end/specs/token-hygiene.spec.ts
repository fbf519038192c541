// The access token lives in memory only: it must never show up in storage, in an address the
// browser visited or requested, in the console, in cookies or in the page's markup.
import {
  test,
  expect,
  ADA,
  PENDING_KEY,
  signInAs,
  tokenResponse,
  rowNames,
  expectAccessible,
} from '../support/console';

test('after signing in, the tokens are nowhere but in memory', async ({ page, watch }) => {
  const visited: string[] = [];
  const apiAuthorization: Promise<string | undefined>[] = [];
  page.on('framenavigated', (frame) => visited.push(frame.url()));
  page.on('request', (request) => {
    visited.push(request.url());
    if (new URL(request.url()).pathname.startsWith('/api/')) {
      apiAuthorization.push(request.allHeaders().then((h) => h['authorization']));
    }
  });

  await page.goto('security/clients?type=client-credentials');
  const tokens = tokenResponse(page);
  await signInAs(page, ADA);
  const { access_token, id_token } = await tokens;
  expect(access_token.length, 'a real token came back').toBeGreaterThan(20);

  // Use the console a little: the list, a client, its secrets.
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
  await page.locator('.client-row', { hasText: 'Pump station telemetry' }).click();
  const pane = page.getByTestId('details-pane');
  await expect(pane.locator('#pane-title')).toHaveText('Pump station telemetry');
  await pane.getByRole('tab', { name: 'Secrets' }).click();
  await expect(page.getByTestId('secret-row').first()).toBeVisible();
  await expectAccessible(page, 'the Secrets tab, signed in as a Tenant Administrator');
  await expect(rowNames(page).first()).toBeVisible();

  // The JWT and its payload alone (the part that carries the claims).
  const secrets = [access_token, access_token.split('.')[1]];
  if (id_token) secrets.push(id_token, id_token.split('.')[1]);
  const leaks = (where: string, texts: string[]) =>
    texts.flatMap((text) =>
      secrets.filter((s) => text.includes(s)).map(() => `${where}: ${text.slice(0, 120)}`),
    );

  const storage = await page.evaluate(() => ({
    local: Object.entries(localStorage).map(([k, v]) => `${k}=${v}`),
    session: Object.entries(sessionStorage).map(([k, v]) => `${k}=${v}`),
    sessionKeys: Object.keys(sessionStorage),
    cookies: document.cookie,
  }));
  expect(storage.sessionKeys, 'sign-in leftovers in sessionStorage').not.toContain(PENDING_KEY);
  expect(visited.length, 'navigations and requests were recorded').toBeGreaterThan(5);
  // The one place the token goes: the Authorization header of API calls.
  const sent = await Promise.all(apiAuthorization);
  expect(sent.length, 'API calls were made').toBeGreaterThan(0);
  expect(new Set(sent)).toEqual(new Set([`Bearer ${access_token}`]));
  expect([
    ...leaks('localStorage', storage.local),
    ...leaks('sessionStorage', storage.session),
    ...leaks('cookie', [storage.cookies]),
    ...leaks('URL', visited),
    ...leaks('console', watch.console),
    ...leaks('page markup', [await page.content()]),
  ]).toEqual([]);
});
