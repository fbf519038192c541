// The tasks by keyboard alone (no mouse event at all, sign-in included): find and open a
// client, switch the pane's tabs, Edit Client → Save, Add Secret, Remove Secret, Remove Client.
// After each dialog the focus is back on the control that opened it (or, when that control is
// gone with what it removed, on the next sensible place).
import { test, expect, ADA, rowNames, expectAccessible, type Page } from '../../support/console';
import { KINDS, pane, apiClients, apiSecrets, tabTo, endState } from '../../support/tasks';

const CC = KINDS[0];

/** Signs in on dev-api's chooser with Tab and Enter. */
async function signInByKeyboard(page: Page) {
  await expect(page.getByRole('heading', { name: 'Sign in to CONNECT data services' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: ADA.button }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('user-name')).toHaveText(ADA.name);
}

/** Opens `name` from the list: type it in Search, Tab into the list, Enter. */
async function findAndOpen(page: Page, name: string) {
  await tabTo(page, page.getByLabel('Search'));
  await page.keyboard.type(name);
  await expect(rowNames(page)).toHaveText([name]);
  await tabTo(page, page.locator('#client-list'));
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(pane(page).locator('#pane-title')).toHaveText(name);
}

test('Client-Credentials by keyboard: find, tabs, Edit → Save, Add Secret, Remove Secret, Remove Client', async ({ page, request }) => {
  await page.goto('security/clients');
  await signInByKeyboard(page);
  await expect(rowNames(page).first()).toBeVisible();
  await findAndOpen(page, CC.sample);

  // Tabs: the selected tab is the one stop; the arrows move and select.
  await tabTo(page, pane(page).getByRole('tab', { name: 'Details' }));
  await page.keyboard.press('ArrowRight');
  const secretsTab = pane(page).getByRole('tab', { name: 'Secrets' });
  await expect(secretsTab).toBeFocused();
  await expect(secretsTab).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(pane(page).getByRole('tab', { name: 'Roles' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(pane(page).getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');

  // Edit Client → Save with Enter in the form.
  const edit = page.locator('#edit-client');
  await tabTo(page, edit);
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Edit Client' });
  await expect(form.getByLabel('Name')).toHaveValue(CC.sample);
  await tabTo(page, form.getByLabel('Name'));
  await page.keyboard.press('Control+A');
  const renamed = 'Pump station telemetry – north';
  await page.keyboard.type(renamed);
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(pane(page).locator('#pane-title')).toHaveText(renamed);
  await expect(edit).toBeFocused();
  expect((await apiClients(request, CC)).map((c) => c.Name)).toContain(renamed);

  // Add Secret: Enter opens, Enter submits; the one-time value is closed by keyboard.
  await tabTo(page, pane(page).getByRole('tab', { name: 'Details' }));
  await page.keyboard.press('ArrowRight');
  const addSecret = page.locator('#add-secret');
  await tabTo(page, addSecret);
  await page.keyboard.press('Enter');
  const secretForm = page.getByRole('dialog', { name: 'Add Secret' });
  await tabTo(page, secretForm.getByLabel('Description (optional)'));
  await page.keyboard.type('Keyboard key');
  await page.keyboard.press('Enter');
  const added = page.getByRole('dialog', { name: 'Secret added' });
  await expect(added.getByTestId('new-secret')).not.toBeEmpty();
  await tabTo(page, added.getByLabel('I have stored the secret'));
  await page.keyboard.press('Space');
  await tabTo(page, added.getByRole('button', { name: 'Close', exact: true }));
  await page.keyboard.press('Enter');
  await expect(added).toHaveCount(0);
  await expect(addSecret).toBeFocused();
  await expect(page.getByTestId('secret-row').filter({ hasText: 'Keyboard key' })).toHaveCount(1);

  // Remove Secret: Cancel has the focus; Tab to Remove, Enter. Its button is gone with it, so
  // the focus goes to Add Secret.
  const old = page.getByTestId('secret-row').filter({ hasText: 'Old key (do not use)' });
  await tabTo(page, old.getByRole('button', { name: 'Remove Secret' }));
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Remove Secret' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(old).toHaveCount(0);
  await expect(addSecret).toBeFocused();
  expect((await apiSecrets(request, CC, renamed)).map((s) => s.Description)).not.toContain('Old key (do not use)');

  // Remove Client from More options: the name typed, Enter. The pane is gone, and so is the
  // list (the search matched only this client): the focus goes to Search.
  await tabTo(page, page.locator('#more-options'));
  await page.keyboard.press('Enter');
  // Export as JSON first, then Remove Client (the dangerous one last).
  await page.keyboard.press('Tab');
  await expect(page.getByRole('menuitem', { name: 'Export as JSON' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('menuitem', { name: 'Remove Client' })).toBeFocused();
  await page.keyboard.press('Enter');
  const remove = page.getByRole('dialog', { name: 'Remove Client' });
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page, 'the Remove Client confirmation, reached by keyboard');
  await page.keyboard.press('Shift+Tab');
  await expect(remove.getByTestId('confirm-name')).toBeFocused();
  await page.keyboard.type(renamed);
  await page.keyboard.press('Enter');
  await expect(remove).toHaveCount(0);
  await expect(pane(page)).toHaveCount(0);
  await expect(page.getByLabel('Search')).toBeFocused();
  await expect(page.getByText('No clients match your search')).toBeVisible();
  expect((await apiClients(request, CC)).map((c) => c.Name)).not.toContain(renamed);
  await endState(page, 'keyboard-only-client-credentials');
});

for (const kind of KINDS.slice(1)) {
  test(`${kind.label} by keyboard: find, Edit → Save, Disable and Enable`, async ({ page, request }) => {
    await page.goto(`security/clients?type=${kind.slug}`);
    await signInByKeyboard(page);
    await expect(rowNames(page).first()).toBeVisible();
    await findAndOpen(page, kind.sample);

    const edit = page.locator('#edit-client');
    await tabTo(page, edit);
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'Edit Client' });
    await tabTo(page, form.getByLabel('Token Lifetime (seconds, optional)'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1800');
    await page.keyboard.press('Enter');
    await expect(form).toHaveCount(0);
    await expect(edit).toBeFocused();
    await expect(pane(page).getByTestId('details-fields')).toContainText('30 minutes');
    expect((await apiClients(request, kind)).find((c) => c.Name === kind.sample)?.AccessTokenLifetime).toBe(1800);

    const toggle = page.locator('#toggle-client');
    for (const [action, after] of [['Disable', 'Disabled'], ['Enable', 'Enabled']]) {
      await tabTo(page, toggle);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `${action} Client` });
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(pane(page).getByTestId('status-badge')).toHaveText(after);
      await expect(toggle).toBeFocused();
    }
    await endState(page, `keyboard-only-${kind.slug}`);
  });
}
