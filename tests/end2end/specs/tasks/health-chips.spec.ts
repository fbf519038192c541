// Task: see which clients' secrets need attention — the Secrets column (each client's worst
// secret in words), its sort, and the filter chips (Expired, Expiring within 30 days, …) in
// All types; Add Client asks which type there; a Tenant Member is told once and nothing is
// read; a new secret changes the column without a reload.
import { test, expect, rowNames, expectAccessible, signInAs, ADA, MAX, type Page } from '../../support/console';
import { KINDS, SECRET_KINDS, openClient, pane, apiClients, apiSecrets, endState } from '../../support/tasks';
import type { APIRequestContext } from '@playwright/test';
import { RANK, WORD, expectedHealth, type State } from '../../support/health';

/** How many clients the API holds, of all three types. */
async function totalClients(request: APIRequestContext) {
  let total = 0;
  for (const kind of KINDS) total += (await apiClients(request, kind)).length;
  return total;
}

/** The Secrets cell of the row called `name`. */
function healthCell(page: Page, name: string) {
  return page.locator('.client-row').filter({ has: page.locator('.client-row__name', { hasText: new RegExp(`^${escape(name)}$`) }) })
    .locator('td.client-row__health');
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Signs in as `user` and chooses All types; waits for the list of all `total` clients. */
async function openAllTypes(page: Page, user: { button: RegExp }, total: number) {
  await page.goto('security/clients');
  await signInAs(page, user);
  await expect(rowNames(page).first()).toBeVisible();
  await page.getByTestId('client-type').selectOption({ label: 'All types' });
  await expect(page.getByTestId('client-type')).toHaveValue('all');
  await expect(page.getByText(new RegExp(`^${total} clients$`))).toBeVisible();
  await expect(rowNames(page)).toHaveCount(total);
}

/** The query parameters of the page's address. */
function params(page: Page) {
  return new URL(page.url()).searchParams;
}

test('All types: the Secrets column in words, sorted worst first, narrowed by Expired + Expiring and a search', async ({ page, request }) => {
  const expected = await expectedHealth(request);
  const total = await totalClients(request);
  await openAllTypes(page, ADA, total);
  await expect.poll(() => params(page).get('type')).toBe('all');
  await expect(page.getByRole('columnheader', { name: 'Type', exact: true })).toBeVisible();

  // Every row is read, then the progress line goes away.
  await expect(page.getByTestId('health-status')).toHaveCount(0);
  await expect(page.locator('[data-health=pending]')).toHaveCount(0);

  // Each client with secrets shows its worst secret's word, as the API's secrets say.
  for (const client of expected) {
    const cell = healthCell(page, client.name);
    await expect(cell, client.name).toHaveText(WORD[client.worst]);
    await expect(cell.locator('[data-health]'), client.name).toHaveAttribute('data-health', client.worst);
  }
  // The demo tenant has each word at least once, so all of them were checked.
  expect(new Set(expected.map((c) => c.worst))).toEqual(new Set(RANK));
  // Authorization code clients have no secrets: a dash.
  const codeClient = KINDS.find((k) => !k.secrets)!.sample;
  await expect(healthCell(page, codeClient)).toHaveText('—');

  // Sort by Secrets: worst first (Expired on top), the authorization code clients last.
  const sortSecrets = page.locator('thead').getByRole('button', { name: 'Secrets' });
  await sortSecrets.click();
  await expect(page.getByRole('columnheader', { name: 'Secrets' })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => params(page).get('sort')).toBe('health');
  const states = page.locator('.client-row td.client-row__health [data-health]');
  const expiredCount = expected.filter((c) => c.worst === 'expired').length;
  await expect(states.first()).toHaveAttribute('data-health', 'expired');
  const order = await states.evaluateAll((els) => els.map((el) => el.getAttribute('data-health')!));
  const secretRows = order.slice(0, expected.length);
  expect(secretRows.slice(0, expiredCount)).toEqual(Array(expiredCount).fill('expired'));
  const ranks = secretRows.map((s) => RANK.indexOf(s as State));
  expect(ranks, `worst first: ${secretRows.join(', ')}`).toEqual([...ranks].sort((a, b) => a - b));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(order.length).toBe(total);

  // Expired + Expiring within 30 days: exactly the clients with such a secret.
  const attention = expected
    .filter((c) => c.states.has('expired') || c.states.has('week') || c.states.has('month'))
    .map((c) => c.name);
  expect(attention.length).toBeGreaterThan(0);
  expect(attention.length).toBeLessThan(total);
  const expiredChip = page.locator('[data-chip=expired]');
  const expiringChip = page.locator('[data-chip=expiring]');
  await expect(expiredChip.locator('.chip__label')).toHaveText('Expired');
  await expect(expiringChip.locator('.chip__label')).toHaveText('Expiring within 30 days');
  await expect(expiredChip).toHaveAttribute('aria-pressed', 'false');
  await expiredChip.click();
  await expect(expiredChip).toHaveAttribute('aria-pressed', 'true');
  await expiringChip.click();
  await expect(expiringChip).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-chip=never]')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('[data-chip=disabled]')).toHaveAttribute('aria-pressed', 'false');
  await expect(rowNames(page)).toHaveCount(attention.length);
  expect((await rowNames(page).allTextContents()).sort()).toEqual([...attention].sort());
  await expect.poll(() => params(page).get('type')).toBe('all');
  await expect.poll(() => params(page).get('f')).toBe('expired,expiring');
  await expectAccessible(page, 'All types with the Expired and Expiring chips on');

  // A reload (signed in again by the provider's session) keeps the type, the order and the chips.
  const before = page.url();
  await page.reload();
  await expect(page).toHaveURL(before);
  await expect(page.getByTestId('client-type')).toHaveValue('all');
  await expect(expiredChip).toHaveAttribute('aria-pressed', 'true');
  await expect(expiringChip).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('health-status')).toHaveCount(0);
  await expect(rowNames(page)).toHaveCount(attention.length);
  expect((await rowNames(page).allTextContents()).sort()).toEqual([...attention].sort());
  await expect(states.first()).toHaveAttribute('data-health', 'expired');

  // A search narrows further (chips and search combine).
  const narrowed = attention.filter((name) => name.toLowerCase().includes('edge'));
  expect(narrowed.length).toBeGreaterThan(0);
  expect(narrowed.length).toBeLessThan(attention.length);
  await page.getByLabel('Search').fill('EDGE');
  await expect(rowNames(page)).toHaveCount(narrowed.length);
  expect((await rowNames(page).allTextContents()).sort()).toEqual([...narrowed].sort());
  await expect(page).toHaveURL(/[?&]q=EDGE(&|$)/);
  await expect.poll(() => params(page).get('f')).toBe('expired,expiring');
  await expect.poll(() => params(page).get('type')).toBe('all');
  await expectAccessible(page, 'All types with two chips and a search');

  // Switching the chips off again shows every match of the search.
  await expiredChip.click();
  await expiringChip.click();
  await expect(expiringChip).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => params(page).get('f')).toBeNull();
  const allEdge = (await Promise.all(KINDS.map((k) => apiClients(request, k))))
    .flat()
    .map((c) => c.Name as string)
    .filter((name) => name.toLowerCase().includes('edge'));
  await expect(rowNames(page)).toHaveCount(allEdge.length);
  expect((await rowNames(page).allTextContents()).sort()).toEqual(allEdge.sort());
  await endState(page, 'health-chips-all-types');
});

test('All types: Add Client first asks which type, then opens that form', async ({ page, request }) => {
  const total = await totalClients(request);
  await openAllTypes(page, ADA, total);
  await page.getByRole('button', { name: 'Add Client' }).click();
  const question = page.getByRole('dialog', { name: 'Add Client' });
  await expect(question).toContainText('Which type of client do you want to add?');
  for (const kind of KINDS) await expect(question.locator(`[data-kind=${kind.slug}]`)).toContainText(kind.label);
  await expectAccessible(page, 'the Add Client type question (All types)');
  await endState(page, 'health-chips-add-client-question');

  await question.locator('[data-kind=hybrid]').click();
  const form = page.getByRole('dialog', { name: 'Add Client: Hybrid' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Name')).toBeVisible();
  await expect(form.getByLabel(/Allowed Redirect URLs/).first()).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Still All types, nothing added.
  await expect(page.getByTestId('client-type')).toHaveValue('all');
  await expect(rowNames(page)).toHaveCount(total);
  expect(await totalClients(request)).toBe(total);
});

test('A Tenant Member is told once why the Secrets column is empty, and no secrets are read', async ({ page, request }) => {
  const secretRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/Secrets(\/|$)/i.test(new URL(r.url()).pathname)) secretRequests.push(`${r.method()} ${r.url()}`);
  });
  const total = await totalClients(request);
  await openAllTypes(page, MAX, total);

  const note = page.getByTestId('health-status');
  await expect(note).toHaveCount(1);
  await expect(note).toHaveText('The Secrets column is empty because reading secrets needs the Tenant Administrator role.');
  await expect(page.getByText('The Secrets column is empty because', { exact: false })).toHaveCount(1);
  // No row says Checking… or a word: secret rows are hidden, authorization code rows a dash.
  await expect(page.locator('[data-health=pending]')).toHaveCount(0);
  const secretRows = (await Promise.all(SECRET_KINDS.map((k) => apiClients(request, k)))).flat().length;
  await expect(page.locator('td.client-row__health [data-health=hidden]')).toHaveCount(secretRows);
  await expect(page.locator('td.client-row__health [data-health]:not([data-health=hidden]):not([data-health=none])')).toHaveCount(0);
  // The secret chips are off limits; Disabled still works.
  for (const chip of ['expired', 'expiring', 'never']) await expect(page.locator(`[data-chip=${chip}]`)).toBeDisabled();
  await expect(page.locator('[data-chip=disabled]')).toBeEnabled();
  await expectAccessible(page, 'All types for a Tenant Member (the Secrets column note)');

  // The same for each Client Type, and with the Disabled chip on: still one note, no read.
  for (const kind of SECRET_KINDS) {
    await page.getByTestId('client-type').selectOption(kind.slug);
    await expect(page.getByText(new RegExp(`^\\d+ ${kind.label.toLowerCase()} clients?$`))).toBeVisible();
    await expect(note).toHaveCount(1);
  }
  await page.getByTestId('client-type').selectOption('all');
  await page.locator('[data-chip=disabled]').click();
  await expect(page.locator('[data-chip=disabled]')).toHaveAttribute('aria-pressed', 'true');
  await expect(rowNames(page).first()).toBeVisible();
  await expect(note).toHaveCount(1);
  // Give background reads a chance to show up, had any been started.
  await page.waitForTimeout(1_000);
  expect(secretRequests, 'requests for secrets').toEqual([]);
  await endState(page, 'health-chips-member');
});

test('After Add Secret on a client with no secrets, its Secrets cell says OK without a reload', async ({ page, request }) => {
  const expected = await expectedHealth(request);
  const target = expected.find((c) => c.worst === 'none' && c.kind.slug === 'client-credentials')!;
  expect(target, 'a demo client without secrets').toBeTruthy();
  const total = await totalClients(request);
  await openAllTypes(page, ADA, total);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await expect(healthCell(page, target.name)).toHaveText('No secrets');

  await openClient(page, target.name);
  await pane(page).getByRole('tab', { name: 'Secrets' }).click();
  await expect(pane(page).getByText('This client has no secrets')).toBeVisible();
  await page.getByRole('button', { name: 'Add Secret' }).click();
  const form = page.getByRole('dialog', { name: 'Add Secret' });
  await form.getByLabel('Description (optional)').fill('E2E first key');
  await form.getByRole('button', { name: 'Add' }).click();
  const added = page.getByRole('dialog', { name: 'Secret added' });
  await expect(added.getByTestId('new-secret')).not.toBeEmpty();
  await added.getByLabel('I have stored the secret').check();
  await added.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(added).toHaveCount(0);
  await expect(page.getByTestId('secret-row')).toHaveCount(1);

  // The list's cell follows, in the same document (no reload).
  const cell = healthCell(page, target.name);
  await expect(cell).toHaveText('OK');
  await expect(cell.locator('[data-health]')).toHaveAttribute('data-health', 'valid');
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  expect(await apiSecrets(request, target.kind, target.name)).toHaveLength(1);
  await expectAccessible(page, 'the Secrets column after Add Secret');
  await endState(page, 'health-chips-after-add-secret');
});
