"""Find the reports of a landing folder and match them with the manifest.

Every file under the folder (recursively) is accounted for: a file with a report suffix is parsed,
any other file is recorded as unsupported (an ``ingest.unreadable`` finding), and a manifest row
whose file is absent is recorded as missing. Nothing is dropped silently; the only files left out
are the manifest itself, files the caller excludes (e.g. the roster) and, with a year filter,
files the manifest assigns to another year.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from disclosure_audit.model import ManifestEntry

REPORT_SUFFIXES: frozenset[str] = frozenset({".txt", ".htm", ".html", ".shtml", ".docx", ".pdf"})


@dataclass(frozen=True)
class Source:
    """One file to parse, with its manifest row when the manifest lists it."""

    path: str
    entry: ManifestEntry | None = None


@dataclass(frozen=True)
class Rejected:
    """A file that cannot be parsed at all, and why (Chinese, for data staff)."""

    path: str
    reason: str
    entry: ManifestEntry | None = None


@dataclass
class Discovery:
    """What a landing folder holds."""

    root: str
    sources: list[Source] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    filtered: int = 0  # files the manifest assigns to another year than the one asked for

    @property
    def files(self) -> int:
        return len(self.sources) + len(self.rejected)


def _walk(root: Path) -> list[Path]:
    """Every regular file under root, in a stable order (hidden folders like .git skipped)."""
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(Path(folder) / f for f in sorted(files))
    return out


class PathKeys:
    """The key of a path: resolved (symbolic links followed, as ``Path.resolve``) and case-folded
    where the file system folds case. Each folder is resolved once: ``resolve`` checks every
    component of every path (ten ``lstat`` calls a file, most of discovering a large folder);
    here a file costs one, to see whether it is a link itself."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        text = str(path)
        folder, name = os.path.split(text)
        if name in ("", ".", ".."):
            return os.path.normcase(os.path.realpath(text))
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder or ".")
        full = os.path.join(real, name)
        return os.path.normcase(os.path.realpath(full) if os.path.islink(full) else full)


def unsupported_reason(path: Path) -> str:
    suffix = path.suffix.lower() or "（无扩展名）"
    return f"不支持的文件格式 {suffix}；请将年报另存为 pdf、docx、html 或 txt 后重新上传"


def discover(
    root: str | Path | None,
    manifest: Iterable[ManifestEntry] | None = None,
    manifest_path: str | Path | None = None,
    year: int | None = None,
    exclude: Iterable[str | Path] = (),
) -> Discovery:
    """List the reports under ``root`` (or the manifest's folder when root is None).

    Manifest paths are relative to the manifest's folder (``manifest_path``), else to ``root``.
    """
    if root is None and manifest_path is None:
        raise ValueError("either a landing folder or a manifest is needed")
    # absolute paths: the warehouse keeps each source for reruns, which may start in another folder
    base = Path(manifest_path).resolve().parent if manifest_path is not None else Path(root).resolve()  # type: ignore[arg-type]
    root_path = Path(root).resolve() if root is not None else base
    if not root_path.is_dir():
        raise FileNotFoundError(f"{root_path}: 文件夹不存在；请检查年报所在文件夹的路径")
    _key = PathKeys()
    by_path = {_key(base / e.file): e for e in (manifest or ())}
    skip = {_key(Path(p)) for p in exclude}
    if manifest_path is not None:
        skip.add(_key(Path(manifest_path)))

    found = Discovery(root=str(root_path))
    seen: set[str] = set()
    for path in _walk(root_path):
        key = _key(path)
        if key in skip:
            continue
        seen.add(key)
        entry = by_path.get(key)
        if year is not None and entry is not None and entry.year is not None and entry.year != year:
            found.filtered += 1
        elif path.suffix.lower() in REPORT_SUFFIXES:
            found.sources.append(Source(str(path), entry))
        else:
            found.rejected.append(Rejected(str(path), unsupported_reason(path), entry))
    for key, entry in by_path.items():
        if key in seen or (year is not None and entry.year is not None and entry.year != year):
            continue
        found.rejected.append(
            Rejected(str(base / entry.file), "清单中登记了该文件，但文件夹中没有找到；请补传文件或更正清单", entry)
        )
    return found


def from_files(
    paths: Iterable[str | Path],
    manifest: Iterable[ManifestEntry] | None = None,
    manifest_path: str | Path | None = None,
    known: Iterable[ManifestEntry] = (),
) -> Discovery:
    """A discovery of exactly these files (a rerun's sources), matched with the manifest, else with
    ``known`` (rows whose ``file`` is the absolute path: what the warehouse stored of a file); a
    file that is no longer there is recorded as missing."""
    base = Path(manifest_path).parent if manifest_path is not None else Path(".")
    _key = PathKeys()
    by_path = {_key(Path(e.file)): e for e in known}
    by_path.update({_key(base / e.file): e for e in (manifest or ())})
    found = Discovery(root=str(base))
    for p in dict.fromkeys(Path(x) for x in paths):
        entry = by_path.get(_key(p))
        if not p.is_file():
            found.rejected.append(Rejected(str(p), "文件已不在原来的位置；请重新上传或更正清单", entry))
        elif p.suffix.lower() in REPORT_SUFFIXES:
            found.sources.append(Source(str(p), entry))
        else:
            found.rejected.append(Rejected(str(p), unsupported_reason(p), entry))
    return found


def manifest_files(manifest: Iterable[ManifestEntry], manifest_path: str | Path) -> dict[str, ManifestEntry]:
    """Absolute path of each manifest row's file -> the row."""
    base = Path(manifest_path).parent
    return {str((base / e.file).resolve()): e for e in manifest}
