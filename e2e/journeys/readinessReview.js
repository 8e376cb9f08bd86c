/*
 * An SRE works the readiness queue: sees what changed since the last
 * approval, waives the failing items on the entity and approves.
 */
const { assert, waitFor } = require('../lib/checks');
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      'an SRE takes a pending review from the queue, waives what fails and approves',
      async () => {
        // The demo review is written by the demo data module once the catalog has
        // the entities; reload until it is there.
        await waitFor(
          'the demo readiness review',
          async () => {
            await page.goto(`${APP}/reliability/reviews`);
            return page
              .getByRole('link', { name: 'cart-service' })
              .waitFor({ timeout: 5_000 })
              .then(
                () => true,
                () => false,
              );
          },
          120_000,
        );
        await page.getByText(/Rollback plan, Security review/).waitFor();
        await screenshot(page, 'readiness-queue.png', { fullPage: true });
        const row = page.getByRole('row').filter({ hasText: 'cart-service' });
        await row.getByRole('button', { name: 'Decide' }).click();
        const approve = page.getByRole('button', { name: 'Approve' });
        assert(
          await approve.isDisabled(),
          'Approve enabled with failing items',
        );
        // Approved once, 75 days ago, on a rollback attestation that has
        // expired since.
        const changes = page.getByTestId('readiness-changes');
        await changes.getByText(/Since the last approval/).waitFor();
        await changes.getByText('Rollback plan: attested → expired').waitFor();
        await page.waitForTimeout(500); // let the dialog finish fading in
        await screenshot(page, 'readiness-decision.png');
        await page.getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('link', { name: 'cart-service' }).click();
        const card = page.getByTestId('readiness-rollback');
        await card.waitFor();
        for (const item of ['rollback', 'security']) {
          await page
            .getByTestId(`readiness-${item}`)
            .getByRole('button', { name: 'Waive' })
            .click();
          await page
            .getByLabel(/Reason/)
            .fill('Accepted for the launch; tracked in REL-12');
          await page
            .getByRole('button', { name: 'Waive', exact: true })
            .last()
            .click();
          await page
            .getByTestId(`readiness-${item}`)
            .getByText(/^waived until/)
            .waitFor();
        }
        await page.getByText(/^Ready · /).waitFor();

        await page.goto(`${APP}/reliability/reviews`);
        await page
          .getByRole('row')
          .filter({ hasText: 'cart-service' })
          .getByText('none')
          .waitFor();
        await page
          .getByRole('row')
          .filter({ hasText: 'cart-service' })
          .getByRole('button', { name: 'Decide' })
          .click();
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        await page.goto(
          `${APP}/catalog/default/component/cart-service/reliability`,
        );
        await page
          .getByTestId('readiness-review')
          .getByText(/^Review approved by gita/)
          .waitFor();
        await screenshot(page, 'readiness-approved.png', { fullPage: true });
      },
    );
  },
};
