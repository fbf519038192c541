// Task: act on many clients at once — pick rows (checkbox, Shift+click, Space, Shift+↓, or
// "Select all N matching"), then Disable, Enable or Remove from the bar: a question first
// (Remove wants the count typed, Cancel is the default), a progress bar, each client's
// outcome, Retry for the failed ones only; a Tenant Member has no checkboxes.
import { test, expect, rowNames, expectAccessible, signInAs, ADA, MAX } from '../../support/console';
import { startDevApi, type DevApi } from '../../support/dev-api';
import { KINDS, TENANT, openClients, apiClients, fault, tabTo, endState } from '../../support/tasks';
import type { Page } from '@playwright/test';

const CC = KINDS[0];

function row(page: Page, i: number) {
  return page.locator('.client-row').nth(i);
}

function bar(page: Page) {
  return page.getByTestId('bulk-bar');
}

/** Counts the PUTs and DELETEs the page sends, per client id. */
function countWrites(page: Page) {
  const sent = new Map<string, number>();
  page.on('request', (r) => {
    if (!['PUT', 'DELETE'].includes(r.method())) return;
    const id = new URL(r.url()).pathname.split('/').pop()!;
    sent.set(id, (sent.get(id) ?? 0) + 1);
  });
  return sent;
}

test('Disable three picked clients with one request failing: outcomes, Retry sends only the failed one', async ({ page, request }) => {
  await openClients(page, CC);
  const sent = countWrites(page);
  await row(page, 0).getByRole('checkbox').click();
  await row(page, 2).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(bar(page)).toContainText('3 clients selected');
  const names = (await rowNames(page).allTextContents()).slice(0, 3);
  const before = (await apiClients(request, CC)).filter((c) => names.includes(c.Name));
  const enabled = before.filter((c) => c.Enabled !== false);
  expect(enabled.length, 'the demo has enabled clients among the first three').toBeGreaterThan(1);
  await expectAccessible(page, 'the list with three clients picked');
  // Picked clients that a search hides stay picked, and the bar says so.
  await page.getByLabel('Search').fill(names[0]);
  await expect(bar(page)).toContainText('3 clients selected (2 of them hidden by the search or a filter)');
  await page.getByLabel('Search').fill('');
  await expect(bar(page)).toHaveText(/3 clients selected(?! \()/);

  await bar(page).getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable 3 clients' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (const name of names) await expect(dialog).toContainText(`“${name}”`);
  await expectAccessible(page, 'the bulk Disable question');
  await fault(request, { match: `PUT /api/v1/Tenants/${TENANT}/ClientCredentialClients/`, status: 500 });
  await dialog.getByRole('button', { name: 'Disable 3 clients' }).click();

  const status = dialog.getByTestId('bulk-status');
  const already = before.length - enabled.length;
  await expect(status).toContainText(`Finished: ${enabled.length - 1} disabled`);
  await expect(status).toContainText('1 not disabled');
  if (already > 0) await expect(status).toContainText(`${already} already disabled`);
  const failed = dialog.getByTestId('bulk-outcome').filter({ hasText: '✗ Not disabled' });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('A fault rule set through /_dev/faults made this request fail on purpose.');
  await expectAccessible(page, 'the bulk outcomes with one failure');
  expect([...sent.values()].reduce((a, b) => a + b, 0), 'one request per enabled client').toBe(enabled.length);

  await dialog.getByTestId('bulk-retry').click();
  await expect(status).toContainText(`Finished: ${enabled.length} disabled`);
  await expect(dialog.getByTestId('bulk-retry')).toHaveCount(0);
  // The failed one was sent twice, every other once, the already disabled never.
  const counts = enabled.map((c) => sent.get(c.Id) ?? 0).sort();
  expect(counts).toEqual([...Array(enabled.length - 1).fill(1), 2]);
  for (const c of before.filter((c) => c.Enabled === false)) expect(sent.get(c.Id) ?? 0).toBe(0);
  const after = (await apiClients(request, CC)).filter((c) => names.includes(c.Name));
  expect(after.every((c) => c.Enabled === false)).toBe(true);

  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(bar(page)).toHaveCount(0);
  for (let i = 0; i < 3; i++) await expect(row(page, i).getByTestId('status-badge')).toHaveText('Disabled');
  await endState(page, 'bulk-disable');

  // Enable the same three again: every one is sent once more, none twice.
  sent.clear();
  await row(page, 0).getByRole('checkbox').click();
  await row(page, 2).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await bar(page).getByRole('button', { name: 'Enable' }).click();
  const enable = page.getByRole('dialog', { name: 'Enable 3 clients' });
  await enable.getByRole('button', { name: 'Enable 3 clients' }).click();
  await expect(enable.getByTestId('bulk-status')).toContainText('Finished: 3 enabled.');
  expect([...sent.values()]).toEqual([1, 1, 1]);
  expect((await apiClients(request, CC)).filter((c) => names.includes(c.Name)).every((c) => c.Enabled === true)).toBe(true);
});

test('keyboard only: Select all matching a search, Remove with the count typed', async ({ page, request }) => {
  await openClients(page, CC);
  const search = page.getByLabel('Search');
  await search.fill('Edge gateway');
  const matching = (await apiClients(request, CC)).filter((c) => c.Name.includes('Edge gateway'));
  expect(matching.length).toBeGreaterThan(1);
  await expect(rowNames(page)).toHaveCount(matching.length);
  // Space picks the cursor's row, Shift+↓ picks on.
  await search.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(bar(page)).toContainText('1 client selected');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(bar(page)).toContainText('2 clients selected');
  await page.keyboard.press('Space');
  await expect(bar(page)).toContainText('1 client selected');
  await tabTo(page, bar(page).getByRole('button', { name: `Select all ${matching.length} matching` }));
  await page.keyboard.press('Enter');
  await expect(bar(page)).toContainText(`${matching.length} clients selected`);
  await expect(page.getByRole('checkbox', { name: `Select all ${matching.length} matching` })).toBeChecked();

  await tabTo(page, bar(page).getByRole('button', { name: 'Remove' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Remove ${matching.length} clients` });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog).toContainText('This cannot be undone.');
  await expect(dialog).toContainText('secrets');
  const remove = dialog.getByRole('button', { name: `Remove ${matching.length} clients` });
  await expect(remove).toBeDisabled();
  await expectAccessible(page, 'the bulk Remove question');
  await tabTo(page, dialog.getByTestId('bulk-confirm'), 5);
  await page.keyboard.type(String(matching.length));
  await expect(remove).toBeEnabled();
  await fault(request, { match: `DELETE /api/v1/Tenants/${TENANT}/ClientCredentialClients/`, status: 500 });
  await page.keyboard.press('Enter');

  const status = dialog.getByTestId('bulk-status');
  await expect(status).toContainText(`Finished: ${matching.length - 1} removed, 1 not removed.`);
  await expect(dialog.getByTestId('bulk-outcome').filter({ hasText: '✗ Not removed' })).toHaveCount(1);
  await tabTo(page, dialog.getByTestId('bulk-retry'), 5);
  await page.keyboard.press('Enter');
  await expect(status).toContainText(`Finished: ${matching.length} removed.`);
  await expect(dialog.getByRole('button', { name: 'Close', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const left = (await apiClients(request, CC)).map((c) => c.Name);
  for (const c of matching) expect(left).not.toContain(c.Name);
  await expect(page.getByText('No clients match your search')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await endState(page, 'bulk-remove-dark');
});

test('a Tenant Member has no checkboxes and is told why', async ({ page }) => {
  await page.goto('security/clients');
  await signInAs(page, MAX);
  await expect(rowNames(page).first()).toBeVisible();
  await expect(page.locator('.client-row input[type=checkbox]')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /^Select all/ })).toHaveCount(0);
  await expect(page.getByTestId('read-only-note')).toContainText('no checkboxes for acting on several clients at once');
  // Space opens the client, as before.
  await page.getByLabel('Search').press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('details-pane')).toBeVisible();
});

test.describe('at 50 000 clients', () => {
  let big: DevApi;
  test.beforeAll(async () => {
    big = await startDevApi(['--clients', '50000']);
  });
  test.afterAll(async () => big.stop());

  test('Select all matching picks every client of the view, says how many, and sends nothing before the question', async ({ page, request }) => {
    test.setTimeout(120_000);
    const total = async (collection: string) => {
      const response = await request.head(`${big.url}/api/v1/Tenants/${TENANT}/${collection}`, { headers: { Authorization: 'Bearer admin' } });
      expect(response.status()).toBe(200);
      return Number(response.headers()['total-count']);
    };
    const counts = await Promise.all(KINDS.map((k) => total(k.collection)));
    expect(counts.reduce((a, b) => a + b, 0), 'the tenant holds 50 000 clients').toBe(50000);
    const sent = countWrites(page);
    await page.goto(`${big.url}/security/clients`);
    await signInAs(page, ADA);
    // The header's checkbox names every client of the view once the list has them all.
    const header = (n: number) => page.getByRole('checkbox', { name: `Select all ${n} matching` });
    await expect(header(counts[0])).toBeVisible({ timeout: 60_000 });
    await header(counts[0]).check();
    await expect(bar(page)).toContainText(`${counts[0]} clients selected`);

    await expect(header(counts[0])).toBeChecked();

    // All types starts with nothing picked; Select all takes every type.
    await page.getByTestId('client-type').selectOption('all');
    await expect(header(50000)).toBeVisible({ timeout: 60_000 });
    await expect(header(50000)).not.toBeChecked();
    await expect(bar(page)).toHaveCount(0);
    // While the Secrets column reads, the posture strip and the progress line say the same.
    const figures = await page.evaluate(() =>
      ['posture-read', 'health-status'].map((id) => /(\d+) of (\d+)/.exec(document.querySelector(`[data-testid=${id}]`)?.textContent ?? '')?.slice(1)),
    );
    if (figures[0] && figures[1]) expect(figures[0], 'the strip beside the progress line').toEqual(figures[1]);
    await page.locator('.client-row').first().getByRole('checkbox').click();
    await expect(bar(page)).toContainText('1 client selected');
    await bar(page).getByRole('button', { name: 'Select all 50000 matching' }).click();
    await expect(bar(page)).toContainText('50000 clients selected');
    await expect(header(50000)).toBeChecked();

    // A search narrows the view; the picks it hides stay picked and are counted.
    await page.getByLabel('Search').fill('Edge gateway');
    await expect(bar(page)).toContainText(/50000 clients selected \(\d+ of them hidden by the search or a filter\)/);
    await page.getByLabel('Search').fill('');

    await bar(page).getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: /^Disable \d+ clients$/ });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(dialog).toContainText(/more/);
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(bar(page)).toContainText('50000 clients selected');
    expect(sent.size, 'nothing is sent before the question is answered').toBe(0);
    await endState(page, 'bulk-all-50000');
  });
});
