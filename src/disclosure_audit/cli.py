"""The ``disclosure-audit`` command line (typer + rich). Each command is a thin wrapper: it parses
options, calls the plain functions of the package and prints. Errors are one line in Chinese or
English naming the file and the reason, with exit status 2, never a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console

from disclosure_audit.offline import ensure_offline

ensure_offline()

app = typer.Typer(
    help="disclosure-audit: 政府信息公开工作年度报告自动审核 (parse, check, run, report).",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """disclosure-audit: 政府信息公开工作年度报告自动审核."""


def _fail(message: str, code: int = 2) -> None:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def parse(
    file: Path = typer.Argument(..., help="A report file: .txt, .html, .docx or .pdf"),
    as_json: bool = typer.Option(False, "--json", help="Print the canonical record as JSON"),
) -> None:
    """Read one report and print its canonical record (values by canonical cell key)."""
    from disclosure_audit.model import ParseError
    from disclosure_audit.readers import read_report

    try:
        record = read_report(file)
    except ParseError as exc:
        _fail(str(exc))
        return
    if as_json:
        sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False, indent=1) + "\n")
        return
    from disclosure_audit.readers.render import render_record

    render_record(record, console)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
