"""``python -m immich_bulk.codegen --spec PATH_OR_URL [--out DIR] [--check]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .generate import PACKAGE_DIR, diff_tree, generate, load_spec, write_tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m immich_bulk.codegen",
        description="Generate immich_bulk/models and immich_bulk/api from an Immich OpenAPI spec.",
    )
    parser.add_argument("--spec", required=True, help="spec file, or a server's /api/spec.json URL")
    parser.add_argument(
        "--out",
        type=Path,
        default=PACKAGE_DIR,
        help="package dir to write into (default: this one)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the files differ"
    )
    args = parser.parse_args(argv)
    try:
        files = generate(load_spec(args.spec))
    except (OSError, ValueError) as exc:
        print(f"error: cannot generate from {args.spec}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        problems = diff_tree(files, args.out)
        for line in problems:
            print(line)
        return 1 if problems else 0
    changed = write_tree(files, args.out)
    print(f"{len(files)} files generated, {len(changed)} changed, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
