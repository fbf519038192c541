// Task: choose the Client Type and find a client — for each type.
import { test, expect, rowNames, expectAccessible } from '../../support/console';
import { KINDS, openClients, openClient, pane, endState } from '../../support/tasks';

for (const kind of KINDS) {
  test(`${kind.label}: choose the type, search, open the client's Details`, async ({ page }) => {
    await openClients(page, kind);
    await expect(page.getByLabel('Client Type')).toHaveValue(kind.slug);
    await expectAccessible(page, `the ${kind.label} list`);

    // Part of the name, in other case, finds it.
    await page.getByLabel('Search').fill(kind.sample.slice(0, 8).toUpperCase());
    await expect(rowNames(page).filter({ hasText: kind.sample })).toHaveCount(1);
    await openClient(page, kind.sample);
    const details = pane(page).getByTestId('details-fields');
    await expect(details).toContainText(kind.sample);
    await expect(details).toContainText(kind.label);
    await expect(pane(page).getByRole('tab', { name: 'Secrets' })).toHaveCount(kind.secrets ? 1 : 0);
    await expect(page).toHaveURL(/sel=/);
    await expectAccessible(page, `the Details pane of a ${kind.label} client`);

    // Nothing matches: the list says so and offers a way back.
    await page.getByLabel('Search').fill('no client is called this');
    await expect(rowNames(page)).toHaveCount(0);
    await expect(page.getByText('No clients match your search')).toBeVisible();
    // The empty table is kept for the next keystroke, but out of sight, of the tab order and
    // of what a screen reader finds.
    const table = page.getByRole('region', { name: /^Clients; use the arrow keys/ });
    await expect(table).toHaveCount(0);
    await expect(page.locator('#client-list')).toBeHidden();
    await expectAccessible(page, `a search with no match (${kind.label})`);
    await page.getByLabel('Search').fill(kind.sample);
    await expect(rowNames(page)).toHaveText([kind.sample]);
    await expect(table).toBeVisible();
    await endState(page, `find-client-${kind.slug}`);
  });
}
