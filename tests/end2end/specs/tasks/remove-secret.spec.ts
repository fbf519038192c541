// Task: Remove Secret, confirmed (Cancel is the default) — for each type that has secrets.
import { test, expect, expectAccessible } from '../../support/console';
import { SECRET_KINDS, openSecrets, apiSecrets, endState } from '../../support/tasks';

for (const kind of SECRET_KINDS) {
  test(`${kind.label}: Remove Secret`, async ({ page, request }) => {
    const { rows, before } = await openSecrets(page, request, kind);
    const old = rows.filter({ hasText: 'Old key (do not use)' });
    await old.getByRole('button', { name: 'Remove Secret' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Secret' });
    await expect(confirm).toContainText('Old key (do not use)');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectAccessible(page, `the Remove Secret confirmation (${kind.label})`);

    // Cancel keeps it.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(rows).toHaveCount(before);
    await old.getByRole('button', { name: 'Remove Secret' }).click();
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(rows).toHaveCount(before - 1);
    await expect(old).toHaveCount(0);
    const stored = await apiSecrets(request, kind, kind.sample);
    expect(stored.map((s) => s.Description)).not.toContain('Old key (do not use)');
    expect(stored).toHaveLength(before - 1);
    await endState(page, `remove-secret-${kind.slug}`);
  });
}
