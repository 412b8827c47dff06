// What a restarted worker's engine pays on its first calls, in Node's V8 (the same engine as Chrome's
// worker, without the browser): the WASM package initialised from bytes, then three times over a checker
// restored from the snapshot of 10,000 accounts (`make wasm-bench`'s list) and its warm-up check. V8
// compiles each WASM function on its first call (lazily, with its baseline compiler, Liftoff), so the
// first restore and the first warm-up carry that compiling; the later ones only run the code.
//   node scripts/wasm-first-call.mjs [PKG_DIR]        (default pkg/; a folder with vipguard.js and
//   vipguard_bg.wasm, e.g. one shrunk with other wasm-opt settings)
// Node's flags show what the browser cannot be told: --no-liftoff (optimised code from the start) or
// --no-wasm-lazy-compilation (everything compiled before the first call).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = path.resolve((process.argv[2] === '--make-snapshot' ? process.argv[3] : process.argv[2]) || path.join(ROOT, 'pkg'));
const listFile = path.join(ROOT, 'target/wasm-bench/protected.json');
if (!fs.existsSync(listFile)) throw new Error(`${listFile} missing: run make wasm-bench (or verdict-latency) first`);
const { default: init, Checker } = await import(pathToFileURL(path.join(dir, 'vipguard.js')));

const ms = (f) => { const t = performance.now(); const v = f(); return [performance.now() - t, v]; };
const bytes = fs.readFileSync(path.join(dir, 'vipguard_bg.wasm'));
// The snapshot is made in another process: V8 shares compiled code between instances of the same module
// in one process, so a checker built here would have compiled much of what the first restore runs.
const snapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-first-call-')), 'checker.snap');
if (process.argv[2] === '--make-snapshot') {
  await init({ module_or_path: bytes });
  fs.writeFileSync(process.argv[4], new Checker(JSON.parse(fs.readFileSync(listFile, 'utf8'))).snapshot('key'));
  process.exit(0);
}
execFileSync(process.execPath, [import.meta.filename, '--make-snapshot', dir, snapFile], { stdio: 'inherit' });
const snapshot = fs.readFileSync(snapFile);
const t0 = performance.now();
await init({ module_or_path: bytes });
const initMs = performance.now() - t0;
const rows = [];
for (let i = 0; i < 3; i++) {
  const [restore, checker] = ms(() => Checker.restore(snapshot, 'key', 'en'));
  const [warmUp] = ms(() => checker.warmUp());
  rows.push({ restore, warmUp, accounts: checker.size });
  checker.free();
}
console.log(`${path.relative(ROOT, dir) || dir}: ${(bytes.length / 1e6).toFixed(2)} MB, snapshot ${(snapshot.length / 1e6).toFixed(1)} MB, ${rows[0].accounts} accounts; init ${initMs.toFixed(0)} ms`);
console.log(`  restore (ms)  ${rows.map((r) => r.restore.toFixed(0).padStart(5)).join(' ')}   (first, second, third)`);
console.log(`  warm-up (ms)  ${rows.map((r) => r.warmUp.toFixed(1).padStart(5)).join(' ')}`);
