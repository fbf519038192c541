// A keyboard-only admin: find a client in the list, open it, move between the pane's tabs and
// into the panel, open and leave a dialog — with no mouse event at all.
import { test, expect, ADA, signInAs, rowNames, expectAccessible } from '../support/console';

test('the list, the pane tabs and a dialog work by keyboard alone', async ({ page }) => {
  await page.goto('security/clients');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();

  // The list is one tab stop: focus it, move with the arrows, open with Enter.
  await page.locator('#client-list').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-pane')).toBeVisible();
  const name = (await page.locator('#pane-title').textContent()) ?? '';
  expect(name.length).toBeGreaterThan(0);
  // Tab from the list passes "Select all" (a Tenant Administrator's), the sort buttons and
  // the current row's Copy only, then leaves the list (not one stop per row).
  const stops: string[] = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.closest('#client-list')) return null;
      return el.getAttribute('title') ?? el.textContent?.replace(/[▲▼]/g, '').trim() ?? '';
    });
    if (where === null) break;
    stops.push(where);
  }
  expect(stops).toEqual([`Select all ${await rowNames(page).count()} matching`, 'Name', 'Client ID', 'Status', 'Secrets', 'Copy Client ID']);

  // Tabs: ←/→ move and select; Tab goes into the panel.
  await page.locator('#tab-details').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#tab-secrets')).toBeFocused();
  await expect(page.locator('#tab-secrets')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=secrets/);
  await page.keyboard.press('Tab');
  await expect(page.locator('#pane-panel')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('#tab-secrets')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('#tab-details')).toBeFocused();
  await expectAccessible(page, 'the pane, reached by keyboard');

  // Edit Client by Enter; Esc leaves the dialog and focus comes back to the button.
  await page.locator('#edit-client').focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit Client' });
  await expect(edit.getByTestId('client-name')).toHaveValue(name);
  await page.keyboard.press('Escape');
  await expect(edit).toHaveCount(0);
  await expect(page.locator('#edit-client')).toBeFocused();
});
