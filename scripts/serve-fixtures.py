#!/usr/bin/env python3
"""Serve the WASM tests' fixtures on loopback with CORS, so tests running in headless Chromium (pages and
service workers, on the test runner's own origin) can fetch them:
    /parity/...  target/parity (scripts/wasm-parity-data.sh)
    /pdq/...     the PDQ reference images (../shared/data/pdq or $VIPGUARD_PDQ_DATA)
Usage: serve-fixtures.py PORT   (prints "ready" once listening)."""
import functools, http.server, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MOUNTS = {
    "/parity/": os.path.join(ROOT, "target", "parity"),
    "/pdq/": os.environ.get("VIPGUARD_PDQ_DATA", os.path.join(ROOT, "..", "shared", "data", "pdq")),
}


class Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        from urllib.parse import unquote, urlsplit
        path = unquote(urlsplit(path).path)
        for prefix, base in MOUNTS.items():
            if path.startswith(prefix):
                rel = os.path.normpath(path[len(prefix):]).lstrip("/")
                if rel.startswith(".."):
                    break
                return os.path.join(base, rel)
        return "/nonexistent"

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("ready", flush=True)
    server.serve_forever()
