// The banner's and cards' frame page in a build (scripts/build-extension.sh): its stylesheet inlined and
// its classic scripts joined into one file, so the frame, made hidden at document_start, asks the
// extension's process for one script instead of five and a stylesheet (a script after a stylesheet waits
// for it). extension/ui/frame/frame.html stays as written, one readable file per concern; every file
// joined is a strict classic script defining its globals, so joining them changes nothing they do.
//   node scripts/bundle-frame.mjs dist/chrome
import fs from 'node:fs';
import path from 'node:path';

const root = process.argv[2];
const dir = path.join(root, 'ui/frame');
const page = path.join(dir, 'frame.html');
let html = fs.readFileSync(page, 'utf8');

const style = /<link rel="stylesheet" href="([^"]+)">/;
const css = html.match(style);
if (!css) throw new Error(`${page}: no stylesheet link to inline`);
html = html.replace(style, () => `<style>\n${fs.readFileSync(path.join(dir, css[1]), 'utf8')}</style>`);

const scripts = [...html.matchAll(/^[ \t]*<script src="([^"]+)"><\/script>\n/gm)];
if (scripts.length < 2) throw new Error(`${page}: expected its script tags, found ${scripts.length}`);
const bundle = scripts.map(([, src]) => `// ${path.posix.normalize(path.posix.join('ui/frame', src))}\n${fs.readFileSync(path.join(dir, src), 'utf8')}`).join('\n');
fs.writeFileSync(path.join(dir, 'frame.bundle.js'), bundle);
const [first] = scripts;
html = html.slice(0, first.index) + first[0].replace(first[1], 'frame.bundle.js')
  + html.slice(first.index + first[0].length).replace(/^[ \t]*<script src="[^"]+"><\/script>\n/gm, '');
fs.writeFileSync(page, html);
