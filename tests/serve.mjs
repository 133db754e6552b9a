// A static host for end-to-end tests, on loopback only. It behaves like the CDNs the site is
// meant for (Netlify, Cloudflare Pages): a file if it exists, then <path>/index.html (press's
// prerendered routes), then the app shell for client-side routes, with real MIME types. The
// plain redirects of press's _redirects (old URLs, `from to 301`) are answered as those hosts
// do: only where no file is.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import { readFileSync, readdirSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

// Usage: node tests/serve.mjs [root] [port] [--content-base URL] [--cdn] [--strip-app]
// --content-base rewrites the app's <meta name="hirlap-content-base"> in every served HTML page,
// so the same build reads its content from another origin (press serve, the API mode).
// --cdn serves as the CDN does: brotli or gzip as the browser asks, and the headers of press's
// `_headers` (the CSP above all), so that speed and best-practice audits measure what readers get.
// --strip-app serves every HTML page without its scripts and preloads: the page's own HTML alone,
// the "static limit" the app is measured against (scripts/lighthouse.mjs).
// --count counts the bytes it sends (headers and bodies, as on the wire): GET /__bytes answers
// the count so far (scripts/reader-bytes.mjs), which covers a service worker's requests too.
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const cdn = flag("--cdn");
const stripApp = flag("--strip-app");
const count = flag("--count");
let sent = 0;
let contentBase = null;
const at = args.indexOf("--content-base");
if (at >= 0) {
  contentBase = args[at + 1];
  if (!contentBase) throw new Error("--content-base needs a URL");
  args.splice(at, 2);
}
const root = args[0] || "dist";
const port = Number(args[1] || 4173);
const escapeAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const baseMeta = /<meta\b[^>]*\bname=["']?hirlap-content-base["']?[^>]*>/i;
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/x-icon",
  ".avif": "image/avif", ".webp": "image/webp", ".webmanifest": "application/manifest+json",
};

// `from to 301|302` lines without wildcards; the catch-all 404 rule is the fallback below.
const redirects = new Map();
try {
  for (const line of readFileSync(join(root, "_redirects"), "utf8").split("\n")) {
    const [from, to, code] = line.trim().split(/\s+/);
    if (from && to && !from.startsWith("#") && !from.includes("*") && /^30[12]$/.test(code || "")) {
      redirects.set(from, [to, Number(code)]);
    }
  }
} catch {
  // No _redirects (a dev build): nothing to redirect.
}

// Netlify's `_headers`: an unindented path pattern (`*` matches anything), then indented
// `Name: value` lines. Every matching rule applies, a later one overriding the same header.
const headerRules = [];
if (cdn) {
  let rule = null;
  for (const line of readFileSync(join(root, "_headers"), "utf8").split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
      headerRules.push((rule = { pattern, headers: {} }));
    } else if (rule) {
      const colon = line.indexOf(":");
      rule.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
}
const hostHeaders = (path) => Object.assign({}, ...headerRules.filter((r) => r.pattern.test(path)).map((r) => r.headers));

// A strong validator: the bytes' hash. Compressed copies are cached under it, so a file that
// changes on disk (a publish while a page follows it) is compressed again.
const etag = (body) => `"${createHash("sha1").update(body).digest("base64url")}"`;

// Compressed once per file version and encoding, as a CDN caches it.
const compressible = new Set([".html", ".js", ".wasm", ".css", ".json", ".svg", ".xml", ".txt", ".webmanifest"]);
const compressed = new Map();
function compress(key, body, encoding) {
  const k = `${encoding} ${key}`;
  if (!compressed.has(k)) {
    compressed.set(k, encoding === "br"
      ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 9 }));
  }
  return compressed.get(k);
}

// The page without the app: no script elements, no module preloads or preloads of the wasm.
const withoutApp = (html) => html
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
  .replace(/<link\b[^>]*\brel=["']?(?:modulepreload|preload)["']?[^>]*>/gi, "");

async function file(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? path : null;
  } catch {
    return null;
  }
}

// A CDN has the app's files compressed before the first reader asks: compressing the wasm at
// brotli 11 on the first request took a second of this machine's CPU in the middle of the first
// measured page load, and put the wasm's download before that page's paint.
if (cdn) {
  for (const name of readdirSync(root)) {
    if (![".wasm", ".js", ".css"].includes(extname(name))) continue;
    const path = join(root, name);
    const body = readFileSync(path);
    for (const encoding of ["br", "gzip"]) compress(etag(body), body, encoding);
  }
}

createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (count && url.pathname === "/__bytes") {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ bytes: sent }));
    return;
  }
  if (count) {
    // Every byte the socket writes for this answer: headers and (compressed) body.
    const socket = req.socket;
    const before = socket.bytesWritten;
    res.once("finish", () => { sent += socket.bytesWritten - before; });
  }
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
  const direct = join(root, rel);
  let found = (await file(direct)) || (await file(join(direct, "index.html")));
  const redirect = !found && redirects.get(url.pathname);
  if (redirect) {
    res.writeHead(redirect[1], { location: redirect[0], "cache-control": "no-store" }).end();
    return;
  }
  let status = 200;
  if (!found) {
    // Content JSON that does not exist is a real 404; any other path is a client-side route.
    // press writes 404.html for a real static host; without it (dev builds) the shell routes.
    const notFound = await file(join(root, "404.html"));
    if (rel.startsWith("/content/") || extname(rel) || notFound) {
      status = 404;
      found = await file(join(root, "404.html"));
    } else {
      found = join(root, "index.html");
    }
  }
  if (!found) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  let body = await readFile(found);
  if (contentBase && extname(found) === ".html") {
    const html = body.toString("utf8");
    if (!baseMeta.test(html)) {
      res.writeHead(500, { "content-type": "text/plain" }).end(`${found} has no hirlap-content-base meta to rewrite`);
      return;
    }
    body = Buffer.from(html.replace(baseMeta, `<meta name="hirlap-content-base" content="${escapeAttr(contentBase)}">`));
  }
  if (stripApp && extname(found) === ".html") body = Buffer.from(withoutApp(body.toString("utf8")));
  const headers = { "content-type": types[extname(found)] || "application/octet-stream", "cache-control": "no-store" };
  if (cdn) {
    Object.assign(headers, hostHeaders(url.pathname));
    // As a CDN: a strong validator, and 304 without a body when the reader's copy is current
    // (what a followed page's checks cost, src/follow.rs).
    const tag = etag(body);
    headers.etag = tag;
    if (status === 200 && String(req.headers["if-none-match"] || "").split(/\s*,\s*/).includes(tag)) {
      res.writeHead(304, headers).end();
      return;
    }
    const accepts = String(req.headers["accept-encoding"] || "");
    const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
    if (encoding && compressible.has(extname(found))) {
      body = compress(tag, body, encoding);
      headers["content-encoding"] = encoding;
      headers.vary = "Accept-Encoding";
    }
    headers["content-length"] = body.length;
  }
  res.writeHead(status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}).listen(port, "127.0.0.1", () =>
  console.log(`serving ${root} on http://127.0.0.1:${port}${contentBase ? ` (content from ${contentBase})` : ""}`));
