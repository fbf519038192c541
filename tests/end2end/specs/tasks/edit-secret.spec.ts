// Task: Edit Secret — a new description and expiry, then Never Expires — for each type that
// has secrets.
import { test, expect, expectAccessible } from '../../support/console';
import { SECRET_KINDS, openClients, openClient, pane, apiSecrets, endState } from '../../support/tasks';

for (const kind of SECRET_KINDS) {
  test(`${kind.label}: Edit Secret`, async ({ page, request }) => {
    await openClients(page, kind);
    await openClient(page, kind.sample);
    await pane(page).getByRole('tab', { name: 'Secrets' }).click();
    const first = page.getByTestId('secret-row').first();
    const description = ((await first.locator('.secret-card__title').textContent()) ?? '').trim();
    await first.getByRole('button', { name: 'Edit Secret' }).click();
    const form = page.getByRole('dialog', { name: 'Edit Secret' });
    await expect(form.getByLabel('Description (optional)')).toHaveValue(description);
    await expectAccessible(page, `the Edit Secret form (${kind.label})`);

    await form.getByLabel('Description (optional)').fill('E2E edited key');
    await form.getByLabel('Expiration Date').fill('2031-03-15T09:30');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toHaveCount(0);
    const edited = page.getByTestId('secret-row').filter({ hasText: 'E2E edited key' });
    await expect(edited).toContainText('2031');
    let stored = (await apiSecrets(request, kind, kind.sample)).find((s) => s.Description === 'E2E edited key');
    expect(stored, 'the API has the new description').toBeTruthy();
    // Entered in the browser's local time: the API holds the same moment.
    expect(Date.parse(stored!.Expiration)).toBe(await page.evaluate(() => new Date('2031-03-15T09:30').getTime()));

    await edited.getByRole('button', { name: 'Edit Secret' }).click();
    await form.getByLabel('Never Expires').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(edited).toContainText('Never Expires');
    stored = (await apiSecrets(request, kind, kind.sample)).find((s) => s.Description === 'E2E edited key');
    expect(stored!.Expires).toBe(false);
    await endState(page, `edit-secret-${kind.slug}`);
  });
}
