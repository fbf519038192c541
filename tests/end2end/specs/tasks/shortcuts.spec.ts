// The page's keyboard shortcuts with real key presses: `/` Search (and ↓ from there into the
// list), `?` the list of shortcuts (checked with axe), `n` Add Client, `r` Refresh — and none
// of them while typing in a field.
import { test, expect, rowNames, expectAccessible } from '../../support/console';
import { KINDS, openClients, endState } from '../../support/tasks';

test('/ goes to Search, ? lists the shortcuts, n adds a client, r refreshes; typing is typing', async ({ page }) => {
  await openClients(page, KINDS[1]);
  await page.locator('body').click({ position: { x: 5, y: 300 } });

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search')).toBeFocused();
  await page.keyboard.type('nr');
  await expect(page.getByLabel('Search')).toHaveValue('nr');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(rowNames(page).first()).toBeVisible();

  // ↓ in Search goes to the first client of the list; Enter opens it, Esc closes it.
  const first = ((await rowNames(page).first().textContent()) ?? '').trim();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#client-list')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#pane-title')).toHaveText(first);
  await page.keyboard.press('Escape');
  await expect(page.locator('#pane-title')).toHaveCount(0);

  await page.getByRole('heading', { name: 'Clients', level: 1 }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Go to Search');
  await expectAccessible(page, 'the keyboard shortcuts dialog');
  await endState(page, 'shortcuts-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  const reloaded = page.waitForRequest((r) => r.method() === 'GET' && /\/HybridClients\?/.test(r.url()));
  await page.keyboard.press('r');
  await reloaded;
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'Add Client: Hybrid' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Add Client' })).toBeFocused();
});
