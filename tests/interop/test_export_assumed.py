"""Every exporter takes every seed spec, whose assumed values (``# protocolgen: assumed``)
sit on required fields such as the lead sponsor: registry formats leave those values out and
say what is missing, USDM carries the whole protocol; none of them fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from protocolgen.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "specs").glob("*.yaml"))


@pytest.mark.parametrize("fmt", ["ctgov", "prs", "usdm"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_seed_exports(tmp_path: Path, seed: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        main, ["export", fmt, str(seed), "-o", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert target.exists() and target.stat().st_size > 0


def test_an_assumed_lead_sponsor_is_not_exported_to_ctgov(tmp_path: Path) -> None:
    seed = ROOT / "specs" / "als-nasal-sev.yaml"
    assert "lead:  # protocolgen: assumed" in seed.read_text(encoding="utf-8")
    target = tmp_path / "record.json"
    CliRunner().invoke(main, ["export", "ctgov", str(seed), "-o", str(target)],
                       catch_exceptions=False)
    module = json.loads(target.read_text(encoding="utf-8"))["protocolSection"][
        "sponsorCollaboratorsModule"
    ]
    assert "leadSponsor" not in module and module["collaborators"]
