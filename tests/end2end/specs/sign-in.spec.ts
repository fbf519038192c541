// Signing in from a deep link, as a Tenant Administrator and as a Tenant Member, and a sign-in
// response whose `state` was tampered with.
import {
  test,
  expect,
  ADA,
  MAX,
  PENDING_KEY,
  signInAs,
  rowNames,
  expectAccessible,
} from '../support/console';
import { endState } from '../support/tasks';

const DEEP_LINK = 'security/clients?type=hybrid';

test('a signed-out admin opening a deep link signs in and lands on that exact page', async ({ page, baseURL }) => {
  const wanted = new URL(DEEP_LINK, baseURL).href;
  await page.goto(DEEP_LINK);

  await signInAs(page, ADA);

  // Back on the same path and query, with the code and state gone from the address bar.
  await expect(page).toHaveURL(wanted);
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
  await expect(page.getByTestId('user-role')).toHaveText(ADA.role);
  await expect(page.getByTestId('client-type')).toHaveValue('hybrid');
  await expect(page.getByTestId('client-type').locator('option:checked')).toHaveText('Hybrid');
  await expect(rowNames(page).first()).toBeVisible();
  await expect(rowNames(page)).toContainText(['Operations dashboard']);
  await expect(rowNames(page).filter({ hasText: 'Pump station telemetry' })).toHaveCount(0);
  expect(page.url()).not.toMatch(/[?&](code|state)=/);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), PENDING_KEY)).toBeNull();
  await expectAccessible(page, 'the hybrid list, signed in as a Tenant Administrator');
  await endState(page, 'sign-in-deep-link');

  // Back goes to the identity server, whose session answers the old request with a fresh code:
  // the console never exchanges an answer to a request it no longer has; it signs in anew and
  // ends on its home page, with no code in the address bar.
  const exchanged: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/connect/token')) exchanged.push(r.postData() ?? '');
  });
  await page.goBack();
  await expect(page).toHaveURL(new URL('security/clients', baseURL).href);
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
  expect(exchanged, 'one exchange, for the new request only').toHaveLength(1);
});

test('a signed-out member lands on the deep link read-only, with the reason shown', async ({ page, baseURL }) => {
  await page.goto(DEEP_LINK);
  await signInAs(page, MAX);

  await expect(page).toHaveURL(new URL(DEEP_LINK, baseURL).href);
  await expect(page.getByTestId('user-name')).toHaveText(MAX.name);
  await expect(page.getByTestId('user-role')).not.toHaveText(ADA.role);
  await expect(rowNames(page)).toContainText(['Operations dashboard']);

  const note = page.getByTestId('read-only-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('Tenant Administrator');
  const add = page.getByRole('button', { name: 'Add Client' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAttribute('title', /Tenant Administrator/);
  await expectAccessible(page, 'the hybrid list, signed in as a Tenant Member');

  // A client-credentials client's secrets are for administrators only, and the page says so.
  await page.getByTestId('client-type').selectOption('client-credentials');
  await expect(page.getByTestId('client-type')).toHaveValue('client-credentials');
  await page.locator('.client-row', { hasText: 'Pump station telemetry' }).click();
  const pane = page.getByTestId('details-pane');
  await expect(pane.locator('#pane-title')).toHaveText('Pump station telemetry');
  await pane.getByRole('tab', { name: 'Secrets' }).click();
  await expect(pane.getByRole('tab', { name: 'Secrets' })).toHaveAttribute('aria-selected', 'true');
  await expect(pane).toContainText('Secrets are visible to Tenant Administrators only');
  await expect(page.getByTestId('secret-row')).toHaveCount(0);
  await expectAccessible(page, 'the Secrets tab, signed in as a Tenant Member');
  await endState(page, 'member-read-only');
});

test('a sign-in response with a tampered state is refused and no token reaches the page', async ({ page }) => {
  const tokenRequests: string[] = [];
  const authorizedApiCalls: string[] = [];
  const headerChecks: Promise<void>[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/connect/token')) tokenRequests.push(request.url());
    if (new URL(request.url()).pathname.startsWith('/api/')) {
      headerChecks.push(
        request.allHeaders().then((headers) => {
          if (headers['authorization']) authorizedApiCalls.push(request.url());
        }),
      );
    }
  });
  // The identity server's redirect back to the console arrives with another `state`.
  let tampered = '';
  await page.route('**/connect/authorize', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const answer = await route.fetch({ maxRedirects: 0 });
    const location = new URL(answer.headers()['location']);
    expect(location.pathname).toMatch(/\/auth\/callback$/);
    expect(location.searchParams.get('code')).toBeTruthy();
    location.searchParams.set('state', 'tampered-' + location.searchParams.get('state'));
    tampered = location.href;
    await route.fulfill({ status: 303, headers: { location: tampered } });
  });

  await page.goto(DEEP_LINK);
  await signInAs(page, ADA);

  await expect(page.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('state');
  expect(tampered, 'the callback was intercepted').not.toBe('');
  await expect(page.getByTestId('user-name')).toHaveCount(0);
  await expect(page.locator('.client-row')).toHaveCount(0);
  expect(tokenRequests, 'the code must not be exchanged').toEqual([]);
  await Promise.all(headerChecks);
  expect(authorizedApiCalls, 'API calls with a token').toEqual([]);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), PENDING_KEY)).toBeNull();
  await expectAccessible(page, 'the sign-in error page');
});

test('a reload, and a second tab, sign in again without the chooser; Sign out ends that', async ({ page, baseURL, context }) => {
  // How often dev-api's chooser (the page with the demo users) was shown.
  let choosers = 0;
  context.on('response', (r) => {
    if (r.url().includes('/connect/authorize?') && r.request().method() === 'GET' && r.status() === 200) choosers += 1;
  });
  const wanted = new URL('security/clients?type=authorization-code', baseURL).href;
  await page.goto(wanted);
  await signInAs(page, ADA);
  await expect(page).toHaveURL(wanted);
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
  expect(choosers).toBe(1);

  // The token lives in memory only: a reload signs in again, through the provider's session.
  await page.reload();
  await expect(page).toHaveURL(wanted);
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
  await expect(page.getByTestId('client-type')).toHaveValue('authorization-code');
  await endState(page, 'deep-link-reload');
  const second = await context.newPage();
  await second.goto(new URL('security/clients?type=hybrid', baseURL).href);
  await expect(second.getByTestId('user-name')).toHaveText(ADA.name);
  await expect(rowNames(second).first()).toBeVisible();
  await second.close();
  expect(choosers, 'the chooser was not shown again').toBe(1);

  // Sign out ends the provider's session too: back at the console, the chooser asks again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to CONNECT data services' })).toBeVisible();
  expect(choosers).toBe(2);
  await endState(page, 'sign-out');
});

test('the core wasm and discovery are fetched once: on the way to the identity server', async ({ page, context, baseURL }) => {
  const discovery: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/.well-known/openid-configuration')) discovery.push(new URL(r.frame().url()).pathname);
  });
  // CDP, for what came from the network and what from the HTTP cache (a route would turn the
  // cache off).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const core = new Map<string, { doc: string; cached: boolean; done: boolean }>();
  cdp.on('Network.requestWillBeSent', (e: any) => {
    if (new URL(e.request.url).pathname.endsWith('_bg.wasm')) {
      core.set(e.requestId, { doc: new URL(e.documentURL).pathname, cached: false, done: false });
    }
  });
  cdp.on('Network.requestServedFromCache', (e: any) => {
    const r = core.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.responseReceived', (e: any) => {
    const r = core.get(e.requestId);
    if (r && e.response.fromDiskCache) r.cached = true;
  });
  cdp.on('Network.loadingFinished', (e: any) => {
    const r = core.get(e.requestId);
    if (r) r.done = true;
  });
  await page.goto(DEEP_LINK);
  await expect(page.getByRole('heading', { name: 'Sign in to CONNECT data services' })).toBeVisible();
  const before = [...core.values()];
  expect(before.filter((r) => r.done && !r.cached), 'downloaded before leaving for the identity server').toHaveLength(1);
  await signInAs(page, ADA);

  await expect(page).toHaveURL(new URL(DEEP_LINK, baseURL).href);
  await expect(rowNames(page).first()).toBeVisible();
  const fromNetwork = [...core.values()].filter((r) => !r.cached);
  expect(fromNetwork, 'one download in all').toHaveLength(1);
  expect([...core.values()].filter((r) => r.doc.endsWith('/auth/callback') && r.cached), 'the callback page read the cache').toHaveLength(1);
  expect(discovery, 'the callback page starts from the document read before').toEqual(['/security/clients']);
  expect(await page.evaluate(() => Object.keys(sessionStorage)), 'nothing left in sessionStorage').toEqual([]);
});

test("the list's first page is asked for once, before the console is built", async ({ page }) => {
  // Each fetch of the app: its path and query, and whether the console's shell was there yet.
  await page.addInitScript(() => {
    const seen: { url: string; shell: boolean }[] = [];
    (window as any).__fetches = seen;
    const original = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      seen.push({ url: url.pathname + url.search, shell: document.querySelector('.shell') != null });
      return original.call(this, input, init);
    } as typeof fetch;
  });
  await page.goto(DEEP_LINK);
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();
  const fetches: { url: string; shell: boolean }[] = await page.evaluate(() => (window as any).__fetches);
  const firstPages = fetches.filter((f) => /\/HybridClients\?(.*&)?skip=0(&|$)/.test(f.url));
  expect(firstPages, 'one request for the first page').toHaveLength(1);
  expect(firstPages[0].shell, 'sent before the shell was built').toBe(false);
  expect(fetches.filter((f) => f.url.includes('/Roles')).every((f) => f.shell), 'the page asks for the rest').toBe(true);
});

test('a config.json the console cannot use is named at once, before any sign-in', async ({ page }) => {
  const authorize: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/connect/authorize')) authorize.push(r.url());
  });
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    await route.fulfill({ json: { ...config, tenant: config.tenantId } });
  });
  await page.goto(DEEP_LINK);
  await expect(page.getByRole('heading', { name: 'The console is not configured correctly' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('tenant');
  expect(authorize, 'no sign-in started').toEqual([]);
});

test('an identity server that cannot be reached is said on the console, not a blank page', async ({ page }) => {
  await page.route('**/.well-known/openid-configuration', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(DEEP_LINK);
  await expect(page.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('503');
  await expectAccessible(page, 'sign-in cannot start');
});
