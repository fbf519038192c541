// Task: Disable Client, then Enable Client, each confirmed — for each type.
import { test, expect, expectAccessible } from '../../support/console';
import { KINDS, openClients, openClient, pane, apiClient, endState } from '../../support/tasks';

for (const kind of KINDS) {
  test(`${kind.label}: Disable Client, then Enable Client`, async ({ page, request }) => {
    await openClients(page, kind);
    await openClient(page, kind.sample);
    const badge = pane(page).getByTestId('status-badge');
    await expect(badge).toHaveText('Enabled');

    await pane(page).getByRole('button', { name: 'Disable Client' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable Client' });
    await expect(disable.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectAccessible(page, `the Disable Client confirmation (${kind.label})`);
    await disable.getByRole('button', { name: 'Disable' }).click();
    await expect(badge).toHaveText('Disabled');
    expect((await apiClient(request, kind, kind.sample)).Enabled).toBe(false);
    await expect(page.getByRole('button', { name: 'Enable Client' })).toBeFocused();

    await page.getByRole('button', { name: 'Enable Client' }).click();
    const enable = page.getByRole('dialog', { name: 'Enable Client' });
    await expectAccessible(page, `the Enable Client confirmation (${kind.label})`);
    await enable.getByRole('button', { name: 'Enable' }).click();
    await expect(badge).toHaveText('Enabled');
    expect((await apiClient(request, kind, kind.sample)).Enabled).toBe(true);
    await endState(page, `disable-enable-${kind.slug}`);
  });
}
