"""Score `vipguard scan` on the typosquatting set, one column per binary, by technique: the share of
profiles flagged (suspicious or impersonation) with the right brand.

    python score.py SET_DIR BIN [BIN ...]
"""
import collections, json, subprocess, sys


def scan(binary, d):
    out = subprocess.run([binary, "scan", "--protected", f"{d}/protected.json", f"{d}/profiles.jsonl"],
                         capture_output=True, text=True, check=False).stdout
    return {r["id"]: r for r in map(json.loads, out.splitlines())}


def main():
    d, bins = sys.argv[1], sys.argv[2:]
    truth = [json.loads(l) for l in open(f"{d}/truth.jsonl")]
    results = [scan(b, d) for b in bins]
    techs = sorted({t["technique"] for t in truth})
    print(f"| technique | profiles | " + " | ".join(bins) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in bins) + " |")
    for tech in techs + ["all"]:
        rows = [t for t in truth if tech == "all" or t["technique"] == tech]
        cells = []
        for res in results:
            hit = sum(res[t["id"]]["verdict"] in ("suspicious", "impersonation")
                      and res[t["id"]]["match"] == t["match"] for t in rows)
            cells.append(f"{100 * hit / len(rows):.1f}%")
        print(f"| {tech} | {len(rows)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
