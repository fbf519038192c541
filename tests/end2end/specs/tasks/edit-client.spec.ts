// Task: Edit Client → Save, and the new values are there after a reload — for each type.
import { test, expect, expectAccessible } from '../../support/console';
import { KINDS, openClients, openClient, pane, apiClient, endState } from '../../support/tasks';

for (const kind of KINDS) {
  test(`${kind.label}: Edit Client, Save, reload`, async ({ page, request }) => {
    await openClients(page, kind);
    await openClient(page, kind.sample);
    await pane(page).getByRole('button', { name: 'Edit Client' }).click();
    const form = page.getByRole('dialog', { name: 'Edit Client' });
    await expect(form.getByLabel('Name')).toHaveValue(kind.sample);
    await expectAccessible(page, `the Edit Client form (${kind.label})`);

    const renamed = `${kind.sample} (renamed)`;
    await form.getByLabel('Name').fill(renamed);
    await form.getByLabel('Token Lifetime (seconds, optional)').fill('900');
    if (kind.web) {
      await form.getByLabel(/Allowed Logout Redirect URLs/).fill('https://signed-out.example.com/');
    }
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toHaveCount(0);
    await expect(pane(page).locator('#pane-title')).toHaveText(renamed);
    await expect(page.getByRole('button', { name: 'Edit Client' })).toBeFocused();

    // The API holds the new values; a reload (signed in again by the provider's session)
    // shows them on the same screen.
    const stored = await apiClient(request, kind, renamed);
    expect(stored.AccessTokenLifetime).toBe(900);
    if (kind.web) expect(stored.PostLogoutRedirectUris).toEqual(['https://signed-out.example.com/']);
    await page.reload();
    const details = pane(page).getByTestId('details-fields');
    await expect(pane(page).locator('#pane-title')).toHaveText(renamed);
    await expect(details).toContainText('15 minutes');
    if (kind.web) await expect(details).toContainText('https://signed-out.example.com/');
    await endState(page, `edit-client-${kind.slug}`);
  });
}
