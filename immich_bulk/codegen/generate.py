"""Load a spec, render it, and write (or compare) the generated tree."""

from __future__ import annotations

from pathlib import Path

from .ir import build_ir
from .render import render_all

GENERATED_DIRS = ("models", "api")
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def load_spec(source: str) -> bytes:
    """The spec's bytes from a file path or an http(s) URL (e.g. a server's /api/spec.json)."""
    if source.startswith(("http://", "https://")):
        import httpx

        response = httpx.get(source, timeout=60.0, follow_redirects=True)
        response.raise_for_status()
        return response.content
    return Path(source).read_bytes()


def generate(spec_bytes: bytes) -> dict[str, str]:
    """Every generated file as ``{relative path: source}``."""
    return render_all(build_ir(spec_bytes))


def write_tree(files: dict[str, str], out_dir: Path) -> list[str]:
    """Write *files* under *out_dir*, removing stale generated files. Returns changed paths."""
    changed: list[str] = []
    for sub in GENERATED_DIRS:
        folder = out_dir / sub
        if folder.is_dir():
            for old in sorted(folder.glob("*.py")):
                rel = f"{sub}/{old.name}"
                if rel not in files:
                    old.unlink()
                    changed.append(rel)
    for rel, text in sorted(files.items()):
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(rel)
    return changed


def diff_tree(files: dict[str, str], out_dir: Path) -> list[str]:
    """Paths whose committed content differs from *files* (missing, changed or stale)."""
    problems = []
    for rel, text in sorted(files.items()):
        path = out_dir / rel
        if not path.exists():
            problems.append(f"missing: {rel}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"differs: {rel}")
    for sub in GENERATED_DIRS:
        for old in sorted((out_dir / sub).glob("*.py")):
            if f"{sub}/{old.name}" not in files:
                problems.append(f"stale: {sub}/{old.name}")
    return problems
