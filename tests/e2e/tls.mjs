// Throwaway TLS for the tests' own HTTPS servers: a certificate authority made with openssl for the run,
// trusted by the test browsers alone, so the extension checks a server's certificate as it would a real
// one (no --ignore-certificate-errors). Firefox imports it into its test profile (firefox-harness.mjs);
// Chromium on Linux reads the certificates a user added from $HOME/.pki/nssdb, so it is given a HOME of
// its own holding one that trusts the authority (harness.mjs launch, `trustLocalTls`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * A certificate authority and a server certificate for `hosts` (names or IPv4 addresses), made with
 * openssl in `into` for this run only: ca.crt (what the browser trusts), server.key and server.crt (what
 * the HTTPS server presents). Returns {key, cert} for https.createServer.
 */
export function testCertificates(into, hosts) {
  const run = (...args) => execFileSync('openssl', args, { cwd: into, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2',
    '-subj', '/CN=vipguard test CA (throwaway)', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hosts[0]}`);
  const names = hosts.map((h) => (/^\d+\.\d+\.\d+\.\d+$/.test(h) ? `IP:${h}` : `DNS:${h}`));
  fs.writeFileSync(path.join(into, 'ext.cnf'), `subjectAltName=${names.join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
  return { key: fs.readFileSync(path.join(into, 'server.key')), cert: fs.readFileSync(path.join(into, 'server.crt')) };
}

let local = null;
/**
 * The run's certificate for 127.0.0.1 ({key, cert}), and `home`: a HOME whose NSS database trusts its
 * authority, for Chromium. Made once per test process.
 */
export function localTls() {
  if (!local) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vipguard-tls-'));
    const { key, cert } = testCertificates(dir, ['127.0.0.1']);
    const home = path.join(dir, 'home');
    const db = `sql:${path.join(home, '.pki', 'nssdb')}`;
    fs.mkdirSync(path.join(home, '.pki', 'nssdb'), { recursive: true });
    execFileSync('certutil', ['-N', '-d', db, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', db, '-n', 'vipguard-test-ca', '-t', 'C,,', '-i', path.join(dir, 'ca.crt')]);
    local = { key, cert, home };
  }
  return local;
}
