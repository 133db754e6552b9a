// What scripts/lighthouse.mjs and scripts/reader-bench.mjs share: dist/ served as a CDN serves
// it, the budgets of budgets/reader.toml, and Debian's Chromium with the flags these machines need.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const dist = `${root}dist`;
export const CHROMIUM = process.env.CHROME_PATH || "/usr/bin/chromium";
// docs/TOOLCHAIN: without the background-networking flags Chromium floods the closed network.
export const CHROMIUM_FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** tests/serve.mjs on `port` with brotli and the `_headers` (--cdn); resolves once it listens. */
export function serveDist(port, ...flags) {
  const child = spawn("node", [`${root}tests/serve.mjs`, dist, String(port), "--cdn", ...flags], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`tests/serve.mjs on ${port} exited with ${code}`)));
    child.stdout.once("data", () => resolve(child));
  });
}

/** A number from budgets/reader.toml. */
export function budget(key) {
  const found = readFileSync(`${root}budgets/reader.toml`, "utf8").match(new RegExp(`^${key}\\s*=\\s*([0-9.]+)`, "m"));
  if (!found) throw new Error(`budgets/reader.toml has no ${key}`);
  return Number(found[1]);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A compiled content document of dist/. */
export const content = (path) => JSON.parse(readFileSync(`${dist}/content/${path}`, "utf8"));
