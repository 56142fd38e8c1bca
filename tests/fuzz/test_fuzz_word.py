"""Fuzzing the Word and Excel writers: every schema-valid mutation of a seed spec (most of
them hostile text, :func:`tests.fuzz.test_fuzz_render.mutated`) renders to synopsis.docx,
soa.docx and soa.xlsx through :func:`protocolgen.build.process`, and each file opens again
with python-docx / openpyxl, refers to nothing outside itself and holds no field in its body.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn
from hypothesis import assume, given
from hypothesis import strategies as st

from protocolgen import build
from tests.fuzz.invariants import examples, known_crash
from tests.fuzz.test_fuzz_render import mutated, renderer

WORD = ("docx", "soa-docx", "soa-xlsx")


@examples(20)
@given(st.randoms(use_true_random=False))
def test_word_files_of_mutated_specs_open_and_are_inert(rng: random.Random) -> None:
    raw = mutated(rng)
    assume(known_crash(raw) is None)
    assume(len(raw) < 30_000)
    with tempfile.TemporaryDirectory() as tmp:
        spec, out = Path(tmp) / "trial.yaml", Path(tmp) / "out"
        spec.write_bytes(raw)
        outcome = build.process(renderer(WORD), (str(spec), "trial", None), out, None)
        if outcome.report.has_errors:
            assert not outcome.written
            return
        assert sorted(outcome.written) == ["soa.docx", "soa.xlsx", "synopsis.docx"]
        for name in ("synopsis.docx", "soa.docx"):
            document = docx.Document(str(out / "trial" / name))
            assert not any(r.is_external for part in document.part.package.iter_parts()
                           for r in part.rels.values())
            assert not list(document.element.body.iter(qn("w:instrText")))
            assert not list(document.element.body.iter(qn("w:hyperlink")))
        assert openpyxl.load_workbook(out / "trial" / "soa.xlsx")["Schedule"]["A1"].value
