"""pandera schemas of disclosure-audit (installed as ``disclosure_audit.schemas``), one per template,
over a frame with one row per report. Their serialised YAML sits beside them under version control."""
