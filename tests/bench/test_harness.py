"""Harness plumbing: scenario selection, options, corpora, jobs, in-process contenders."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from immich_bulk.bench._child import Timer, multipart_body, run_job
from immich_bulk.bench.cli import build_parser, options_from_args
from immich_bulk.bench.corpus import CorpusSpec, write_corpus
from immich_bulk.bench.jobs import Job
from immich_bulk.bench.suite import ALIASES, SCENARIOS, check_expected, expand_scenarios


def test_scenarios_expand_from_keys_groups_and_comma_lists() -> None:
    assert expand_scenarios(["scale"]) == ("scale-1k", "scale-10k", "scale-100k")
    assert expand_scenarios(["hash-large,upload-small", "upload-small"]) == (
        "upload-small",
        "hash-large",
    )
    assert expand_scenarios(["all"]) == tuple(SCENARIOS)
    with pytest.raises(ValueError, match="unknown scenario 'nope'"):
        expand_scenarios(["nope"])


def test_options_from_arguments() -> None:
    parser = build_parser()
    options, tune = options_from_args(parser.parse_args([]))
    assert options.scenarios == ALIASES["standard"]
    assert options.reps == 3 and tune is None
    args = parser.parse_args(["--quick", "--tune", "--scenarios", "hash", "--no-pin"])
    options, tune = options_from_args(args, url="http://h", api_key="k")
    assert options.scenarios == ("hash-small", "hash-large")
    assert options.quick and options.reps == 1 and not options.pin
    assert tune is not None and tune.files < 100
    options, tune = options_from_args(parser.parse_args(["--tune", "--tune-files", "7"]))
    assert options.scenarios == () and tune is not None and tune.files == 7
    with pytest.raises(ValueError):
        options_from_args(parser.parse_args(["--concurrency", "0"]))


def test_check_expected() -> None:
    detail = {"counts": {"uploaded": 9, "duplicate": 1}, "failures": ["a: boom"]}
    assert check_expected(detail, None) is None
    assert check_expected(detail, {"uploaded": 9}) is None
    problem = check_expected(detail, {"uploaded": 10})
    assert problem is not None and "uploaded=9 (expected 10)" in problem and "boom" in problem
    assert check_expected({"mismatches": 0}, {"mismatches": 0}) is None


def test_corpus_is_unique_valid_jpegs_of_the_size(tmp_path: Path) -> None:
    spec = CorpusSpec(name="c", files=12, size=3000)
    one = write_corpus(spec, tmp_path / "a")
    two = write_corpus(spec, tmp_path / "b")
    entries = one.entries()
    assert one.files == 12 and one.bytes == 12 * 3000
    assert len({e.sha1 for e in entries}) == 12
    assert not set(one.checksums()) & set(two.checksums())  # a new random seed each time
    first = one.root / entries[0].path
    data = first.read_bytes()
    assert data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9" and len(data) == 3000
    assert hashlib.sha1(data).hexdigest() == entries[0].sha1
    assert not list(one.root.glob("*.json"))  # the manifest is not uploaded
    one.remove()
    assert not one.root.exists()


def test_job_json_round_trip_keeps_the_key_out_of_repr() -> None:
    job = Job(contender="ours-upload", url="http://x/api", api_key="secret", cpus=(0,))
    assert Job.from_json(job.to_json()) == job
    assert "secret" not in repr(job)


def test_multipart_body_shape() -> None:
    body = multipart_body("a.jpg", b"DATA")
    assert b'name="assetData"; filename="a.jpg"' in body
    assert b'name="deviceAssetId"\r\n\r\na.jpg-4\r\n' in body
    assert body.endswith(b"DATA\r\n--immich-bulk-bench-7d1c2b9e4f--\r\n")


def test_timer_measures_a_section() -> None:
    timer = Timer()
    with timer:
        sum(range(10_000))
    assert timer.used and timer.wall_s >= 0 and timer.cpu_s >= 0
    assert timer.peak_rss_kib >= timer.start_rss_kib > 0


def test_hash_contenders_in_process(tmp_path: Path) -> None:
    corpus = write_corpus(CorpusSpec(name="h", files=6, size=5000), tmp_path)
    job = Job(contender="ours-hash", corpus=str(corpus.root), manifest=str(corpus.manifest))
    result = run_job(job)
    assert result.get("error") is None
    assert result["detail"]["counts"] == {"hashed": 6} and result["detail"]["mismatches"] == 0
    if shutil.which("sha1sum"):
        theirs = run_job(Job(contender="sha1sum", corpus=job.corpus, manifest=job.manifest))
        assert theirs["detail"]["mismatches"] == 0
        assert theirs["peak_rss_kib"] == 0  # not measurable for child processes


def test_unknown_or_failing_contenders_report_errors() -> None:
    assert "unknown contender" in run_job(Job(contender="nope"))["error"]
    failed = run_job(Job(contender="ours-hash", corpus="/nonexistent", manifest="/nonexistent"))
    assert failed["error"]


def test_real_server_options() -> None:
    parser = build_parser()
    argv = ["--url", "http://h/api", "--key-file", "/k", "--reset-cmd", "reset.sh", "--immich-cli"]
    args = parser.parse_args([*argv, "node /cli/immich"])
    options, _ = options_from_args(args, url="http://h/api")
    assert options.scenarios == ALIASES["real"]  # a server's default: the real table
    assert options.key_file == Path("/k") and options.reset_cmd == "reset.sh"
    assert options.official_cli and options.official_cli_command == "node /cli/immich"
    plain, _ = options_from_args(parser.parse_args(["--no-immich-cli"]))
    assert plain.scenarios == ALIASES["standard"] and not plain.official_cli
    with pytest.raises(ValueError, match="need --url"):
        options_from_args(parser.parse_args(["--reset-cmd", "reset.sh"]))


def test_a_corpus_with_copies(tmp_path: Path) -> None:
    spec = CorpusSpec(name="c", files=5, size=3000, copies=2)
    corpus = write_corpus(spec, tmp_path)
    entries = corpus.entries()
    assert corpus.files == 7 and corpus.unique == 5 and corpus.bytes == 7 * 3000
    assert len(corpus.checksums()) == 5  # a copy's checksum is its original's
    copies = [e for e in entries if e.path.startswith("copies/")]
    assert [e.sha1 for e in copies] == [e.sha1 for e in entries[:2]]
    first, copy = corpus.root / entries[0].path, corpus.root / copies[0].path
    assert copy.read_bytes() == first.read_bytes()
    assert spec.describe() == "5 x 3 KB + 2 copies"
