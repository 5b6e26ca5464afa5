"""Parsing in worker processes gives the same records as parsing in the task's thread; the pool is
used only where it pays; stage timings reach the run's summary."""

from __future__ import annotations

from pathlib import Path

from disclosure_audit.pipeline import parse
from disclosure_audit.pipeline.discover import discover
from disclosure_audit.pipeline.example import write_example_province
from disclosure_audit.pipeline.timing import StageClock


def test_process_pool_parses_like_a_thread(tmp_path: Path) -> None:
    from disclosure_audit.manifest import load_manifest

    ex = write_example_province(tmp_path, units=6)
    found = discover(ex.folder, load_manifest(ex.manifest), ex.manifest)
    here = parse.parse_chunk(found.sources)
    try:
        pooled = parse.parse_chunk(found.sources, processes=2)
    finally:
        parse.close_pool()
    assert [r.to_dict() for r in pooled.records] == [r.to_dict() for r in here.records]
    assert [f.fingerprint for f in pooled.unreadable] == [f.fingerprint for f in here.unreadable]
    assert pooled.unreadable and pooled.records


def test_pool_only_where_it_pays() -> None:
    assert parse.parse_processes("dask") == 0
    assert parse.pool_size(2, 150) == 0  # one worker's worth of files: parse in the thread
    assert parse.pool_size(2, 10_000) == 2
    assert parse.pool_size(0, 10_000) == 0


def test_stage_clock_adds_up() -> None:
    clock = StageClock()
    with clock.stage("parse"):
        pass
    clock.add({"parse": 1.0, "check": 2.0})
    assert set(clock.seconds) == {"parse", "check"} and clock.seconds["parse"] >= 1.0


def test_duplicate_text_shared_by_many_units_is_reported_for_each() -> None:
    from disclosure_audit.checks.config import CheckConfig
    from disclosure_audit.checks.cross import duplicate
    from disclosure_audit.model import ReportRecord

    text = "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，主动回应社会关切，" * 3
    own = "本单位今年重点推进了农村集体资产清查结果公开，编制了村级事务公开目录，并在乡镇便民服务中心设立查阅点。" * 2
    other = "围绕优化营商环境，集中公开涉企收费清单和惠企政策，开展政策解读进园区活动，收集企业意见建议并逐项答复。" * 2
    texts = [text] * 5 + [own, other]
    recs = [ReportRecord(source=f"{i}.txt", format="txt", unit=f"第{i}单位", year=2024, values={"x": 1},
                         sections={"s1": t, "s5": ""}) for i, t in enumerate(texts)]
    found = duplicate.findings(recs, [], CheckConfig())
    by_source = {f.source: f for f in found}
    assert set(by_source) == {f"{i}.txt" for i in range(5)}  # the five copies, each matched to another unit
    for i in range(5):
        assert by_source[f"{i}.txt"].details["other_unit"] != f"第{i}单位"
        assert by_source[f"{i}.txt"].observed == 1.0


def test_a_worker_that_dies_costs_one_file_not_the_run(tmp_path: Path) -> None:
    from disclosure_audit.manifest import load_manifest
    from tests.pool_faults import dying_reader

    ex = write_example_province(tmp_path, units=6)
    (ex.folder / "txt" / "crash-1.txt").write_bytes(b"any")
    found = discover(ex.folder, load_manifest(ex.manifest), ex.manifest)
    crash = [s for s in found.sources if Path(s.path).name == "crash-1.txt"]
    assert crash
    try:
        got = parse._in_pool(found.sources, 2, reader=dying_reader)
    finally:
        parse.close_pool()
    others = parse.parse_chunk([s for s in found.sources if s not in crash])
    assert [r.source for r in got.records] == [r.source for r in others.records]  # every other report read
    lost = [f for f in got.unreadable if f.source == crash[0].path]
    assert len(lost) == 1 and lost[0].rule == "ingest.unreadable" and "进程意外退出" in lost[0].message


def test_a_parse_worker_reads_every_format_without_loading_pandas(tmp_path: Path) -> None:
    # what a spawned worker imports is its start-up time and its memory (pandas: ~50 MiB, 0.25 s
    # each): reading reports of every format must not pull in the check engines' libraries
    import subprocess
    import sys

    from disclosure_audit.synth.generate import generate

    generate(tmp_path, units=12, years=[2023], formats=["txt", "html", "docx", "pdf"], error_rate=0.0, seed=3)
    code = (
        "import sys\n"
        "from disclosure_audit.pipeline.parse import _read\n"
        "from disclosure_audit.pipeline.discover import discover\n"
        f"found = discover({str(tmp_path / 'landing')!r})\n"
        "batch = _read(found.sources)\n"
        "print(len(batch.records), sorted({r.format for r in batch.records}), 'pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.split()[0] == "12" and "'docx', 'html', 'pdf', 'txt'" in out and out.strip().endswith("False"), out
