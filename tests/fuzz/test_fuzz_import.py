"""Fuzzing `import ctgov` (issue §1): mutated ClinicalTrials.gov records never crash it.

Seeds are the API v2 records in ``tests/fixtures/ctgov`` (the 1.5 MB one left out for
speed), mutated as data (keys deleted, values retyped, wrong enums, huge strings, wrong
shapes) or as text (duplicate keys, truncation, garbage, invalid UTF-8, NaN, deep nesting).
Each goes through the real command ``import ctgov FILE -o DIR`` and must end with exit
0, 1 or 2 and no exception; a failing run prints a PG9xx finding and writes nothing; a
passing run writes only whole specs that load and pass the schema, only inside DIR.
"""

from __future__ import annotations

import copy
import json
import random
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from protocolgen import api
from protocolgen.cli import main
from tests.fuzz.invariants import examples
from tests.fuzz.mutations import _slots, random_text, random_value
from tests.reliability.helpers import snapshot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ctgov"
ENUMS = ("INTERVENTIONAL", "OBSERVATIONAL", "PHASE2", "NA", "COMPLETED", "RECRUITING",
         "RANDOMIZED", "EXPERIMENTAL", "ALL", "FEMALE", "DRUG", "BIOLOGICAL", "ACTUAL")
FINDING = re.compile(r"PG9\d\d (error|warning|info): ")


def seeds() -> tuple[Any, ...]:
    files = sorted(p for p in FIXTURES.glob("*.json") if p.stat().st_size < 500_000)
    return tuple(json.loads(p.read_text(encoding="utf-8")) for p in files)


def _wrong_enum(rng: random.Random, data: Any) -> None:
    slots = [(c, k) for c, k in _slots(data) if isinstance(c[k], str) and c[k].isupper()]
    if slots:
        container, key = rng.choice(slots)
        container[key] = rng.choice([rng.choice(ENUMS), container[key].lower(), "PHASE9", ""])


def _huge(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if slots:
        container, key = rng.choice(slots)
        container[key] = rng.choice(["x", "é", "😀", "\n", "<b>"]) * rng.randint(10_000, 200_000)


def _mutate(rng: random.Random, data: Any) -> None:
    slots = _slots(data)
    if not slots:
        return
    container, key = rng.choice(slots)
    roll = rng.randrange(4)
    if roll == 0:
        del container[key]
    elif roll == 1:
        container[key] = random_value(rng, rng.randint(0, 2))
    elif roll == 2:  # wrong shape: a list where an object was, or the reverse
        value = container[key]
        container[key] = [value] if isinstance(value, dict) else {"x": value}
    else:
        container[key] = random_text(rng, 20)


def _text_mutation(rng: random.Random, text: str) -> bytes:
    roll = rng.randrange(7)
    if roll == 0:  # a duplicate key: the JSON reader keeps the last one
        at = text.find('"', rng.randrange(len(text)))
        if at > 0 and text[at - 1] in "{,\n ":
            end = text.find(",", at)
            if end > 0:
                text = text[:end + 1] + text[at:end + 1] + text[end + 1:]
    elif roll == 1:
        text = text[: rng.randrange(len(text))]
    elif roll == 2:
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(["NaN", "Infinity", "}", "]", ",", "\x00", "'"]) + text[at:]
    elif roll == 3:
        text = rng.choice(["[", '{"studies": ']) * rng.randint(1, 50_000) + text
    elif roll == 4:
        return text.encode("utf-8") + b"\xff\xfe"
    elif roll == 5:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    else:
        return text.encode("utf-16")
    return text.encode("utf-8")


def mutated_record(rng: random.Random) -> bytes:
    data = copy.deepcopy(rng.choice(seeds()))
    roll = rng.random()
    if roll < 0.1:  # a wrong shape at the top
        data = rng.choice([[data], data.get("protocolSection"), {"studies": data}, 3, None])
    elif roll < 0.25:  # a page with several studies (some maybe duplicates)
        data = {"studies": [copy.deepcopy(rng.choice(seeds())) for _ in range(rng.randint(0, 3))]}
    for _ in range(rng.randint(1, 3)):
        rng.choice([_mutate, _mutate, _wrong_enum, _huge])(rng, data)
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1]))
    return _text_mutation(rng, text) if rng.random() < 0.3 else text.encode("utf-8")


def import_and_check(raw: bytes) -> int:
    """Run ``import ctgov`` on ``raw``; assert the invariants; return the exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        record, out = root / "record.json", root / "out" / "specs"
        record.write_bytes(raw)
        before = snapshot(root)
        result = CliRunner().invoke(main, ["import", "ctgov", str(record), "-o", str(out)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"import raised {result.exception!r}") from result.exception
        assert result.exit_code in (0, 1, 2), result.output
        assert "Traceback" not in result.output
        after = snapshot(root)
        new = sorted(set(after) - set(before))
        assert all(name.startswith("out") for name in new), new  # nothing outside out/
        files = sorted(out.glob("*")) if out.is_dir() else []
        assert not [p for p in files if p.name.startswith(".")], files  # no temporary file
        if result.exit_code:
            assert FINDING.search(result.stderr) or "Error:" in result.stderr, result.stderr
            assert files == [], "a failing import wrote a spec"
        for spec in files:
            checked = api.check_source(str(spec))
            bad = [d for d in checked.report.diagnostics if d.code < "PG200"]
            assert checked.document is not None and not bad, (spec, bad)
        return result.exit_code


@examples(300)
@given(st.randoms(use_true_random=False))
def test_import_of_mutated_records(rng: random.Random) -> None:
    event(f"exit {import_and_check(mutated_record(rng))}")


@pytest.mark.parametrize(
    "raw",
    [b"", b"null", b"[]", b"{}", b'{"studies": {}}', b'{"protocolSection": []}',
     b"\xff\xfe\x00", b"[" * 100_000, b'{"a": 1, "a": 2}', b"NaN", b'"' + b"x" * 10**6],
)
def test_import_of_hostile_files(raw: bytes) -> None:
    assert import_and_check(raw) in (1, 2)


@pytest.mark.parametrize("nct", ["../../escaped", "/tmp/absolute-nct", "NCT1\x00x"])
def test_nct_id_is_never_a_path(nct: str) -> None:
    """A page whose nctId is a path must not write outside ``-o DIR`` (it once did)."""
    study = copy.deepcopy(seeds()[0])
    study["protocolSection"]["identificationModule"]["nctId"] = nct
    other = copy.deepcopy(seeds()[0])
    raw = json.dumps({"studies": [study, other]}).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "inner").mkdir()
        record, out = Path(tmp) / "inner" / "page.json", Path(tmp) / "inner" / "out"
        record.write_bytes(raw)
        before = snapshot(Path(tmp))
        result = CliRunner().invoke(main, ["import", "ctgov", str(record), "-o", str(out)])
        escaped = Path(tmp) / "escaped.yaml"
        written_outside = escaped.exists() or Path("/tmp/absolute-nct.yaml").exists()
        Path("/tmp/absolute-nct.yaml").unlink(missing_ok=True)
        new = set(snapshot(Path(tmp))) - set(before)
        assert not written_outside, "a spec was written outside -o"
        assert all(n.startswith("inner/out") for n in new), new
        assert result.exception is None or isinstance(result.exception, SystemExit)
        names = [p.name for p in out.glob("*")] if out.exists() else []
        assert all(re.fullmatch(r"[A-Za-z0-9_.-]+\.yaml", n) for n in names), names


def test_list_where_a_code_belongs_is_a_finding() -> None:
    """``leadSponsor.class: []`` is a PG915 finding (it once raised TypeError)."""
    study = copy.deepcopy(seeds()[0])
    sponsors = study["protocolSection"]["sponsorCollaboratorsModule"]
    sponsors["leadSponsor"]["class"] = ["INDUSTRY"]
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "record.json"
        record.write_text(json.dumps(study), encoding="utf-8")
        result = CliRunner().invoke(main, ["import", "ctgov", str(record), "-o", tmp + "/o"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1) and "PG915" in result.stderr
