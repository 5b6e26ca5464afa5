"""Tests of disclosure-audit (a package so that tests can import tests.conftest helpers)."""
