import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests: real Chromium (Debian's, never a downloaded one) against
 * the real app, served by real backends that talk to the real Docker engine.
 * One backend per demo user, since the guest sign-in is one user per backend.
 * scripts/test builds the app and the demo containers first.
 */
const users = {
  owner: { user: 'user:default/alice', port: 7117 }, // team-shop
  nonOwner: { user: 'user:default/bob', port: 7118 }, // team-data
};

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function backend({ user, port }: { user: string; port: number }) {
  const dataDir = path.resolve(__dirname, `test-results/e2e-data/${port}`);
  return {
    command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.demo.yaml --config ../../e2e/app-config.e2e.yaml`,
    url: `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
    env: { E2E_PORT: String(port), E2E_DATA_DIR: dataDir, E2E_USER: user },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  globalSetup: require.resolve('./e2e/globalSetup'),
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [
    {
      name: 'owner',
      testMatch: /(servicesTab|owner|logs|liveState)\.test\.ts/,
      use: { baseURL: `http://localhost:${users.owner.port}` },
    },
    {
      name: 'non-owner',
      testMatch: /(nonOwner|claims)\.test\.ts/,
      use: { baseURL: `http://localhost:${users.nonOwner.port}` },
    },
  ],
  webServer: [backend(users.owner), backend(users.nonOwner)],
});
