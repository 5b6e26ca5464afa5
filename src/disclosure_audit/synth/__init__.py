"""synth of disclosure-audit."""
