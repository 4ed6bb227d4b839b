"""How event labels' weekdays are made dates on every dated ECB+ development article.

For each article of ``../shared/data/ecbplus-dev`` that ingestion gives a date, every
sentence of every passage that names a weekday is read by
:func:`brieftui.compare.when.weekday_dates`; each weekday mention is counted as
resolved to a day before the article's date, the article's own day, a day after it,
or left without a date. ``--json`` stores the mentions; ``--diff OLD.json`` lists the
mentions whose resolution changed (for hand-checking) and counts them.

    .venv/bin/python bench/weekday_dates_ecbplus.py --json /tmp/after.json --diff /tmp/before.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devdata

from brieftui.compare.when import weekday_dates
from brieftui.text import sentence_spans

_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def mentions() -> tuple[dict[str, dict], int]:
    """Each weekday mention of a dated article, keyed by file, sentence and offset."""
    out: dict[str, dict] = {}
    dated_docs = 0
    for topic in devdata.topics():
        brief = devdata.load([d.path for d in devdata.docs_of(topic)])
        for document in brief.documents:
            if not document.date:
                continue
            dated_docs += 1
            key = devdata.doc_key(document.id)
            for p in document.passages():
                for s, e in sentence_spans(p.text):
                    sent = p.text[s:e]
                    found = [
                        (ws, we, iso) for ws, we, _shown, iso in weekday_dates(sent, document.date)
                    ]
                    for m in _DAY.finditer(sent):
                        iso = next((v for ws, we, v in found if ws <= m.start() < we), None)
                        out[f"{key}|{p.id}|{s}|{m.start()}"] = {
                            "dated": document.date[:10],
                            "day": m.group(),
                            "sentence": sent,
                            "iso": iso,
                        }
    return out, dated_docs


def kind(m: dict) -> str:
    if m["iso"] is None:
        return "none"
    return "before" if m["iso"] < m["dated"] else "same day" if m["iso"] == m["dated"] else "after"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--diff", type=Path)
    args = parser.parse_args()
    found, dated_docs = mentions()
    counts = Counter(kind(m) for m in found.values())
    print(f"dated articles: {dated_docs}; weekday mentions: {len(found)}")
    for k in ("before", "same day", "after", "none"):
        print(f"  {k:9} {counts[k]}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    if args.diff:
        old = json.loads(args.diff.read_text(encoding="utf-8"))
        changed = Counter()
        for key in sorted(found.keys() & old.keys()):
            a, b = old[key], found[key]
            if a["iso"] != b["iso"]:
                changed[(kind(a), kind(b))] += 1
                print(f"\n{key}  dated {b['dated']}  {b['day']}: {a['iso']} -> {b['iso']}")
                print(f"    {b['sentence'][:300]}")
        print(f"\nchanged: {sum(changed.values())}")
        for (a, b), n in changed.most_common():
            print(f"  {a} -> {b}: {n}")
        gone, new = old.keys() - found.keys(), found.keys() - old.keys()
        print(f"mentions only before: {len(gone)}, only after: {len(new)}")


if __name__ == "__main__":
    main()
