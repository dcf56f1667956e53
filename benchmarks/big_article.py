"""One 1 MB article through `kg build`: wall time and peak memory of the build process.

    python benchmarks/big_article.py [--mb 1.0]

Not a test (it takes minutes: GiNZA parses about 2,000 characters a second per core). The issue's
goal is that a 1 MB article is processed with bounded memory.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = "山田首相は東京で会談し、協力の強化で一致した。鈴木社長は「投資を続ける」と述べた。" * 8


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.txt"
        n = int(args.mb * 1_000_000 / len(PARAGRAPH.encode("utf-8"))) + 1
        src.write_text("\n".join([PARAGRAPH] * n), encoding="utf-8")
        t = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(Path(tmp) / "out"),
                               "--quiet"], capture_output=True, text=True, cwd=ROOT)
        wall = time.monotonic() - t
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{src.stat().st_size / 1e6:.2f} MB article: exit {proc.returncode}, {wall:.0f} s, peak {peak:.0f} MB")
        if proc.returncode:
            print(proc.stderr)


if __name__ == "__main__":
    main()
