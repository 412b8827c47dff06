// The built frame page (scripts/bundle-frame.mjs, run by scripts/build-extension.sh): the banner's and
// cards' frame asks the extension for one script, which is the source page's scripts joined in their
// order, and has its stylesheet inline; the source page under extension/ keeps its separate files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const SOURCE = path.join(ROOT, 'extension/ui/frame');
const scriptsOf = (html) => [...html.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]);

for (const browser of ['chrome', 'firefox']) {
  test(`${browser} build: the frame page loads one script, the source page's scripts joined in order, and no stylesheet`, () => {
    const built = path.join(ROOT, 'dist', browser, 'ui/frame');
    const source = fs.readFileSync(path.join(SOURCE, 'frame.html'), 'utf8');
    const page = fs.readFileSync(path.join(built, 'frame.html'), 'utf8');
    assert.deepEqual(scriptsOf(page), ['frame.bundle.js']);
    assert.doesNotMatch(page, /<link[^>]+stylesheet/);
    assert.ok(page.includes(fs.readFileSync(path.join(SOURCE, 'frame.css'), 'utf8')), 'frame.css inline');
    const bundle = fs.readFileSync(path.join(built, 'frame.bundle.js'), 'utf8');
    const sources = scriptsOf(source);
    assert.ok(sources.length > 1, 'the source page names its scripts');
    let at = 0;
    for (const src of sources) {
      const at2 = bundle.indexOf(fs.readFileSync(path.join(SOURCE, src), 'utf8'), at);
      assert.ok(at2 >= at, `${src} in the bundle, after the scripts before it`);
      at = at2;
    }
  });
}
