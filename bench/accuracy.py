#!/usr/bin/env python3
"""Judgement figures for the README, reproducibly:

1. Signal accuracy on the labelled dev set (../shared/labeled/support_dev.jsonl),
   through ../shared/tools/score_signals.py.
2. False alarms: the default pack over the real agent replies of
   ../shared/corpus/replies.jsonl (sources twcs and ibm_cdp): how many replies
   get a warning or error, and how often each rule fires.

Usage: bench/accuracy.py [--tactful build/tactful] [--shared ../shared] [--samples N]
Skips (exit 0) with a message when ../shared is absent.
"""
import argparse, collections, json, os, random, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
here = os.path.dirname(os.path.abspath(__file__))
ap.add_argument("--tactful", default=os.path.join(here, "..", "build", "tactful"))
ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
ap.add_argument("--samples", type=int, default=0, help="print N sample hits per rule")
ap.add_argument("--sources", default="twcs,ibm_cdp")
a = ap.parse_args()

labels = os.path.join(a.shared, "labeled", "support_dev.jsonl")
scorer = os.path.join(a.shared, "tools", "score_signals.py")
corpus = os.path.join(a.shared, "corpus", "replies.jsonl")
if not (os.path.exists(labels) and os.path.exists(scorer) and os.path.exists(corpus)):
    print(f"skipped: {a.shared} (labelled data and corpus) is not here")
    sys.exit(0)

print("## Signals on the dev set (support_dev.jsonl)\n")
out = subprocess.run([sys.executable, scorer, "--tactful", a.tactful, "--labels", labels],
                     capture_output=True, text=True, check=True).stdout
print("```\n" + out.rstrip() + "\n```\n")

# Our own labelled sets (bench/eval/README.md).
for name in ("set-a", "set-b", "set-c", "set-d", "set-e", "set-f", "set-g", "set-h", "set-i", "set-j", "set-k", "set-l", "set-m", "set-n", "set-o", "set-p", "set-q"):
    path = os.path.join(here, "eval", name + ".jsonl")
    if not os.path.exists(path):
        continue
    print(f"## Signals on bench/eval/{name}.jsonl\n")
    out = subprocess.run([sys.executable, scorer, "--tactful", a.tactful, "--labels", path],
                         capture_output=True, text=True, check=True).stdout
    print("```\n" + out.rstrip() + "\n```\n")

sources = set(a.sources.split(","))
replies = []
with open(corpus, encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        if r.get("source") in sources:
            replies.append({"id": r["id"], "reply": r["reply"]})  # reply only: the reply's own findings
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for r in replies:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
    path = f.name
try:
    p = subprocess.run([a.tactful, "audit", path], capture_output=True, text=True, check=True)
finally:
    os.unlink(path)

by_rule = collections.Counter()
replies_hit = collections.Counter()
severity = {}
warned = 0
samples = collections.defaultdict(list)
text_of = {r["id"]: r["reply"] for r in replies}
results = 0
for line in p.stdout.splitlines():
    res = json.loads(line)
    if "error" in res:
        continue
    results += 1
    fired = set()
    worst = None
    for f in res["findings"]:
        by_rule[f["rule"]] += 1
        fired.add(f["rule"])
        severity[f["rule"]] = f["severity"]
        if f["severity"] in ("warning", "error"):
            worst = "warning"
        if a.samples and len(samples[f["rule"]]) < a.samples:
            samples[f["rule"]].append((f["text"], text_of.get(res["id"], "")[:160]))
    for r in fired:
        replies_hit[r] += 1
    warned += worst is not None

print(f"## False alarms on {results} real replies ({', '.join(sorted(sources))})\n")
print(f"Replies with at least one warning or error: {warned} ({100 * warned / max(results, 1):.1f}%)\n")
print("| rule | severity | replies | rate |")
print("| --- | --- | ---: | ---: |")
for rule, n in replies_hit.most_common():
    print(f"| {rule} | {severity[rule]} | {n} | {100 * n / results:.2f}% |")
if a.samples:
    for rule, hits in samples.items():
        print(f"\n### {rule}")
        for t, ctx in hits:
            print(f"- [{t}] {ctx}")
