// Module hooks (node:module register) for settings-queue.test.mjs: every module that
// extension/worker/background.js imports is replaced by a stub, so that the worker's own code runs in
// Node with nothing but what the test gives it. A stub's exports are the names background.js takes
// from it, read from its import lines once its comments are gone (and, for `import * as x`, the
// `x.name`s it uses; for a default import, `default`), so the same hooks load today's worker and an
// older one. Each export asks globalThis.vgStubs.value(module, name) when the stub loads: the test's
// fake, or else a constant's own name (LIST_KEY is 'LIST_KEY') or a function that does nothing (a
// resolved promise).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// register('./worker-stubs.mjs', import.meta.url, { data: { stub: { [file]: keep } } }) stubs the imports
// of the files named instead (each by its path from the repository's root, as
// 'extension/ui/options/settings-panel.js'), except the specifiers in its `keep`, which load for real
// (policy-read.test.mjs).
let stubbed = { 'extension/worker/background.js': [] };
const STUB = 'vg-stub:';

export async function initialize(data) {
  if (data?.stub) stubbed = data.stub;
}

export async function resolve(specifier, context, next) {
  const file = context.parentURL && Object.keys(stubbed).find((f) => context.parentURL.endsWith(`/${f}`));
  if (file && !stubbed[file].includes(specifier)) {
    return { url: `${STUB}${encodeURIComponent(specifier)}?${encodeURIComponent(context.parentURL)}`, shortCircuit: true };
  }
  return next(specifier, context);
}

// `source` without its comments (strings kept whole), so that an import in a comment is not read.
function withoutComments(source) {
  const parts = /('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;
  return source.replace(parts, (all, string) => string ?? ' ');
}

// The names `source` imports from `specifier` (`default` for a default import).
function importedNames(source, specifier) {
  source = withoutComments(source);
  const names = new Set();
  const lines = /\bimport\s+(?:(\w+)\s*,?\s*)?(?:\*\s+as\s+(\w+)|\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]/g;
  for (const [, byDefault, namespace, list, from] of source.matchAll(lines)) {
    if (from !== specifier) continue;
    if (byDefault) names.add('default');
    if (namespace) for (const [, n] of source.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)`, 'g'))) names.add(n);
    for (const item of (list || '').split(',')) {
      const n = item.trim().split(/\s+as\s+/)[0];
      if (n) names.add(n);
    }
  }
  return [...names];
}

export async function load(url, context, next) {
  if (!url.startsWith(STUB)) return next(url, context);
  const [specifier, parent] = url.slice(STUB.length).split('?').map(decodeURIComponent);
  const names = importedNames(readFileSync(fileURLToPath(parent), 'utf8'), specifier);
  const value = (n) => `globalThis.vgStubs.value(${JSON.stringify(specifier)}, ${JSON.stringify(n)})`;
  const source = names.map((n) => (n === 'default' ? `export default ${value(n)};` : `export const ${n} = ${value(n)};`)).join('\n');
  return { format: 'module', source, shortCircuit: true };
}
