"""alerts of disclosure-audit."""
