"""report of disclosure-audit."""
