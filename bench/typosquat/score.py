"""Score `vipguard scan` on a typosquatting set, one column per binary, by technique: the share of
impersonators flagged (suspicious or impersonation) with the right brand, and the share of negatives
(ordinary handles sharing a brand word) flagged at all.

    python score.py SET_DIR BIN [BIN ...]

Each binary is run twice: on protected.json, whose brands say `kind: brand`, and on
protected-legacy.json, the same list without `kind` (column "BIN, no kind"), as a list written without
the field is: the engine must then tell the brands itself. A build that predates the field refuses
protected.json, so its first column is the list without `kind` too.
"""
import json, subprocess, sys


def scan(binary, d, listings=("protected.json", "protected-legacy.json")):
    for listed in listings:
        run = subprocess.run([binary, "scan", "--protected", f"{d}/{listed}", f"{d}/profiles.jsonl"],
                             capture_output=True, text=True, check=False)
        if run.returncode == 0:
            return {r["id"]: r for r in map(json.loads, run.stdout.splitlines())}
    sys.exit(f"{binary} scan failed on {d}: {run.stderr.strip()}")


def flagged(r):
    return r["verdict"] in ("suspicious", "impersonation")


def main():
    d, bins = sys.argv[1], sys.argv[2:]
    truth = [json.loads(l) for l in open(f"{d}/truth.jsonl")]
    results, columns = [], []
    for b in bins:
        results += [scan(b, d), scan(b, d, ("protected-legacy.json",))]
        columns += [b, f"{b}, no kind"]
    bins = columns
    positives = [t for t in truth if t["technique"] != "negative"]
    techs = sorted({t["technique"] for t in positives})
    print(f"| technique | profiles | " + " | ".join(bins) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in bins) + " |")
    for tech in techs + ["all"]:
        rows = [t for t in positives if tech == "all" or t["technique"] == tech]
        if not rows:  # a set of negatives only (near_words.py)
            continue
        cells = []
        for res in results:
            hit = sum(flagged(res[t["id"]]) and res[t["id"]]["match"] == t["match"] for t in rows)
            cells.append(f"{100 * hit / len(rows):.1f}%")
        print(f"| {tech} | {len(rows)} | " + " | ".join(cells) + " |")
    negs = [t for t in truth if t["technique"] == "negative"]
    if negs:
        cells = [f"{100 * sum(flagged(res[t['id']]) for t in negs) / len(negs):.2f}%" for res in results]
        print(f"| negatives flagged (lower is better) | {len(negs)} | " + " | ".join(cells) + " |")
    if len(sys.argv) > 1 and __import__("os").environ.get("SHOW_FLAGGED"):
        for t in negs:
            for b, res in zip(bins, results):
                if flagged(res[t["id"]]):
                    print(f"flagged negative ({b}): {res[t['id']].get('handle', t['id'])} -> {res[t['id']]['match']}", file=sys.stderr)


if __name__ == "__main__":
    main()
