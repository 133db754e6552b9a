// make test-cms's browser check: a site built from a real WordPress pull (scripts/test-cms.sh
// builds it into $CMS_SITE from a copy of dist/), served on loopback and read in Debian's
// Chromium like tests/e2e reads the sample site.
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config.mjs";

const port = 4176;
export default defineConfig({
  testDir: ".",
  outputDir: "../../test-results/cms",
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  // The same Chromium, locale and clock as the main suite.
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: [
    {
      command: `node tests/serve.mjs ${process.env.CMS_SITE} ${port}`,
      cwd: "../..",
      url: `http://127.0.0.1:${port}/index.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
});
