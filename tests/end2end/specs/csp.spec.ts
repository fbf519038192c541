// dev-api serves the app under the Content-Security-Policy the README recommends for a CDN;
// the console must work under it without a single violation. (Every scenario fails on a
// violation; this one also checks the header itself and that violations are really noticed.)
import { test, expect, ADA, signInAs, rowNames } from '../support/console';

test('the console runs under a strict Content-Security-Policy without violations', async ({ page, watch }) => {
  const response = await page.goto('security/clients?type=authorization-code');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp, 'the app is served with a CSP').toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");

  await signInAs(page, ADA);
  await expect(page.getByTestId('client-type')).toHaveValue('authorization-code');
  await expect(rowNames(page)).toContainText(['Maintenance mobile app']);
  // Every view of a client: the pane and each of its tabs.
  await page.locator('.client-row', { hasText: 'Maintenance mobile app' }).click();
  const pane = page.getByTestId('details-pane');
  await expect(pane.locator('#pane-title')).toHaveText('Maintenance mobile app');
  await page.getByTestId('client-type').selectOption('client-credentials');
  await page.locator('.client-row', { hasText: 'Pump station telemetry' }).click();
  for (const tab of ['Secrets', 'Roles', 'Details']) {
    await pane.getByRole('tab', { name: tab }).click();
    await expect(pane.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  }
  await expect(page.getByTestId('details-fields')).toBeVisible();
  expect(watch.csp, 'violations while using the console').toEqual([]);

  // The watch really notices a violation: an inline script is refused and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
  });
  await expect.poll(() => watch.csp.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as any).__inlineRan)).toBeUndefined();
  watch.csp.length = 0; // the deliberate one is not a finding
});
