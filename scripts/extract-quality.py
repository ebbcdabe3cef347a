#!/usr/bin/env python3
"""Compare layer1's PDF text with `pdftotext` (poppler-utils) on every PDF in directories.

For each file, both texts are NFKC-normalised and split into lower-case words (runs of
letters and digits).
Bag-of-words F1 compares the word multisets, and bigram F1 compares the multisets of
adjacent word pairs, so it also measures reading order. The report lists each file, the
median of both scores, the share of files with a bag-of-words F1 of at least 0.90, and
the five files with the lowest bag-of-words F1.

Usage: scripts/extract-quality.py [--ours PROGRAM] DIR...

PROGRAM prints the text of the file given as its one argument; the default is the engine's
`extract_text` example, built with `cargo build --release -p layer1-engine --example
extract_text`.
"""

import argparse
import collections
import pathlib
import re
import statistics
import subprocess
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OURS = ROOT / "target" / "release" / "examples" / "extract_text"
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text):
    # NFKC makes both sides spell ligatures (U+FB01) and full-width forms as plain letters.
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())


def f1(ours, reference):
    """F1 of two multisets given as Counters; 1.0 when both are empty."""
    if not ours and not reference:
        return 1.0
    overlap = sum((ours & reference).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(ours.values())
    recall = overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def bigrams(tokens):
    return collections.Counter(zip(tokens, tokens[1:]))


def our_text(program, path):
    result = subprocess.run(
        [str(program), str(path)], capture_output=True, text=True, timeout=120
    )
    lines = result.stdout.split("\n")
    # The example prints a `==> FILE (kind, pages) <==` header, or an error header only.
    if lines and lines[0].startswith("==> ") and " ERROR " in lines[0]:
        return "", lines[0]
    return "\n".join(lines[1:]), None


def reference_text(path):
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout


def score(program, path):
    ours, error = our_text(program, path)
    reference = reference_text(path)
    ours_words, reference_words = words(ours), words(reference)
    return {
        "file": str(path),
        "bow": f1(collections.Counter(ours_words), collections.Counter(reference_words)),
        "bigram": f1(bigrams(ours_words), bigrams(reference_words)),
        "ours_words": len(ours_words),
        "reference_words": len(reference_words),
        "error": error,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ours", default=str(DEFAULT_OURS), help="program printing our text")
    parser.add_argument("dirs", nargs="+", help="directories searched for *.pdf")
    args = parser.parse_args()
    program = pathlib.Path(args.ours)
    if not program.exists():
        sys.exit(f"error: {program} not found; build it or pass --ours")
    files = sorted(p for d in args.dirs for p in pathlib.Path(d).rglob("*.pdf"))
    if not files:
        sys.exit("error: no PDF files found in " + ", ".join(args.dirs))
    rows = [score(program, path) for path in files]
    for row in rows:
        note = f"  {row['error']}" if row["error"] else ""
        print(
            f"{row['bow']:.3f} {row['bigram']:.3f} "
            f"{row['ours_words']:6d} {row['reference_words']:6d}  {row['file']}{note}"
        )
    bow = [row["bow"] for row in rows]
    bigram = [row["bigram"] for row in rows]
    print()
    print(f"files: {len(rows)}")
    print(f"bag-of-words F1 median: {statistics.median(bow):.3f}")
    print(f"bigram F1 median: {statistics.median(bigram):.3f}")
    share = sum(1 for value in bow if value >= 0.90) / len(bow)
    print(f"share with bag-of-words F1 >= 0.90: {share:.1%}")
    print("lowest bag-of-words F1:")
    for row in sorted(rows, key=lambda r: r["bow"])[:5]:
        print(f"  {row['bow']:.3f} {row['bigram']:.3f}  {row['file']}")


if __name__ == "__main__":
    main()
