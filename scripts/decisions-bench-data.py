#!/usr/bin/env python3
"""A reviewer's decisions export of N decisions, for measuring `vipguard decisions merge` (docs/feed.md,
"Reading a large export"). Usage: scripts/decisions-bench-data.py N OUT.json [BY]. Deterministic: the same
N gives the same file. One decision a line, as the extension writes them."""
import json
import sys

n, out = int(sys.argv[1]), sys.argv[2]
by = sys.argv[3] if len(sys.argv) > 3 else 'bench.reviewer'
with open(out, 'w', encoding='utf-8') as f:
    f.write('{"vipguard_decisions": 1, "by": %s, "exported": "2026-12-02T00:00:00Z",\n "decisions": [\n' % json.dumps(by))
    for i in range(n):
        d = {'platform': 'x', 'handle': f'bench_account_{i}', 'decision': 'confirmed' if i % 3 else 'not_impersonator',
             'by': by, 'at': '2026-12-01T%02d:%02d:%02dZ' % (i // 3600 % 24, i // 60 % 60, i % 60),
             'note': f'ticket BENCH-{i}', 'match': f'vip-{i % 1000:03d}'}
        f.write('  ' + json.dumps(d) + (',\n' if i + 1 < n else '\n'))
    f.write(' ]}\n')
