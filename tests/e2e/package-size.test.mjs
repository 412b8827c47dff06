// The built extension's zips stay under 1.5 MB (issue 25: the package's size is reported, not traded
// for features; this is the one limit kept). Reads dist/, which `make build` writes before the tests;
// `make package-size` (scripts/package-size.py, same limit) says what weighs most.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const LIMIT = 1_500_000; // bytes

for (const browser of ['chrome', 'firefox']) {
  test(`dist/vipguard-${browser}.zip is under 1.5 MB`, () => {
    const zip = path.join(ROOT, 'dist', `vipguard-${browser}.zip`);
    assert.ok(fs.existsSync(zip), `${zip} missing: run make build`);
    const size = fs.statSync(zip).size;
    // The engine is inside (a zip without it would pass for the wrong reason): its name is in the
    // zip's central directory.
    assert.ok(fs.readFileSync(zip).includes('pkg/vipguard_bg.wasm'), 'the zip holds pkg/vipguard_bg.wasm');
    assert.ok(size < LIMIT, `dist/vipguard-${browser}.zip is ${size.toLocaleString('en-US')} bytes, the limit is ${LIMIT.toLocaleString('en-US')}: `
      + 'see what weighs most with make package-size');
  });
}
