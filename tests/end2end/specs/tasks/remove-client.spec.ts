// Task: More options › Remove Client, confirmed by typing the name — for each type.
import { test, expect, rowNames, expectAccessible } from '../../support/console';
import { KINDS, openClients, openClient, pane, apiClients, endState } from '../../support/tasks';

for (const kind of KINDS) {
  test(`${kind.label}: Remove Client`, async ({ page, request }) => {
    await openClients(page, kind);
    await openClient(page, kind.sample);
    await pane(page).getByRole('button', { name: 'More options' }).click();
    await page.getByRole('menuitem', { name: 'Remove Client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Client' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(dialog).toContainText('This cannot be undone');
    await expectAccessible(page, `the Remove Client confirmation (${kind.label})`);
    const remove = dialog.getByRole('button', { name: 'Remove', exact: true });
    await expect(remove).toBeDisabled();
    await dialog.getByLabel(`Type “${kind.sample}” to confirm`).fill(kind.sample);
    await remove.click();

    await expect(dialog).toHaveCount(0);
    await expect(pane(page)).toHaveCount(0);
    await page.getByLabel('Search').fill('');
    await expect(rowNames(page).first()).toBeVisible();
    await expect(rowNames(page).filter({ hasText: kind.sample })).toHaveCount(0);
    expect((await apiClients(request, kind)).map((c) => c.Name)).not.toContain(kind.sample);
    await expectAccessible(page, `the ${kind.label} list after a removal`);
    await endState(page, `remove-client-${kind.slug}`);
  });
}
