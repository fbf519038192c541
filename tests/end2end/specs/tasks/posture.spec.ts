// Task: see the tenant's security posture at a glance — above the list, per risk, how many
// clients of the Client Type shown have it (the Tenant Administrator role, an expired, an
// expiring or a never-expiring secret, no secret, disabled); a count is a one-click filter
// in the address, combined with Search; while secrets are still read it says "n of N read";
// a Tenant Member sees the counts it may read.
import { test, expect, rowNames, expectAccessible, signInAs, ADA, MAX, type Page } from '../../support/console';
import { KINDS, TENANT, apiClient, apiRoles, fault, tabTo, endState, type Kind } from '../../support/tasks';
import { expectedHealth, type Expected } from '../../support/health';
import type { APIRequestContext } from '@playwright/test';

const CC = KINDS[0];
const TENANT_ADMINISTRATOR_TYPE = '2dc742ab-39ea-4fc0-a39e-2bcb71c26a5f';

/** Each chip of the strip, and which clients it shows by the API's data. */
const CHIPS: Record<string, (c: Expected, adminRole: string) => boolean> = {
  expired: (c) => c.states.has('expired'),
  expiring: (c) => c.states.has('week') || c.states.has('month'),
  never: (c) => c.states.has('never'),
  nosecret: (c) => c.kind.secrets && c.states.size === 0,
  disabled: (c) => !c.enabled,
  admin: (c, adminRole) => c.roles.includes(adminRole),
};
const SECRET_CHIPS = ['expired', 'expiring', 'never', 'nosecret'];

/** The id of the tenant's Tenant Administrator role, as the API lists it. */
async function adminRoleId(request: APIRequestContext): Promise<string> {
  const role = (await apiRoles(request)).find((r) => r.RoleTypeId === TENANT_ADMINISTRATOR_TYPE);
  expect(role, 'the tenant has a Tenant Administrator role').toBeTruthy();
  return role!.Id;
}

function strip(page: Page) {
  return page.getByTestId('posture');
}

function chip(page: Page, slug: string) {
  return strip(page).locator(`[data-chip=${slug}]`);
}

function params(page: Page) {
  return new URL(page.url()).searchParams;
}

async function openKind(page: Page, user: { button: RegExp }, kind: Kind | 'all') {
  await page.goto('security/clients');
  await signInAs(page, user);
  await expect(rowNames(page).first()).toBeVisible();
  await page.getByTestId('client-type').selectOption(kind === 'all' ? 'all' : kind.slug);
}

/** Each count equals the API's data; each chip alone shows exactly its clients, in the URL. */
async function checkEveryChip(page: Page, clients: Expected[], adminRole: string, chips = Object.keys(CHIPS)) {
  await expect(page.getByTestId('posture-read')).toHaveCount(0);
  for (const slug of chips) {
    const names = clients.filter((c) => CHIPS[slug](c, adminRole)).map((c) => c.name).sort();
    await expect(chip(page, slug).locator('.chip__count'), `${slug} count`).toHaveText(String(names.length));
    await chip(page, slug).click();
    await expect(chip(page, slug)).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => params(page).get('f')).toBe(slug);
    await expect(rowNames(page)).toHaveCount(names.length);
    expect((await rowNames(page).allTextContents()).sort(), `${slug} shows`).toEqual(names);
    await chip(page, slug).click();
    await expect.poll(() => params(page).get('f')).toBeNull();
  }
}

test('Client-Credentials and All types: each count is the API\'s, each is a filter that combines with Search', async ({ page, request }) => {
  const adminRole = await adminRoleId(request);
  const cc = await expectedHealth(request, [CC]);
  // The demo tenant has every risk at least once among its client-credentials clients.
  for (const slug of Object.keys(CHIPS)) expect(cc.some((c) => CHIPS[slug](c, adminRole)), slug).toBe(true);

  await openKind(page, ADA, CC);
  await expect(strip(page)).toHaveAttribute('aria-label', /^Security posture of Client-Credentials clients/);
  await checkEveryChip(page, cc, adminRole);
  await expect(chip(page, 'admin')).toHaveClass(/chip--alert/);
  // Each chip's name says its count.
  const admins = cc.filter((c) => CHIPS.admin(c, adminRole)).length;
  await expect(strip(page).getByRole('button', { name: new RegExp(`^Tenant Administrator role ${admins}$`) })).toBeVisible();
  await expectAccessible(page, 'the posture strip (Client-Credentials)');

  // A count and a search combine; the role narrows the secret chip.
  await chip(page, 'never').click();
  const never = cc.filter((c) => CHIPS.never(c, adminRole));
  await expect(rowNames(page)).toHaveCount(never.length);
  const word = never[0].name.split(' ')[0];
  await page.getByLabel('Search').fill(word);
  const both = never.filter((c) => c.name.toLowerCase().includes(word.toLowerCase())).map((c) => c.name);
  await expect(rowNames(page)).toHaveText(both);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(word)}(&|$)`));
  await page.getByLabel('Search').fill('');
  await chip(page, 'admin').click();
  await expect.poll(() => params(page).get('f')).toBe('never,admin');
  const neverAdmins = never.filter((c) => CHIPS.admin(c, adminRole)).map((c) => c.name);
  await expect(rowNames(page)).toHaveCount(neverAdmins.length);
  // A reload keeps the filter.
  await page.reload();
  await expect(chip(page, 'admin')).toHaveAttribute('aria-pressed', 'true');
  await expect(chip(page, 'never')).toHaveAttribute('aria-pressed', 'true');
  await chip(page, 'admin').click();
  await chip(page, 'never').click();
  await expect.poll(() => params(page).get('f')).toBeNull();

  // All types: the counts over every type.
  const all = await expectedHealth(request, KINDS);
  await page.getByTestId('client-type').selectOption('all');
  await expect(strip(page)).toHaveAttribute('aria-label', /^Security posture of All clients/);
  await checkEveryChip(page, all, adminRole);
  await endState(page, 'posture-all-types');
});

test('While secrets are read the strip says how many of them', async ({ page, request }) => {
  const adminRole = await adminRoleId(request);
  const cc = await expectedHealth(request, [CC]);
  // One client's secrets never answer: the strip keeps saying how far it got.
  const id = (await apiClient(request, CC, cc[0].name)).Id;
  await fault(request, { match: `GET /api/v1/Tenants/${TENANT}/ClientCredentialClients/${id}/Secrets`, mode: 'hang' });
  await openKind(page, ADA, CC);
  await expect(page.getByTestId('posture-read')).toHaveText(`Secrets: ${cc.length - 1} of ${cc.length} read`);
  // The secret counts are of the clients read so far; the others of every client.
  const read = cc.slice(1);
  for (const slug of Object.keys(CHIPS)) {
    const over = SECRET_CHIPS.includes(slug) ? read : cc;
    await expect(chip(page, slug).locator('.chip__count'), slug).toHaveText(String(over.filter((c) => CHIPS[slug](c, adminRole)).length));
  }
  await expectAccessible(page, 'the posture strip while secrets are read');
});

test('A Tenant Member sees the counts it may read: the secret ones are a dash and off', async ({ page, request }) => {
  const adminRole = await adminRoleId(request);
  const cc = await expectedHealth(request, [CC]);
  await openKind(page, MAX, CC);
  for (const slug of SECRET_CHIPS) {
    await expect(chip(page, slug)).toBeDisabled();
    await expect(chip(page, slug).locator('.chip__count')).toHaveText('—');
  }
  await expect(page.getByTestId('posture-read')).toHaveCount(0);
  await checkEveryChip(page, cc, adminRole, ['disabled', 'admin']);
  await expectAccessible(page, 'the posture strip for a Tenant Member');
  await endState(page, 'posture-member');
});

test('Keyboard only: Tab to a count, Space filters, Space again shows all', async ({ page, request }) => {
  const adminRole = await adminRoleId(request);
  const cc = await expectedHealth(request, [CC]);
  await openKind(page, ADA, CC);
  await expect(page.getByTestId('posture-read')).toHaveCount(0);
  const expired = cc.filter((c) => CHIPS.expired(c, adminRole)).map((c) => c.name).sort();
  await tabTo(page, chip(page, 'expired'));
  await page.keyboard.press('Space');
  await expect(chip(page, 'expired')).toHaveAttribute('aria-pressed', 'true');
  await expect(rowNames(page)).toHaveCount(expired.length);
  expect((await rowNames(page).allTextContents()).sort()).toEqual(expired);
  await expect(chip(page, 'expired')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(rowNames(page)).toHaveCount(cc.length);
  await expectAccessible(page, 'the posture strip, a chip focused by keyboard');
});
