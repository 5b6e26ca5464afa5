"""warehouse of disclosure-audit."""
