import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests: real Chromium (Debian's, never a downloaded one) against
 * the real app, served by a real backend that talks to the real Docker engine.
 * scripts/test builds the app and the demo containers first.
 */
const port = Number(process.env.E2E_PORT ?? 7117);
const dataDir = path.resolve(__dirname, 'test-results/e2e-data');

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && yarn workspace backend start --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml`,
    url: `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
    env: { E2E_PORT: String(port), E2E_DATA_DIR: dataDir },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
