// End-to-end tests: the built console served by dev-api (which is also the development
// identity server), driven in Debian's headless Chromium. `cargo xtask e2e` (and the last step
// of `cargo xtask test`) builds both apps, starts both servers and sets the two URLs below.
//
// Never `npx playwright install`: the browser is /usr/bin/chromium (see TOOLCHAIN.md).
import { defineConfig } from '@playwright/test';

const baseURL = process.env.E2E_BASE_URL;
const adminURL = process.env.E2E_ADMIN_URL;
if (!baseURL || !adminURL) {
  throw new Error(
    'Set E2E_BASE_URL (dev-api serving dist/) and E2E_ADMIN_URL (dev-api serving dist-admin/ ' +
      'under /admin/), or run `cargo xtask e2e`, which does it for you.',
  );
}

/** The origin with exactly one trailing slash, so relative paths resolve below it. */
const withSlash = (url: string) => url.replace(/\/*$/, '/');

export default defineConfig({
  testDir: 'specs',
  // Screenshots of each task's end state and the axe report go to target/end2end/.
  globalSetup: './support/global-setup.ts',
  outputDir: 'test-results',
  // Two workers, each with its own dev-api (support/console.ts): the specs wait on the network
  // and the browser more than on the CPU, so two run side by side on two cores.
  workers: 2,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'root',
      testIgnore: /sub-path\.spec\.ts$/,
      use: { baseURL: withSlash(baseURL) },
    },
    {
      // The same console built with `--public-url /admin/`, served under /admin/ (its chunks
      // too).
      name: 'sub-path',
      testMatch: /(sub-path|chunks)\.spec\.ts$/,
      use: { baseURL: withSlash(adminURL) },
    },
  ],
});
