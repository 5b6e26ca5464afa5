"""readers of disclosure-audit."""
