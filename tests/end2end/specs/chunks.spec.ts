// Feature code loaded on first use (README, "Wasm chunks"): the dialogs of the feature rooms
// are separate wasm files. A rarely used one (Keyboard shortcuts) is not fetched until it is
// opened, then once; the likely ones are fetched while the browser is idle after the first
// rows; a chunk that cannot be loaded (offline, a 404 after a redeploy) says so with Retry
// and then works. Runs in both projects: at / and under /admin/.
import { test, expect, ADA, signInAs, rowNames, type Page } from '../support/console';

/** A chunk's name (`split_shortcuts`, `chunk_12`) from its URL, if the URL is a chunk's. */
function chunkOf(url: string): string | undefined {
  return /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]+\.wasm$/.exec(new URL(url).pathname)?.[1];
}

/** Every chunk request `page` makes from now on, with its URL. */
function recordChunks(page: Page): { name: string; url: string }[] {
  const seen: { name: string; url: string }[] = [];
  page.on('request', (r) => {
    const name = chunkOf(r.url());
    if (name) seen.push({ name, url: r.url() });
  });
  return seen;
}

const count = (seen: { name: string }[], name: string) => seen.filter((c) => c.name === name).length;

async function openList(page: Page) {
  await page.goto('security/clients');
  await signInAs(page, ADA);
  await expect(rowNames(page).first()).toBeVisible();
}

/** Presses `?` on the page (not in a field): the Keyboard shortcuts dialog. */
async function openShortcuts(page: Page) {
  await page.getByRole('heading', { name: 'Clients', level: 1 }).click();
  await page.keyboard.press('?');
  return page.getByRole('dialog', { name: 'Keyboard shortcuts' });
}

test('a rarely used feature is fetched on first use only, once; the likely ones when idle', async ({ page, baseURL }) => {
  const seen = recordChunks(page);
  await openList(page);
  // After the first rows, while idle: the chunks of the everyday dialogs.
  for (const likely of ['split_edit_client', 'split_toggle_client', 'split_secrets', 'split_add_client', 'split_remove_client']) {
    await expect.poll(() => count(seen, likely), `${likely} fetched while idle`).toBe(1);
  }
  // Not the rare ones.
  expect(count(seen, 'split_shortcuts')).toBe(0);
  expect(count(seen, 'split_rotate')).toBe(0);
  expect(count(seen, 'split_remove_expired')).toBe(0);

  const help = await openShortcuts(page);
  await expect(help).toContainText('Go to Search');
  expect(count(seen, 'split_shortcuts')).toBe(1);
  // Below the app's own folder (/admin/ for that build), never the server's root.
  for (const c of seen) expect(c.url.startsWith(baseURL!), `${c.url} below ${baseURL}`).toBe(true);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // The second time it is there at once: no request, no loading frame.
  const again = await openShortcuts(page);
  await expect(again).toContainText('Go to Search');
  await expect(again.getByTestId('chunk-loading')).toHaveCount(0);
  expect(count(seen, 'split_shortcuts')).toBe(1);
  // Every chunk at most once in the whole visit.
  for (const c of seen) expect(count(seen, c.name), `${c.name} fetched once`).toBe(1);
});

test('a slow chunk shows the dialog frame at once; one that fails says so, and Retry loads it', async ({ page }) => {
  await openList(page);
  // The first request of the shortcuts chunk is slow, then answers 404 (the file is gone
  // after a redeploy, say); later ones go through.
  let answered = 0;
  await page.route(/\/split_shortcuts-[0-9a-f]+\.wasm$/, async (route) => {
    if (answered++ > 0) return route.fallback();
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
  });
  const help = await openShortcuts(page);
  // The frame, before the chunk answered: its title, "Loading…", the focus inside it.
  await expect(help.getByTestId('chunk-loading')).toBeVisible();
  expect(answered).toBe(1);
  await expect.poll(() => help.evaluate((d) => d.contains(document.activeElement))).toBe(true);

  const failed = help.getByTestId('chunk-failed');
  await expect(failed).toContainText('could not be loaded');
  await expect(failed).toContainText('Retry');
  await expect(help.getByTestId('chunk-loading')).toHaveCount(0);
  await help.getByTestId('chunk-retry').click();
  await expect(help).toContainText('Go to Search');
  await expect(failed).toHaveCount(0);
  expect(answered).toBe(2);

  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});
