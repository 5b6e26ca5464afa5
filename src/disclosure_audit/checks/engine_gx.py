"""Run the Great Expectations suite of each template over all reports of a run at once.

An ephemeral GX context (no files, no network; analytics off by ``offline.ensure_offline``) validates
one batch per template with result_format COMPLETE and ``report_id`` as the index column, so each
unexpected row names its report. With ``docs_dir`` the validation runs through a checkpoint whose
UpdateDataDocsAction writes Data Docs HTML into that folder.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from disclosure_audit.checks.gx_suites import load_suite_dict
from disclosure_audit.checks.violations import Violation
from disclosure_audit.offline import ensure_offline

ensure_offline()
logging.getLogger("great_expectations").setLevel(logging.ERROR)


@dataclass
class _Prepared:
    context: object
    suite: object
    batch_def: object


_CACHE: dict[tuple[str, str], _Prepared] = {}


def _prepare(template_id: str, suites_dir: Path | None, docs_dir: Path | None) -> _Prepared:
    """An ephemeral context with the suite and a whole-dataframe batch definition (reused between
    validations in one process unless Data Docs are written)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    key = (template_id, str(suites_dir))
    if docs_dir is None and key in _CACHE:
        return _CACHE[key]
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    suite_json = load_suite_dict(template_id, suites_dir)
    suite = context.suites.add(gx.ExpectationSuite(name=suite_json["name"], expectations=suite_json["expectations"], meta=suite_json.get("meta")))
    source = context.data_sources.add_pandas("reports")
    asset = source.add_dataframe_asset(name=f"reports-{template_id}")
    prepared = _Prepared(context, suite, asset.add_batch_definition_whole_dataframe("all-reports"))
    if docs_dir is None:
        _CACHE[key] = prepared
    return prepared


def validate(df: pd.DataFrame, template_id: str, docs_dir: Path | None = None, suites_dir: Path | None = None) -> list[Violation]:
    import great_expectations as gx

    p = _prepare(template_id, suites_dir, docs_dir)
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": ["report_id"], "partial_unexpected_count": 0}
    frame = df.reset_index(drop=True)
    if docs_dir is not None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        p.context.add_data_docs_site(
            "local",
            {"class_name": "SiteBuilder", "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
             "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"}},
        )
        vd = p.context.validation_definitions.add(gx.ValidationDefinition(name=f"audit-{template_id}", data=p.batch_def, suite=p.suite))
        cp = p.context.checkpoints.add(gx.Checkpoint(name=f"audit-{template_id}", validation_definitions=[vd],
                                                     actions=[gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=["local"])],
                                                     result_format=result_format))
        run = cp.run(batch_parameters={"dataframe": frame})
        suite_result = next(iter(run.run_results.values()))
    else:
        batch = p.batch_def.get_batch(batch_parameters={"dataframe": frame})
        suite_result = batch.validate(p.suite, result_format=result_format)
    out: set[Violation] = set()
    for res in suite_result.results:
        if res.success:
            continue
        meta = res.expectation_config.meta or {}
        rule = meta.get("rule")
        column = res.expectation_config.kwargs.get("column")
        subject = meta.get("relation") or column
        if not rule or not subject:
            continue
        for row in res.result.get("unexpected_index_list") or []:
            rid = row["report_id"] if isinstance(row, dict) else row
            out.add(Violation(int(rid), rule, subject, "gx"))
    return sorted(out, key=lambda v: (v.report, v.rule, v.subject))
