"""The plain logic of a run (no Prefect): manifest, discovery, chunks, parsing a chunk, scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.manifest import ManifestError, load_manifest, write_manifest
from disclosure_audit.model import Finding, ManifestEntry, ReportRecord
from disclosure_audit.pipeline import progress
from disclosure_audit.pipeline.chunks import Opaque, chunked
from disclosure_audit.pipeline.discover import discover, from_files
from disclosure_audit.pipeline.example import write_example_province
from disclosure_audit.pipeline.scope import RerunScope, in_scope, unit_years
from disclosure_audit.pipeline.summary import summarise


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def test_manifest_reads_columns_in_any_order_and_chinese_headers(tmp_path: Path) -> None:
    m = _write(tmp_path / "m.csv", "年度,文件,单位,地区\n2024,a/x.txt,甲县人民政府,示范省甲县\n\n2023年,b.pdf,,\n", "gb18030")
    entries = load_manifest(m)
    assert entries == [
        ManifestEntry(file="a/x.txt", unit="甲县人民政府", region="示范省甲县", year=2024),
        ManifestEntry(file="b.pdf", year=2023),
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("unit,year\n甲,2024\n", "第 1 行"),
        ("file,unit,year\nx.txt,甲,二〇二四\n", "第 2 行"),
        ("file,unit\nx.txt,甲\ny.txt,乙\nx.txt,丙\n", "第 4 行"),
        ("file,unit,colour\nx.txt,甲,red\n", "第 1 行"),
        ("file,unit\n,甲\n", "第 2 行"),
        ("file,published_at\nx.txt,2025-01-20\ny.txt,下周一\n", "第 3 行"),
        ("file,published_at\nx.txt,2025-02-30\n", "第 2 行"),
    ],
)
def test_manifest_errors_name_file_and_line(tmp_path: Path, text: str, where: str) -> None:
    m = _write(tmp_path / "manifest.csv", text)
    with pytest.raises(ManifestError) as err:
        load_manifest(m)
    assert str(m) in str(err.value) and where in str(err.value)


def test_manifest_dates_are_read_as_the_deadline_compares_them(tmp_path: Path) -> None:
    # as clerks and portals write them; the deadline (31 January) is a date in Beijing time
    written = ["2025/1/20", "2025年1月20日", "2025-1-20 9:05", "2025-01-31T18:00:00+00:00", "2025-01-31T23:30:00+08:00"]
    m = _write(tmp_path / "m.csv", "file,published_at\n" + "".join(f"{i}.txt,{d}\n" for i, d in enumerate(written)))
    assert [e.published_at for e in load_manifest(m)] == [
        "2025-01-20", "2025-01-20", "2025-01-20 09:05", "2025-02-01 02:00", "2025-01-31 23:30"]


def test_manifest_round_trip(tmp_path: Path) -> None:
    entries = [ManifestEntry("r/1.txt", "甲", "示范省", "county", 2024, "2025-01-10", "a@b.cn"), ManifestEntry("2.pdf")]
    write_manifest(tmp_path / "m.csv", entries)
    assert load_manifest(tmp_path / "m.csv") == entries


def test_discover_accounts_for_every_file(tmp_path: Path) -> None:
    root = tmp_path / "landing"
    _write(root / "a" / "1.txt", "x")
    _write(root / "b" / "2.HTML", "x")
    _write(root / "3.doc", "x")
    _write(root / ".git" / "config", "x")
    _write(root / "old" / "4.txt", "x")
    _write(root / "roster.csv", "unit\n")
    m = _write(root / "manifest.csv", "file,unit,year\na/1.txt,甲,2024\nold/4.txt,乙,2023\ngone.pdf,丙,2024\n")
    found = discover(root, load_manifest(m), m, year=2024, exclude=[root / "roster.csv"])
    assert sorted(Path(s.path).name for s in found.sources) == ["1.txt", "2.HTML"]
    assert next(s for s in found.sources if s.path.endswith("1.txt")).entry.unit == "甲"
    assert {Path(r.path).name: ("格式" in r.reason, "没有找到" in r.reason) for r in found.rejected} == {
        "3.doc": (True, False),
        "gone.pdf": (False, True),
    }
    assert found.filtered == 1
    everything = discover(root, load_manifest(m), m, exclude=[root / "roster.csv"])
    assert everything.files == 5 and everything.filtered == 0


def test_from_files_marks_vanished_files(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "x")
    found = from_files([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "a.txt"])
    assert [Path(s.path).name for s in found.sources] == ["a.txt"]
    assert [Path(r.path).name for r in found.rejected] == ["b.txt"]


def test_from_files_takes_the_stored_rows_where_the_manifest_has_none(tmp_path: Path) -> None:
    # a rerun without a manifest reads a stored file as the audit did; a manifest row, when given, wins
    for name in ("a.txt", "b.txt"):
        _write(tmp_path / name, "x")
    known = [ManifestEntry(file=str(tmp_path / n), unit=f"{n[0]}县人民政府", region="湖南省" + n[0], level="county", year=2024)
             for n in ("a.txt", "b.txt")]
    manifest = [ManifestEntry(file="b.txt", unit="乙县人民政府", region="湖南省乙", level="county", year=2024)]
    found = from_files([tmp_path / "a.txt", tmp_path / "b.txt"], manifest, tmp_path / "manifest.csv", known)
    assert [(Path(s.path).name, s.entry.unit, s.entry.region) for s in found.sources] == [
        ("a.txt", "a县人民政府", "湖南省a"), ("b.txt", "乙县人民政府", "湖南省乙")]


def test_chunked() -> None:
    assert chunked(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunked([], 3) == []
    with pytest.raises(ValueError):
        chunked([1], 0)


def test_prefect_does_not_walk_a_chunk_handed_over_as_opaque() -> None:
    # what the parse tasks rely on: Prefect walks a list of Sources (and each Source's entry) when
    # a task starts, but not the one Opaque object around them; which still pickles whole (Dask)
    import pickle

    from prefect.utilities.collections import visit_collection

    from disclosure_audit.pipeline.discover import Source

    sources = [Source(f"/in/{i}.txt", ManifestEntry(file=f"{i}.txt", unit="甲县")) for i in range(3)]

    def visited(expr: object) -> list[object]:
        seen: list[object] = []
        visit_collection(expr, lambda x: seen.append(x) or x, return_data=False)
        return seen

    assert any(isinstance(x, ManifestEntry) for x in visited(sources))
    assert not any(isinstance(x, (Source, ManifestEntry)) for x in visited(Opaque(sources)))
    chunk = pickle.loads(pickle.dumps(Opaque(sources)))
    assert list(chunk) == sources and len(chunk) == 3


def test_parse_chunk_turns_bad_files_into_unreadable_findings(tmp_path: Path) -> None:
    from disclosure_audit.pipeline.parse import parse_chunk

    ex = write_example_province(tmp_path, units=3)
    entries = load_manifest(ex.manifest)
    found = discover(ex.folder, entries, ex.manifest)
    parsed = parse_chunk(found.sources)
    assert {r.unit for r in parsed.records} == set(ex.units[:2])
    assert all(r.year == ex.year for r in parsed.records)
    assert [(f.rule, Path(f.source).name) for f in parsed.unreadable] == [("ingest.unreadable", ex.broken.name)]


def test_progress_message_and_listener() -> None:
    seen: list[tuple[str, int, int]] = []
    with progress.listening(lambda *a: seen.append(a)):
        progress.report("parse", 2000, 10000)
    progress.report("parse", 1, 1)
    assert progress.message("parse", 2000, 10000) == "已解析 2000/10000 份"
    assert seen == [("parse", 2000, 10000)]


def _finding(rule: str, unit: str | None, year: int | None, source: str | None, severity: str = "error") -> Finding:
    return Finding(rule, severity, [], None, None, "", source=source, unit=unit, year=year)  # type: ignore[arg-type]


def test_scope_keeps_only_its_records_and_findings() -> None:
    mine = ReportRecord(source="a.txt", format="txt", unit="甲", year=2024, region="示范省甲县")
    other_year = ReportRecord(source="b.txt", format="txt", unit="甲", year=2023, region="示范省甲县")
    neighbour = ReportRecord(source="c.txt", format="txt", unit="乙", year=2024, region="示范省乙县")
    findings = [
        _finding("t3.balance", "甲", 2024, "a.txt"),
        _finding("duplicate.text", "乙", 2024, "c.txt", "warning"),
        _finding("roster.missing", "甲", 2024, None),
        _finding("t4.total", "甲", 2023, "b.txt"),
    ]
    scope = RerunScope(unit="甲", year=2024)
    records, kept = in_scope(scope, [mine, other_year], findings, [neighbour])
    assert records == [mine]
    assert [f.rule for f in kept] == ["t3.balance", "roster.missing"]
    assert unit_years(records, kept) == [("甲", 2024)]
    assert RerunScope(region="示范省").matches_record(neighbour)
    assert scope.describe() == "单位 甲、2024 年度"
    with pytest.raises(ValueError):
        RerunScope()


def test_what_a_rerun_stores() -> None:
    from disclosure_audit.pipeline.scope import rerun_result

    mine = ReportRecord(source="a.txt", format="txt", unit="甲", year=2024, region="示范省甲县")
    neighbour = ReportRecord(source="c.txt", format="txt", unit="乙", year=2024, region="示范省乙县")
    broken = _finding("ingest.unreadable", "甲", 2024, "a2.pdf")
    stray = _finding("ingest.unreadable", None, None, "z.xls")  # a file of the folder nobody asked for
    found = [_finding("t3.balance", "甲", 2024, "a.txt")]
    scope = RerunScope(unit="甲", year=2024)
    # the stored and manifest sources of the scope were re-read: every unreadable one is the scope's
    records, kept, replaced = rerun_result(scope, [mine], found, [broken, stray], [neighbour], whole_folder=False)
    assert records == [mine] and [f.source for f in kept] == ["a.txt", "a2.pdf", "z.xls"] and replaced == [("甲", 2024)]
    # the whole folder was read: only the scope's part is kept
    _, kept, _ = rerun_result(scope, [mine], found, [broken, stray], [neighbour], whole_folder=True)
    assert [f.source for f in kept] == ["a.txt", "a2.pdf"]
    # the unit's report is gone from the folder: its pair is still replaced (old findings resolved or kept by the store)
    assert rerun_result(scope, [], [], [], [neighbour], whole_folder=True) == ([], [], [("甲", 2024)])


def test_summary_counts() -> None:
    findings = [
        _finding("ingest.unreadable", None, None, "x.pdf"),
        _finding("roster.missing", "丙", 2024, None),
        _finding("duplicate.text", "甲", 2024, "a.txt", "warning"),
        _finding("roster.missing", "丁", 2024, None),
    ]
    s = summarise(1, "province-audit", files=3, reports=2, filtered=0, findings=findings)
    assert (s.unreadable, s.missing, s.findings) == (1, 2, 4)
    assert s.by_severity == {"error": 3, "warning": 1}
    assert list(s.by_rule) == ["roster.missing", "duplicate.text", "ingest.unreadable"]


def test_the_warehouse_url_a_run_shows_has_no_password(monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_audit.pipeline.store import shown_url

    monkeypatch.setenv("DISCLOSURE_AUDIT_DB_URL", "postgresql+psycopg://audit:s3cret@db.example:5432/wh")
    assert shown_url(None) == "postgresql+psycopg://audit:***@db.example:5432/wh"
    assert shown_url("sqlite:///srv/warehouse.db") == "sqlite:///srv/warehouse.db"


def test_peers_are_compared_with_but_not_checked() -> None:
    # a rerun of one unit: the year's other stored reports are the peers. The unit's copied text
    # is found against a peer; the peer's own errors and its absence from nothing are not reported
    from disclosure_audit.checks import run_checks
    from disclosure_audit.model import RosterUnit
    from tests.factories import record

    text = "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，主动回应社会关切，" * 3
    unit = record(unit="甲县人民政府", seed=1)
    peer = record(unit="乙县人民政府", seed=2)
    unit.sections["s1"] = peer.sections["s1"] = text
    peer.values["t3.new_received.natural_person"] += 7  # an arithmetic error of the peer's
    roster = [RosterUnit("甲县人民政府", "示例市", "county", "a@units.example.org"),
              RosterUnit("乙县人民政府", "示例市", "county", "b@units.example.org")]
    found = run_checks([unit], roster=roster, peers=[peer])
    assert {f.unit for f in found} == {"甲县人民政府"}
    dup = [f for f in found if f.rule == "duplicate.text"]
    assert [f.details["other_unit"] for f in dup] == ["乙县人民政府"]
    # not vacuous: checked as a report of the run, the peer has findings of its own
    assert {f.unit for f in run_checks([unit, peer], roster=roster)} == {"甲县人民政府", "乙县人民政府"}
