// Trunk post_build hook: minifies wasm-bindgen's JS glue in release builds, for the download budget (budgets/wasm.toml).
// Trunk's own minifier fails on the glue's `export default`, so it would ship as written:
// terser takes it from 53 KB to 25 KB (9.0 → 6.9 KB gzip). Only the glue at the staging root
// is touched; boot.js is inlined into index.html, where Trunk's minifier does take it.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify-glue: TRUNK_STAGING_DIR is not set (run by Trunk's post_build hook)");
  process.exit(1);
}
const glue = readdirSync(dir).filter((f) => /^hirlap-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`minify-glue: expected one hirlap-<hash>.js in ${dir}, found ${glue.length}`);
  process.exit(1);
}
const file = join(dir, glue[0]);
const source = readFileSync(file, "utf8");
const out = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
writeFileSync(file, out.code);
console.log(`minify-glue: ${glue[0]} ${source.length} → ${out.code.length} bytes`);
