"""checks of disclosure-audit."""
