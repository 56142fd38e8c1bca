"""Fuzzing `render` (issue §1): every schema-valid mutation of a seed spec renders.

Mutated seed specs (:func:`tests.fuzz.mutations.mutate_data`: keys deleted, values retyped,
enums changed, references broken, items duplicated, huge and control-character strings,
deep nesting) go through :func:`protocolgen.build.process`, the code ``render`` and
``build`` run for each spec, with one shared renderer (compiling the templates for every
case would cost ~100 ms each). A spec with error findings must not be rendered and must
leave no output; every other spec must render md, html and txt without raising, each file
complete. A few cases also go through the real CLI, and a small sample to PDF (slow).
"""

from __future__ import annotations

import random
import tempfile
from functools import lru_cache
from pathlib import Path

from click.testing import CliRunner
from hypothesis import assume, event, given
from hypothesis import strategies as st

from protocolgen import build
from protocolgen.cli import main
from protocolgen.render import OUTPUT_NAMES
from tests.fuzz.invariants import examples, known_crash
from tests.fuzz.mutations import (
    DATA_MUTATIONS,
    NASTY,
    _slots,
    dump,
    schema_words,
    seed_data,
    seed_texts,
)
from tests.reliability.helpers import check_file

SUMMARIES = ("md", "html", "txt")


@lru_cache(maxsize=2)
def renderer(formats: tuple[str, ...]) -> build.Renderer:
    return build.Renderer(formats)


#: Text that means something to Markdown, HTML, Jinja, a terminal or a PDF layout engine.
HOSTILE = (
    "<script>alert(1)</script>",
    "</td></tr></table><h1>x",
    "{{ 7 * 7 }}{% raw %}",
    "| a | b |\n|---|---|\n",
    "[x](javascript:alert(1)) ![i](file:///etc/passwd)",
    "# heading\n- list\n```\ncode",
    "&amp; &lt; &#0; &bogus;",
    "\u202eevil\u202c \u200b\u00ad\ufeff",
    "😀" * 500,
    "W" * 3000,
    "line\n" * 400,
    "<img src=x onerror=alert(1)>",
    "@page { size: 1px } url(http://example.com/x.css)",
)


def _hostile_text(rng: random.Random, data: object) -> None:
    """Replace a free-text value (not an enum, id or reference) with hostile text."""
    enums, _ = schema_words()
    slots = [
        (c, k) for c, k in _slots(data)
        if isinstance(c[k], str) and c[k] not in enums and len(c[k]) > 3 and " " in c[k]
    ]
    if slots:
        container, key = rng.choice(slots)
        piece = rng.choice(HOSTILE + tuple(NASTY))
        container[key] = rng.choice([piece, container[key] + piece, piece * rng.randint(2, 20)])


def mutated(rng: random.Random) -> bytes:
    """A seed spec with 1-3 mutations, most of them hostile text (which keeps it valid)."""
    data = seed_data(rng.randrange(len(seed_texts())))
    for _ in range(rng.choice([1, 1, 2, 3])):
        mutation = _hostile_text if rng.random() < 0.6 else rng.choice(DATA_MUTATIONS)
        mutation(rng, data)
    return dump(data, rng).encode("utf-8")


def render_and_check(raw: bytes, formats: tuple[str, ...]) -> build.TrialOutcome:
    """Render ``raw`` as spec ``trial.yaml``; assert the outputs match its findings."""
    with tempfile.TemporaryDirectory() as tmp:
        spec, out = Path(tmp) / "trial.yaml", Path(tmp) / "out"
        spec.write_bytes(raw)
        outcome = build.process(renderer(formats), (str(spec), "trial", None), out, None)
        folder = out / "trial"
        if outcome.report.has_errors:
            assert not outcome.written and not folder.exists(), outcome.written
        else:
            assert sorted(outcome.written) == sorted(OUTPUT_NAMES[f] for f in formats)
            assert sorted(p.name for p in folder.iterdir()) == sorted(outcome.written)
            for name in outcome.written:
                check_file(folder / name)
        return outcome


@examples(150)
@given(st.randoms(use_true_random=False))
def test_render_summaries_of_mutated_specs(rng: random.Random) -> None:
    raw = mutated(rng)
    assume(known_crash(raw) is None)
    outcome = render_and_check(raw, SUMMARIES)
    event("not rendered: error findings" if outcome.report.has_errors else "rendered")


@examples(6)
@given(st.randoms(use_true_random=False))
def test_render_pdf_of_a_few_mutated_specs(rng: random.Random) -> None:
    raw = mutated(rng)
    assume(known_crash(raw) is None)
    assume(len(raw) < 30_000)  # a 50k-char string is 20+ pages of PDF
    render_and_check(raw, ("pdf",))


@examples(10)
@given(st.randoms(use_true_random=False))
def test_render_command_on_mutated_specs(rng: random.Random) -> None:
    """Through the CLI: exit 0 (rendered) or 1 (errors, nothing written), no exception."""
    raw = mutated(rng)
    assume(known_crash(raw) is None)
    with tempfile.TemporaryDirectory() as tmp:
        spec, out = Path(tmp) / "trial.yaml", Path(tmp) / "out"
        spec.write_bytes(raw)
        result = CliRunner().invoke(
            main, ["render", str(spec), "--to", "md,html,txt", "-o", str(out), "-j", "1"]
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        written = sorted(p.name for p in (out / "trial").glob("*")) if out.exists() else []
        assert written == ([] if result.exit_code else ["summary.html", "summary.md",
                                                        "summary.txt"])
