// End-to-end tests: Debian's Chromium (npm browser downloads fail here) against the release
// build in dist/, served on loopback by tests/serve.mjs.
import { defineConfig } from "@playwright/test";

const port = 4173;
const apiPort = 4174;
const apiSitePort = 4175;
const previewPort = 4177;
const previewSitePort = 4178;
const livePort = 4179;
const liveSitePort = 4180;
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "hu-HU",
    // The service worker (sw.js) answers a page's requests once it controls it, and Playwright
    // routes only what reaches the network: specs that route content would not see it. It has
    // its own spec (offline.spec.mjs), which allows it.
    serviceWorkers: "block",
    timezoneId: "Europe/Budapest",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  webServer: [
    staticHost(port),
    // API mode (tests/e2e/api-mode.spec.mjs): press serve answers the content API from the
    // sources on 4174, and the same build is served on 4175 with its content base pointing there.
    pressServe(apiPort),
    staticHost(apiSitePort, apiPort),
    // A preview (tests/e2e/newsroom.spec.mjs): press serve --drafts, and the build pointed at it.
    pressServe(previewPort, "--drafts"),
    staticHost(previewSitePort, previewPort),
    // Live coverage (tests/e2e/live.spec.mjs): press serve on a copy of the sources that the
    // spec edits as an editor does, and the build pointed at it.
    pressServe(livePort, "--content-copy build/live-content"),
    staticHost(liveSitePort, livePort),
  ],
});

// dist/ on loopback (tests/serve.mjs), reading its content from press serve on `apiPort` if given.
function staticHost(port, apiPort) {
  const base = apiPort ? ` --content-base http://127.0.0.1:${apiPort}/content/` : "";
  return { command: `node tests/serve.mjs dist ${port}${base}`, url: `http://127.0.0.1:${port}/index.html`, reuseExistingServer: false, timeout: 20_000 };
}

// press serve on the sample sources. press runs in the `tool` profile that Trunk's pre-build hook
// already compiled; the timeout covers compiling it when it is not.
// `--content-copy <dir>` serves a fresh copy of the sources in <dir> instead of content/.
function pressServe(port, ...flags) {
  const copy = flags.find((f) => f.startsWith("--content-copy "))?.split(" ")[1];
  const options = flags.filter((f) => !f.startsWith("--content-copy "));
  const serve = ["cargo run --offline --quiet --profile tool -p press -- serve", ...options, `--addr 127.0.0.1:${port} --content ${copy || "content"} --public public`].join(" ");
  return {
    command: copy ? `rm -rf ${copy} && mkdir -p ${copy} && cp -R content/. ${copy} && ${serve}` : serve,
    url: `http://127.0.0.1:${port}/content/site.json`,
    reuseExistingServer: false,
    timeout: 240_000,
  };
}

