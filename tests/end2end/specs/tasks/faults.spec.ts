// Tasks on a failing network (dev-api's /_dev/faults): a 500 on Save, a 408 on Add Client, a
// request that hangs on Add Secret, a dropped connection on Remove Client. Each time: a clear
// message, nothing typed lost, a retry that works, and the API holds exactly one result.
import { test, expect, expectAccessible } from '../../support/console';
import {
  KINDS, TENANT, openClients, openClient, pane, apiClients, apiSecrets, fault, endState,
} from '../../support/tasks';

const [CC, HYBRID] = KINDS;

test('a 500 on Save: the reason shown, the form kept, Save again works once', async ({ page, request }) => {
  await openClients(page, CC);
  await openClient(page, CC.sample);
  await pane(page).getByRole('button', { name: 'Edit Client' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Client' });
  await form.getByLabel('Name').fill('Pump station telemetry – east');
  await form.getByLabel('Token Lifetime (seconds, optional)').fill('1200');
  await fault(request, { match: `PUT /api/v1/Tenants/${TENANT}/ClientCredentialClients/`, status: 500 });
  await form.getByRole('button', { name: 'Save' }).click();

  const error = form.locator('.error-panel');
  await expect(error).toContainText('The client was not saved.');
  await expect(error).toContainText(/Resolution|try again/i);
  await expectAccessible(page, 'Edit Client after a 500');
  await expect(form.getByLabel('Name')).toHaveValue('Pump station telemetry – east');
  await expect(form.getByLabel('Token Lifetime (seconds, optional)')).toHaveValue('1200');
  expect((await apiClients(request, CC)).map((c) => c.Name)).toContain(CC.sample);

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(pane(page).locator('#pane-title')).toHaveText('Pump station telemetry – east');
  const names = (await apiClients(request, CC)).map((c) => c.Name);
  expect(names.filter((n) => n === 'Pump station telemetry – east')).toHaveLength(1);
  expect(names).not.toContain(CC.sample);
  await endState(page, 'fault-500-on-save');
});

test('a 408 on Add Client: said, the form kept, Save again makes exactly one client', async ({ page, request }) => {
  await openClients(page, HYBRID);
  await page.getByRole('button', { name: 'Add Client' }).click();
  const form = page.getByRole('dialog', { name: 'Add Client: Hybrid' });
  await form.getByLabel('Name').fill('Plant 9 historian');
  await form.getByLabel(/Allowed Redirect URLs/).first().fill('https://plant9.example.com/signin-oidc');
  // Count 10: Chromium answers a 408 on a reused connection by sending the request again by
  // itself (four times in our runs) before the page sees it — the console's fixed client Id
  // makes such resends safe. The rule is cleared once the page has said what happened.
  await fault(request, { match: `POST /api/v1/Tenants/${TENANT}/HybridClients`, status: 408, count: 10 });
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(form.locator('.error-panel')).toContainText('The client was not saved.');
  await expect(form.getByTestId('finding')).toContainText('was not created');
  await expectAccessible(page, 'Add Client after a 408');
  await expect(form.getByLabel('Name')).toHaveValue('Plant 9 historian');
  await expect(form.getByLabel(/Allowed Redirect URLs/).first()).toHaveValue('https://plant9.example.com/signin-oidc');

  // The server is well again (whatever Chromium's own resends left of the rule).
  await request.delete('_dev/faults');
  await form.getByRole('button', { name: 'Save' }).click();
  const created = page.getByRole('dialog', { name: 'Client Successfully Created' });
  await expect(created.getByTestId('new-secret')).not.toBeEmpty();
  await created.getByLabel('I have stored the secret').check();
  await created.getByRole('button', { name: 'Close', exact: true }).click();
  expect((await apiClients(request, HYBRID)).filter((c) => c.Name === 'Plant 9 historian')).toHaveLength(1);
  await endState(page, 'fault-408-on-add-client');
});

test('Add Secret that never gets an answer: the console stops waiting, finds out, and a retry adds one secret', async ({ page, request }) => {
  // A 2-second deadline for this test (config.json's requestTimeoutSeconds).
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    await route.fulfill({ json: { ...config, requestTimeoutSeconds: 2 } });
  });
  await openClients(page, CC);
  await openClient(page, CC.sample);
  await pane(page).getByRole('tab', { name: 'Secrets' }).click();
  const before = (await apiSecrets(request, CC, CC.sample)).length;
  await page.getByRole('button', { name: 'Add Secret' }).click();
  const form = page.getByRole('dialog', { name: 'Add Secret' });
  await form.getByLabel('Description (optional)').fill('Hung key');
  await fault(request, { match: `POST /api/v1/Tenants/${TENANT}/ClientCredentialClients/`, mode: 'hang' });
  await form.getByRole('button', { name: 'Add' }).click();

  await expect(form.locator('.error-panel')).toContainText('The secret was not saved.', { timeout: 20_000 });
  await expect(form.getByTestId('finding')).toContainText('no secret was added');
  await expectAccessible(page, 'Add Secret after no answer');
  await expect(form.getByLabel('Description (optional)')).toHaveValue('Hung key');
  expect(await apiSecrets(request, CC, CC.sample)).toHaveLength(before);

  await form.getByRole('button', { name: 'Add' }).click();
  const added = page.getByRole('dialog', { name: 'Secret added' });
  await expect(added.getByTestId('new-secret')).not.toBeEmpty();
  await added.getByLabel('I have stored the secret').check();
  await added.getByRole('button', { name: 'Close', exact: true }).click();
  const stored = await apiSecrets(request, CC, CC.sample);
  expect(stored).toHaveLength(before + 1);
  expect(stored.filter((s) => s.Description === 'Hung key')).toHaveLength(1);
  await endState(page, 'fault-hang-on-add-secret');
});

test('Remove Client on a dropped connection: said, still there, a retry removes it once', async ({ page, request }) => {
  await openClients(page, HYBRID);
  await openClient(page, HYBRID.sample);
  await pane(page).getByRole('button', { name: 'More options' }).click();
  await page.getByRole('menuitem', { name: 'Remove Client' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Client' });
  await dialog.getByLabel(`Type “${HYBRID.sample}” to confirm`).fill(HYBRID.sample);
  // Count 10: Chromium resends a request by itself when a reused connection closes without an
  // answer; the rule is cleared once the page has said what happened.
  await fault(request, { match: `DELETE /api/v1/Tenants/${TENANT}/HybridClients/`, mode: 'drop', count: 10 });
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();

  await expect(dialog.getByTestId('finding')).toContainText('still exists');
  await expectAccessible(page, 'Remove Client after a dropped connection');
  await expect(dialog.getByTestId('confirm-name')).toHaveValue(HYBRID.sample);
  expect((await apiClients(request, HYBRID)).map((c) => c.Name)).toContain(HYBRID.sample);

  await request.delete('_dev/faults');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(pane(page)).toHaveCount(0);
  expect((await apiClients(request, HYBRID)).map((c) => c.Name)).not.toContain(HYBRID.sample);
  await endState(page, 'fault-drop-on-remove');
});
