"""Consistency rules for dates, status and ages: values that each look fine but contradict.

"Now" for stale dates is the registry record's own date (the later of
``registry_record.last_update_posted`` and ``status.verified_date``) when the spec has one:
a transcribed record is a snapshot, and judging it against today's date would blame the
transcription for time passing. Without a record date the injected ``TODAY`` is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from protocolgen.diagnostics import Severity
from protocolgen.rules.base import TODAY, Finding, get, rule
from protocolgen.rules.timepoints import DAYS_PER_UNIT

_DATES = ("start_date", "primary_completion_date", "completion_date")
_LABELS = {
    "start_date": "start date",
    "primary_completion_date": "primary completion date",
    "completion_date": "completion date",
}
#: Statuses that mean somebody has been enrolled, so the start date is no longer a plan.
_STARTED = ("RECRUITING", "ENROLLING_BY_INVITATION", "ACTIVE_NOT_RECRUITING", "COMPLETED")
_NOT_STARTED = ("NOT_YET_RECRUITING", "WITHDRAWN")
_STOPPED = ("SUSPENDED", "TERMINATED", "WITHDRAWN")


def _parts(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("-"))


def before(a: str, b: str) -> bool:
    """Whether date ``a`` is certainly before ``b``, comparing at their common precision."""
    n = min(len(_parts(a)), len(_parts(b)))
    return _parts(a)[:n] < _parts(b)[:n]


def reference_date(data: dict[str, Any]) -> tuple[str, str]:
    """The date stale-date rules measure against, and where it comes from."""
    record = [
        (get(data, "registry_record", "last_update_posted"), "the record's last update"),
        (get(data, "status", "verified_date"), "the record's verification date"),
    ]
    known = [(d, why) for d, why in record if isinstance(d, str)]
    if known:
        return max(known, key=lambda pair: _parts(pair[0]))
    return TODAY.get().isoformat(), "today"


def _dated(data: dict[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """(field, pointer, date, type) for each status date the spec gives."""
    for name in _DATES:
        value = get(data, "status", name)
        if isinstance(value, dict):
            yield name, f"/status/{name}", value["date"], value["type"]


@rule(
    "PG401",
    "dates-out-of-order",
    Severity.ERROR,
    "Start ≤ primary completion ≤ completion",
    passing="start_date: {date: '2024-01-10', type: ACTUAL}\n"
    "completion_date: {date: '2026-01-01', type: ESTIMATED}",
    failing="start_date: {date: '2026-01-10', type: ESTIMATED}\n"
    "completion_date: {date: '2025-01-01', type: ESTIMATED}",
)
def dates_out_of_order(data: dict[str, Any]) -> Iterator[Finding]:
    """The study starts before the last participant is examined for the primary outcome,
    which is no later than the last examination for any outcome (WHO TRDS 22). Partial
    dates (YYYY-MM) are compared at the precision both have."""
    dated = list(_dated(data))
    for i, (name, _, value, _) in enumerate(dated):
        for later, pointer, other, _ in dated[i + 1 :]:
            if before(other, value):
                yield Finding(
                    pointer + "/date",
                    f"the {_LABELS[later]} {other} is before the {_LABELS[name]} {value}",
                    "Correct whichever date is wrong; the order is start, primary "
                    "completion, completion.",
                )


@rule(
    "PG402",
    "status-dates-disagree",
    Severity.WARNING,
    "Date types agree with the recruitment status",
    passing="overall: RECRUITING\nstart_date: {date: '2024-01-10', type: ACTUAL}",
    failing="overall: RECRUITING\nstart_date: {date: '2024-01-10', type: ESTIMATED}",
)
def status_dates_disagree(data: dict[str, Any]) -> Iterator[Finding]:
    """Once a trial is recruiting (or has recruited) its start date is an actual date; a
    COMPLETED trial has actual completion dates; a trial that has not started, or was
    withdrawn before enrolling anyone, cannot have an actual start. Dates that are not
    given at all are left to the completeness profiles (WHO-TRDS/16, CTGOV/startDate)."""
    status = get(data, "status", "overall")
    start = get(data, "status", "start_date")
    ref, _ = reference_date(data)
    word = str(status).replace("_", " ").lower()
    # A missing date is a gap, not a contradiction: the profiles report it (WHO-TRDS/16).
    # A stale estimated start (already past) is PG403's finding; one fix for both.
    planned = isinstance(start, dict) and start["type"] == "ESTIMATED"
    if status in _STARTED and planned and not before(start["date"], ref):
        yield Finding(
            "/status/start_date/type",
            f"the trial is {word} but its start date {start['date']} is anticipated",
            "Set the actual date the first participant enrolled, with type ACTUAL.",
        )
    if status in _NOT_STARTED and isinstance(start, dict) and start["type"] == "ACTUAL":
        yield Finding(
            "/status/start_date/type",
            f"the trial is {word} but its start date is marked ACTUAL",
            "A trial that has enrolled nobody has an ESTIMATED start date.",
        )
    if status == "COMPLETED":
        for name in ("primary_completion_date", "completion_date"):
            value = get(data, "status", name)
            if isinstance(value, dict) and value["type"] != "ACTUAL":
                yield Finding(
                    f"/status/{name}/type",
                    f"the trial is completed but its {_LABELS[name]} is anticipated",
                    "Give the actual date, with type ACTUAL.",
                )


@rule(
    "PG403",
    "stale-anticipated-date",
    Severity.WARNING,
    "Anticipated dates are not in the past",
    passing="completion_date: {date: '2030-01-01', type: ESTIMATED}",
    failing="completion_date: {date: '2019-01-01', type: ESTIMATED}\n"
    "# registry_record.last_update_posted: '2020-06-01'",
)
def stale_anticipated_date(data: dict[str, Any]) -> Iterator[Finding]:
    """An ESTIMATED (anticipated) date that has already passed is stale: the event either
    happened (make it ACTUAL) or was postponed (move it). "Now" is the record's last
    update or verification date when the spec has one, otherwise today. A WITHDRAWN trial
    is exempt: it stopped before enrolling anyone, so its dates stay the plan it had and
    will never become actual (CT.gov shows them as estimated)."""
    if get(data, "status", "overall") == "WITHDRAWN":
        return
    ref, source = reference_date(data)
    for name, pointer, value, kind in _dated(data):
        if kind == "ESTIMATED" and before(value, ref):
            yield Finding(
                pointer + "/date",
                f"the anticipated {_LABELS[name]} {value} is before {source} ({ref})",
                "Give the actual date (type ACTUAL) or the new anticipated date.",
            )


@rule(
    "PG404",
    "actual-date-in-future",
    Severity.WARNING,
    "Actual dates are not in the future",
    passing="start_date: {date: '2020-01-01', type: ACTUAL}",
    failing="start_date: {date: '2099-01-01', type: ACTUAL}",
)
def actual_date_in_future(data: dict[str, Any]) -> Iterator[Finding]:
    """A date marked ACTUAL has happened, so it cannot be later than the record's own date
    (or today, for a spec without one)."""
    ref, source = reference_date(data)
    for name, pointer, value, kind in _dated(data):
        if kind == "ACTUAL" and before(ref, value):
            yield Finding(
                pointer + "/type",
                f"the {_LABELS[name]} {value} is marked ACTUAL but is after {source} ({ref})",
                "Mark a date that has not happened yet as ESTIMATED.",
            )


def _age_days(age: Any) -> float | None:
    if isinstance(age, dict):
        return float(age["value"]) * DAYS_PER_UNIT[age["unit"]]
    return None


@rule(
    "PG405",
    "age-limits-reversed",
    Severity.ERROR,
    "The minimum age is not above the maximum age",
    passing="minimum_age: {value: 18, unit: YEARS}\nmaximum_age: {value: 70, unit: YEARS}",
    failing="minimum_age: {value: 18, unit: YEARS}\nmaximum_age: {value: 12, unit: MONTHS}",
)
def age_limits_reversed(data: dict[str, Any]) -> Iterator[Finding]:
    """Nobody can be older than the minimum age and younger than the maximum when the
    minimum exceeds the maximum (WHO TRDS 14). Units are converted before comparing."""
    low = _age_days(get(data, "eligibility", "minimum_age"))
    high = _age_days(get(data, "eligibility", "maximum_age"))
    if low is not None and high is not None and low > high:
        yield Finding(
            "/eligibility/maximum_age",
            "the maximum age is below the minimum age",
            "Check the values and their units.",
        )


#: "Age limits:18 to 70 years old", "Age 18-85 years", "aged 18 to 75": an age range.
_AGE_RANGE = re.compile(
    r"\bage[sd]?\b[^0-9\n]{0,20}?(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\s*(years?|yrs?)?",
    re.IGNORECASE,
)


def _criteria(data: dict[str, Any], kind: str) -> Iterator[tuple[str, str]]:
    """(pointer of the text, text) for each criterion of one list."""
    for n, item in enumerate(get(data, "eligibility", kind) or []):
        if isinstance(item, str):
            yield f"/eligibility/{kind}/{n}", item
        elif isinstance(item, dict):
            yield f"/eligibility/{kind}/{n}/text", item["text"]


@rule(
    "PG406",
    "criteria-age-mismatch",
    Severity.WARNING,
    "Age limits in the criteria match the structured ages",
    passing="minimum_age: {value: 18, unit: YEARS}\nmaximum_age: {value: 70, unit: YEARS}\n"
    "inclusion: ['Age limits: 18 to 70 years old.']",
    failing="minimum_age: {value: 18, unit: YEARS}\nmaximum_age: {value: 70, unit: YEARS}\n"
    "inclusion: ['Age 18-65 years.']",
)
def criteria_age_mismatch(data: dict[str, Any]) -> Iterator[Finding]:
    """When an inclusion criterion states an age range ("Age 18-85 years"), it must agree
    with `minimum_age` and `maximum_age` in years; registries show both, and a reader
    cannot tell which one is right."""
    low = get(data, "eligibility", "minimum_age")
    high = get(data, "eligibility", "maximum_age")
    for pointer, text in _criteria(data, "inclusion"):
        if "age" not in text.lower():
            continue  # every match starts with the word, in any case: most criteria skip here
        for match in _AGE_RANGE.finditer(text):
            written = (int(match.group(1)), int(match.group(2)))
            structured = (
                low["value"] if isinstance(low, dict) and low["unit"] == "YEARS" else None,
                high["value"] if isinstance(high, dict) and high["unit"] == "YEARS" else None,
            )
            if written != structured:
                shown = "–".join("no limit" if v is None else str(v) for v in structured)
                yield Finding(
                    pointer,
                    f"the criterion says ages {written[0]}–{written[1]} but the eligibility "
                    f"ages are {shown} (years)",
                    "Make 'minimum_age'/'maximum_age' and the criterion text agree.",
                )


@rule(
    "PG407",
    "why-stopped-missing",
    Severity.ERROR,
    "A stopped trial says why",
    passing="overall: TERMINATED\nwhy_stopped: Slow accrual",
    failing="overall: TERMINATED",
)
def why_stopped_missing(data: dict[str, Any]) -> Iterator[Finding]:
    """ClinicalTrials.gov requires the reason a trial stopped early when its status is
    SUSPENDED, TERMINATED or WITHDRAWN."""
    status = get(data, "status", "overall")
    reason = get(data, "status", "why_stopped")
    if status in _STOPPED and not (isinstance(reason, str) and reason.strip()):
        yield Finding(
            "/status/overall",
            f"the trial is {status.lower()} but does not say why",
            "Add 'status.why_stopped' (at most 250 characters).",
        )
