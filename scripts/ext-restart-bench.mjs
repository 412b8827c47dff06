// How long the extension's worker takes to get its engine ready after Chrome restarts it, with 10,000
// protected accounts: restored from the kept snapshot against built from the list (the snapshot dropped
// first), rounds alternating.
// The worker's own figure (globalThis.vipguardEngine.ms): from the module compiled and the kept snapshot
// read (the two overlap) to a ready checker: restoring it, or reading the list from the private store and
// building. Since this session the snapshot's read is not counted (before, it was).
//     make build && node scripts/ext-restart-bench.mjs [ROUNDS]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, loadDemoList, until, restartWorker, engineKept, storedList, setPrivateValues, ROOT } from '../tests/e2e/harness.mjs';

const rounds = Number(process.argv[2] || 5);
const listFile = path.join(ROOT, 'target/wasm-bench/protected.json');
if (!fs.existsSync(listFile)) {
  // The 10,000 synthetic accounts of `make wasm-bench`.
  execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'wasm_bench_native', '--', 'target/wasm-bench'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
const big = JSON.parse(fs.readFileSync(listFile, 'utf8'));
const url = 'https://x.com/KwabenaMensahGH';

const h = await launch({ asyncStacks: false });
try {
  await loadDemoList(h);
  const demo = await storedList(h);
  const kept = () => engineKept(h);
  const restart = async () => (await restartWorker(h, url)).engine;
  const built = [];
  const restored = [];
  // Drop the kept snapshot, so the next start must build.
  const drop = () => h.worker.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('vipguard-engine', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction('engine', 'readwrite');
      tx.objectStore('engine').delete('checker');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }));
  for (let r = 0; r < rounds; r++) {
    // A list that differs each round (one more account); the worker builds and keeps it at once.
    const list = { accounts: [...demo.accounts, ...big.accounts.slice(0, 10_000 - demo.accounts.length + r)] };
    await setPrivateValues(h, { protectedList: JSON.stringify(list) });
    await until(kept, 'the engine kept', { timeout: 60000 });
    const s = await restart();
    if (s.how !== 'restored') throw new Error(`expected a restore, got ${JSON.stringify(s)}`);
    restored.push(s.ms);
    await drop();
    const b = await restart();
    if (b.how !== 'built') throw new Error(`expected a build, got ${JSON.stringify(b)}`);
    built.push(b.ms);
    await until(kept, 'the engine kept again', { timeout: 60000 });
    console.log(`round ${r + 1}: ${b.accounts} accounts, built ${b.ms.toFixed(1)} ms, restored ${s.ms.toFixed(1)} ms`);
  }
  const med = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
  console.log(`median of ${rounds}: built ${med(built).toFixed(1)} ms, restored ${med(restored).toFixed(1)} ms `
    + `(${(med(built) / med(restored)).toFixed(2)}x)`);
  await setPrivateValues(h, { protectedList: JSON.stringify(demo) });
} finally {
  await h.close();
}
