// What the WASM benchmarks share: a loopback file server and the headless Chromium they drive.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, BROWSER_ARGS } from '../../tests/e2e/harness.mjs';

/** The repository root. */
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.jpg': 'image/jpeg' };

/**
 * Serve files on 127.0.0.1. `mounts` maps a URL prefix ('/A/') to a folder; everything else comes
 * from the repository root. `cacheable`: let the browser keep responses for a day (for its code cache).
 * Resolves to the listening server.
 */
export async function serve(mounts = {}, { cacheable = false } = {}) {
  const server = http.createServer((req, res) => {
    const p = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const prefix = Object.keys(mounts).find((m) => p.startsWith(m));
    const base = prefix ? path.resolve(mounts[prefix]) : root;
    const file = path.join(base, prefix ? p.slice(prefix.length) : p);
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': types[path.extname(file)] || 'application/octet-stream' };
    if (cacheable) Object.assign(headers, { 'cache-control': 'max-age=86400', 'last-modified': fs.statSync(file).mtime.toUTCString() });
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/** Debian's headless Chromium, kept off the network. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...BROWSER_ARGS,
      // For experiments with V8's tiers, e.g. JS_FLAGS=--no-liftoff (not used by the benchmarks).
      ...(process.env.JS_FLAGS ? [`--js-flags=${process.env.JS_FLAGS}`] : [])],
  });
}
