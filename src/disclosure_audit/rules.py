"""The rule catalogue (``data/rules.yaml``): id, severity and the one-line Chinese description.

Every finding names a rule of this catalogue; tests check that every rule has passing and failing
examples and that no engine reports a rule that is not listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

# The rules the pipeline itself treats specially (by id, as the warehouse and the reports do).
UNREADABLE = "ingest.unreadable"  # a file that could not be read: scoped by its path, not its unit
MISSING = "roster.missing"  # a unit without a report



@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" or "warning"
    description: str
    engine: str


@cache
def catalogue() -> dict[str, Rule]:
    """Rule id -> Rule, in catalogue order."""
    text = resources.files("disclosure_audit").joinpath("data/rules.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)["rules"]
    return {r["id"]: Rule(r["id"], r["severity"], r["description"], r["engine"]) for r in raw}


def rule(rule_id: str) -> Rule:
    """The rule with this id; KeyError says which ids exist."""
    try:
        return catalogue()[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}; see data/rules.yaml for the catalogue") from None


def description(rule_id: str, unknown: str = "") -> str:
    """The rule's one-line Chinese description; ``unknown`` for an id the catalogue lacks (an old
    finding of a rule since retired still shows)."""
    r = catalogue().get(rule_id)
    return r.description if r else unknown


def severity(rule_id: str) -> str:
    return rule(rule_id).severity
