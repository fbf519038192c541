// Sign-in against providers that behave differently from dev-api's defaults, as real ones do:
// opaque access tokens (no role claims), the user's name only at the userinfo endpoint, and the
// identity server on an origin of its own. Each variant runs its own dev-api.
import { test, expect, ADA, MAX, signInAs, rowNames, tokenResponse, expectAccessible } from '../support/console';
import { startDevApi, freePort, type DevApi } from '../support/dev-api';

/** The payload of a JWT, or null when the token is not one. */
function claims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

test.describe('a provider that issues opaque access tokens', () => {
  let api: DevApi;
  test.beforeAll(async () => {
    api = await startDevApi(['--opaque-tokens']);
  });
  test.afterAll(async () => api.stop());

  test('a member gets a read-only page before any click, and no change is sent', async ({ page }) => {
    const changes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method())) changes.push(`${r.method()} ${r.url()}`);
    });
    // Hold the rights check back for a moment, to see what the page shows meanwhile.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/Tenants/*/*Clients/*/Secrets', async (route) => {
      if (route.request().method() === 'HEAD') await held;
      await route.continue();
    });

    await page.goto(`${api.url}/security/clients`);
    const tokens = tokenResponse(page);
    await signInAs(page, MAX);
    expect(claims((await tokens).access_token), 'the access token is opaque').toBeNull();
    await expect(page.getByTestId('user-name')).toHaveText(MAX.name);
    await expect(rowNames(page).first()).toBeVisible();

    const add = page.getByRole('button', { name: 'Add Client' });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAttribute('title', 'Checking whether you may add clients…');
    await expect(page.getByTestId('user-role')).toHaveText('Checking permissions…');
    release();

    await expect(page.getByTestId('read-only-note')).toBeVisible();
    await expect(add).toBeDisabled();
    await expect(add).toHaveAttribute('title', 'Only a Tenant Administrator can add clients');
    await rowNames(page).first().click();
    const edit = page.getByTestId('details-pane').getByRole('button', { name: 'Edit Client' });
    await expect(edit).toBeDisabled();
    await expect(edit).toHaveAttribute('title', 'Only a Tenant Administrator can change clients');
    await expectAccessible(page, 'a read-only page learnt from the API (opaque token)');
    expect(changes, 'requests that change something').toEqual([]);
  });

  test('an administrator gets the write controls once the API says so', async ({ page }) => {
    await page.goto(`${api.url}/security/clients`);
    await signInAs(page, ADA);
    await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
    const add = page.getByRole('button', { name: 'Add Client' });
    await expect(add).toBeEnabled();
    await expect(page.getByTestId('user-role')).toHaveText(ADA.role);
    await expect(page.getByTestId('read-only-note')).toHaveCount(0);
  });
});

test.describe('a provider that puts the name only at its userinfo endpoint', () => {
  let api: DevApi;
  test.beforeAll(async () => {
    api = await startDevApi(['--name-at-userinfo']);
  });
  test.afterAll(async () => api.stop());

  test('the header shows the name from userinfo, not the subject id', async ({ page }) => {
    const userinfo = page.waitForResponse((r) => r.url().endsWith('/connect/userinfo'));
    await page.goto(`${api.url}/security/clients`);
    const tokens = tokenResponse(page);
    await signInAs(page, ADA);
    const idToken = claims((await tokens).id_token ?? '');
    expect(idToken, 'an ID token came').not.toBeNull();
    for (const key of ['name', 'given_name', 'family_name', 'preferred_username', 'email']) {
      expect(idToken, `the ID token has no ${key}`).not.toHaveProperty(key);
    }
    expect((await userinfo).status()).toBe(200);
    await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
    await expect(rowNames(page).first()).toBeVisible();
  });
});

test.describe('an identity server on an origin of its own', () => {
  let api: DevApi;
  let identity: string;
  test.beforeAll(async () => {
    identity = `http://127.0.0.1:${await freePort()}`;
    api = await startDevApi(['--identity-listen', identity.replace('http://', '')], { authority: identity });
  });
  test.afterAll(async () => api.stop());

  test('a deep link goes through sign-in there and back to the same page', async ({ page }) => {
    const wanted = `${api.url}/security/clients?type=hybrid`;
    const tokens = tokenResponse(page);
    await page.goto(wanted);
    await expect(page).toHaveURL(new RegExp(`^${identity}/connect/authorize\\?`));
    await signInAs(page, ADA);
    expect((await tokens).access_token).toBeTruthy();
    await expect(page).toHaveURL(wanted);
    await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
    await expect(page.getByTestId('client-type')).toHaveValue('hybrid');
    await expect(rowNames(page)).toContainText(['Operations dashboard']);
    await expect(page.getByRole('button', { name: 'Add Client' })).toBeEnabled();
  });
});
