// What the Chromium feed tests share: a local HTTPS server whose certificate the test browser trusts
// (tls.mjs: launch with `trustLocalTls`), and the unpacked build copied to a folder of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import crypto from 'node:crypto';
import { ROOT } from './harness.mjs';
import { localTls } from './tls.mjs';

// An HTTPS server on 127.0.0.1 answering with `handler(req, res)`: {server, origin}.
export async function httpsServer(handler) {
  const { key, cert } = localTls();
  const server = https.createServer({ key, cert }, handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `https://127.0.0.1:${server.address().port}` };
}

// The unpacked build in a folder of its own, with access to 127.0.0.1 (the feed's host) when `access`
// (as a reviewer's Save grants it, or an administrator's build), and its id: Chromium derives it from
// the folder's path, and a policy names it. `hosts`: more host permissions granted at install (match
// patterns: 'https://*/*' is the access to all sites Mastodon asks for).
export function extensionCopy({ access = true, hosts = [] } = {}) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-feed-ext-')));
  fs.cpSync(path.join(ROOT, 'dist/chrome'), dir, { recursive: true });
  if (access || hosts.length) {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    m.host_permissions.push(...(access ? ['https://127.0.0.1/*'] : []), ...hosts);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
  }
  const id = [...crypto.createHash('sha256').update(dir).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  return { dir, id };
}
