// Copies the dashboard and the vendored libraries into the gateway's wwwroot. No bundler: the pages are plain
// ES modules, and the libraries ship prebuilt files we copy as they are.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "wwwroot");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "vendor"), { recursive: true });
cpSync(join(here, "src"), out, { recursive: true });
cpSync(join(here, "node_modules", "echarts", "dist", "echarts.min.js"), join(out, "vendor", "echarts.min.js"));
cpSync(join(here, "node_modules", "echarts", "LICENSE"), join(out, "vendor", "echarts.LICENSE.txt"));
cpSync(join(here, "node_modules", "china-geojson", "src", "geojson", "china.json"), join(out, "vendor", "china.json"));
console.log(`dashboard built into ${out}`);
