"""Orders that are not plain orders, and readings a rule alone would get wrong (CONVENTIONS §7-§8).

Reads the tokens (norms), the rule mentions and the cues (``posology.fields.cues``) of one text;
writes rewritten mentions and, once the medications are built, their status and the review
issues:

- **stop / hold / do not give** (``arrêter le Tahor``, ``hold lisinopril``, ``DO NOT GIVE``):
  the verb is never part of a drug name; the medication gets ``status`` ``stopped`` /
  ``on-hold`` or ``do_not_perform``, always with a warning (W020). A conditional stop
  (``arrêter si éruption``) stays active and is flagged.
- **open titration** (``augmenter de 1 UI tous les 2 jours``, ``increase by 25 mg``): what
  follows the verb in its clause is not structured (no second order); the clause becomes an
  additional instruction, with a warning (W021).
- **excepted days** (``sauf le dimanche``, ``pas le mercredi``, ``except Fridays``,
  ``sauf le week-end``): ``dayOfWeek`` holds the days taken, never the exception.
- **conditions** (``si glycémie > 2 g/l``, ``if BP > 160``): the threshold is never a dose or
  a strength; the line is as-needed with the condition as its reason — unless the condition is
  on a patient measure and heads a regimen of its own (``si poids > 120 kg : 3 g/8h``:
  ``posology.fields.subgroups``, flagged W022).
- **cycles** the Dosage cannot hold (``21 jours sur 28``, ``1 semaine sur 2``, ``sauf les
  jours de dialyse``): a warning (W022).

>>> from posology.engine import Engine
>>> med = Engine.load().prescription("Levothyrox 100 µg 1 cp le matin sauf le dimanche").medications[0]
>>> med.dosages[0].timing.day_of_week
('mon', 'tue', 'wed', 'thu', 'fri', 'sat')
"""

from __future__ import annotations

import re
from dataclasses import replace

from posology.dosage import Issue, Medication, Timing
from posology.errors import Warnings
from posology.fields.cues import CONDITION_WORDS, DAYS, EXCEPT, READ_RIGHT, SKIPPABLE, THRESHOLD_FAMILIES, Cue
from posology.fields.mentions import Mention, instruction_mention
from posology.fields.rhythms import alternating_doses, two_periods
from posology.fields.strengths import STRENGTH_DIMENSIONS
from posology.fields.subgroups import for_patient_group, group_regimen
from posology.fields.switches import replaced_medication
from posology.fields.totals import daily_totals
from posology.fields.weekly import daily_but_days
from posology.matching.lexicon import token_value
from posology.text.tokenizer import doc_text, doc_tokens, doc_words
from posology.text.words import NEEDED_WORDS
from posology.units.registry import dimension

NEAR = 12  # characters: a duration this close to a cycle ("28-day cycle", "x 21 j sur 28") is the cycle's


def rewrite_mentions(doc, mentions: list[Mention], cues: list[Cue]) -> list[Mention]:
    """Mentions after the cues: titration clauses and condition thresholds dropped, a condition
    made an as-needed reason, cycles' durations dropped, excepted days turned into the days
    taken. Daily totals with no split (``50 mg/kg/j``) are added to ``cues`` (flagged)."""
    added: list[Cue] = []  # a patient group's regimen (fields.subgroups), flagged like a cycle
    # titrations last: a condition inside a titration rule ("augmenter de 2 UI ... si glycémie >
    # 1,30 g/l") governs the increase, not the dose, and goes with the rest of the rule
    for cue in sorted(cues, key=lambda c: c.kind == "titration"):
        if cue.kind == "titration":
            end = _clause_end(doc.text, cue.end)
            # the dispensing (QSP 3 mois, à renouveler 1 fois) is never part of the rule
            mentions = [m for m in mentions if not cue.start <= m.start < end or m.family in _DISPENSING]
        elif cue.kind == "comparison":
            holds = [c for c in cues if c.kind == "conditional_stop"]
            mentions, group = _condition(doc, mentions, cue, holds)
            added.extend(group)
        elif cue.kind in ("advice", "monitoring", "caution"):  # "ne pas prendre si enceinte", "check U&Es":
            # an instruction: no as-needed, no duration in it (a label's caution: its whole sentence)
            end = cue.end if cue.kind == "caution" else _advice_end(doc.text, cue.end)
            if cue.kind == "monitoring":
                end = _test_schedule_end(doc.text, end, mentions)
            said = doc.text[cue.start : end].rstrip(" .,;\n")  # a caution's own full stop is no part of it
            note = instruction_mention(cue.start, end, "orders.advice", said)
            mentions = sorted([m for m in mentions if not cue.start <= m.start < end] + [note], key=lambda m: m.start)
        elif cue.kind == "unheld":  # "entre les repas": kept as written (flagged W022)
            note = instruction_mention(cue.start, cue.end, "orders.unheld", doc.text[cue.start : cue.end])
            mentions = sorted(
                [m for m in mentions if not cue.start <= m.start < cue.end] + [note], key=lambda m: m.start
            )
        elif cue.kind == "eye" and not any(m.family == "route" and m.get("route") != "ocular" for m in mentions):
            # (another route stated: "1 drop in each nostril OD" is once daily)
            mentions = [m for m in mentions if not (m.family in ("freq", "period") and m.start <= cue.start < m.end)]
            # each eye named is its drug's route ("Vigamox 1 gtt OD QID; Pred Forte 1 gtt OD QID")
            if not any(m.family == "route" and m.start < cue.end and cue.start < m.end for m in mentions):
                mentions = sorted(
                    mentions + [Mention("route", cue.start, cue.end, "orders.eye", (("route", "ocular"),))],
                    key=lambda m: m.start,
                )
        elif cue.kind == "ear" and not any(m.family == "route" for m in mentions):
            ear = Mention("route", cue.start, cue.end, "orders.ear", (("route", "auricular"),))
            mentions = sorted([m for m in mentions if not m.start <= cue.start < m.end] + [ear], key=lambda m: m.start)
        elif cue.kind == "cycle":  # a cycle is no duration nor interval: structure the rest
            # a duration near it is the cycle's ("28-day cycle"); a frequency or a clock time only
            # when it is the cycle's own words ("21j/28", "12 h on / 12 h off"): "1 cp/j 21j/28"
            # keeps once a day
            mentions = [
                m
                for m in mentions
                if not (
                    # "3 semaines sur 4, pendant 3 mois": a duration after the cycle with its own word is the
                    # course's ("for 21 days of each 28-day cycle", before it, is the cycle's)
                    (
                        m.family == "bounds"
                        and m.start < cue.end + NEAR
                        and cue.start - NEAR < m.end
                        and not (m.start >= cue.end and _COURSE_WORD.match(doc.text, m.start))
                    )
                    or (m.family in ("period", "freq", "tod") and m.start < cue.end and cue.start < m.end)
                )
            ]
    cues.extend(added)
    mentions, totals = daily_totals(doc, mentions)
    cues.extend(totals)  # flagged by apply_orders like the other cycles
    cues.extend(two_periods(doc, mentions))
    cues.extend(alternating_doses(doc, mentions))
    return _days_before_their_dose(doc, daily_but_days(doc, _other_days(doc, _days_taken(doc, mentions, cues))))


def _days_before_their_dose(doc, mentions: list[Mention]) -> list[Mention]:
    """``… except Wednesdays. On Wednesdays take 0.5 tablets``, ``… ; le dimanche 1/2 cp``: days
    opening a new sentence, before a dose of that sentence, are that dose's (never the dose
    before the ``.`` / ``;``)."""
    text, result = doc_text(doc), list(mentions)
    for index, days in enumerate(result):
        if days.family != "dow" or not text[: days.start].rstrip().endswith((".", ";")):
            continue
        following = next((m for m in result[index + 1 :] if m.family in ("dose", "slot")), None)
        if following is None or any(c in text[days.end : following.start] for c in ".;"):
            continue
        result[index] = Mention(days.family, days.start, days.end, days.rule_id, days.items, following.group)
    return result


_OTHER_DAYS = re.compile(
    r"\b(?:(?:the|all)\s+)?other\s+days\b|\b(?:the\s+)?rest\s+of\s+the\s+week\b"
    r"|\b(?:les\s+)?autres\s+jours\b|\ble\s+reste\s+de\s+la\s+semaine\b",
    re.IGNORECASE,
)


# "Ne pas prendre les autres jours (de la semaine)", "do not take on other days": the days named
# before are the only ones; an instruction, never the other days nor a do-not-give
_NOT_OTHER_DAYS = re.compile(
    r"\b(?:ne\s+pas\s+(?:les?\s+)?(?:prendre|donner|administrer|utiliser)|do\s+not\s+(?:take|give|use)|not)"
    r"\s+(?:on\s+)?(?:the\s+|les\s+)?(?:other\s+days|autres\s+jours)(?:\s+(?:de\s+la\s+semaine|of\s+the\s+week))?",
    re.IGNORECASE,
)


def _other_days(doc, mentions: list[Mention]) -> list[Mention]:
    """``3 mg on Mon, Wed and Fri and 2 mg on the other days``, ``1/2 cp les autres jours``: the
    days of the week no day mention before names (never "every other day"); ``ne pas prendre
    les autres jours``: an instruction (the days named are the only ones)."""
    text = doc_text(doc)
    found = _OTHER_DAYS.search(text)
    if found is None:
        return mentions
    negated = _NOT_OTHER_DAYS.search(text)
    if negated is not None:
        kept = [m for m in mentions if not (m.start < negated.end() and negated.start() < m.end)]
        said = instruction_mention(negated.start(), negated.end(), "orders.not_other_days", negated.group())
        return sorted([*kept, said], key=lambda m: m.start)
    named = {d for m in mentions if m.family == "dow" and m.end <= found.start() for d in m.all("dow")}
    if not named or len(named) == 7:
        return mentions
    items = tuple(("dow", d) for d in DAYS if d not in named)
    days = Mention("dow", found.start(), found.end(), "orders.other_days", items)
    inside = [m for m in mentions if m.start < found.end() and found.start() < m.end]
    if any(m.family not in ("freq", "period") for m in inside):
        return mentions
    return sorted([m for m in mentions if m not in inside] + [days], key=lambda m: m.start)


_COURSE_WORD = re.compile(r"(?:pendant|durant|for|during)\b", re.IGNORECASE)


_DISPENSING = frozenset({"refills", "supply"})


def _clause_end(text: str, start: int) -> int:
    """Where the clause starting at char ``start`` ends: ``;``, a line break or the text's end."""
    ends = [i for i in (text.find(";", start), text.find("\n", start)) if i >= 0]
    return min(ends) if ends else len(text)


def _advice_end(text: str, start: int) -> int:
    """Where an advice or follow-up clause (``ne pas prendre si enceinte``, ``check BG before
    meals and give …``) ends: ``,`` ``;`` ``.``, a line break, a link to the next instruction
    (``and``, ``then``, ``give`` …) or the text's end."""
    ends = [i for i in (text.find(c, start) for c in ",;.|\n") if i >= 0]
    link = _NEXT_INSTRUCTION.search(text, start)
    return min([*ends, *([link.start()] if link else [])], default=len(text))


def _test_schedule_end(text: str, end: int, mentions: list[Mention]) -> int:
    """A follow-up test's own schedule goes on after ``puis`` / ``then`` while no dose is said:
    ``Lithiémie à J5 puis 1 fois par semaine pendant 1 mois`` is one test plan, never a phase of
    the drug (``contrôle INR dans 3 jours puis 2 cp le soir`` gives the dose back)."""
    while (link := _SCHEDULE_GOES_ON.match(text, end)) is not None:
        after = _advice_end(text, link.end())
        if any(m.family in ("dose", "slot") and link.end() <= m.start < after for m in mentions):
            return end
        end = after
    return end


_SCHEDULE_GOES_ON = re.compile(r"\s*(?:puis|then)\b", re.IGNORECASE)
_NEXT_INSTRUCTION = re.compile(r"\s(?:and|et|then|puis|give|take|prendre|donner|administrer)\b", re.IGNORECASE)


COMPARISON_LINKS = {"a", "à", "to", "than", "de", "=", "of"}


def _opens_condition(doc, token) -> bool:
    """``si`` / ``if`` / ``when`` open a condition; so does ``for`` right after ``as needed`` /
    ``prn`` (``as needed for blood glucose above 250 mg/dL``)."""
    if token.norm_ in CONDITION_WORDS:
        return True
    if token.norm_ not in ("for", "pour") or token.i == 0:
        return False
    previous = doc[token.i - 1]
    return previous.norm_ in NEEDED_WORDS or previous.norm_.split(" ")[-1] in NEEDED_WORDS


def _condition(
    doc, mentions: list[Mention], cue: Cue, holds: list[Cue] | None = None
) -> tuple[list[Mention], list[Cue]]:
    """``si glycémie > 2 g/l``: the quantity after the comparison is a threshold, not a dose;
    the condition (from ``si`` / ``if``) is the as-needed reason — unless a hold or stop verb
    governs it (``hold if HR < 60``, ``suspendre si PAS < 100``): the order stays a routine one
    (the conditional hold is flagged W022 by apply_orders), the threshold is still no dose; or
    unless it names a patient measure (``si poids > 120 kg : 3 g/8h``, ``fields.subgroups``): no
    as-needed, the cue returned is flagged."""
    after = [t for t in doc_tokens(doc) if t.idx >= cue.end and not t.is_space]
    stop = next((t.idx for t in after[:6] if t.norm_ in (",", ";", ":", "puis", "then")), None)
    window = after[:3]  # no punctuation: the condition is the three words after the comparison
    while window and len(window) < len(after) and not window[-1].whitespace_:
        window = after[: len(window) + 1]  # ... and what is glued to the last one ("2 g/l")
    limit = stop if stop is not None else (window[-1].idx + len(window[-1].text) if window else cue.end)
    before = [t for t in doc_tokens(doc) if t.idx < cue.start and not t.is_space][-5:]
    opener = next((t for t in reversed(before) if _opens_condition(doc, t)), None)
    if opener is None:
        return mentions, []
    # the threshold is the number right after ">" (past "à" / "to" / "=": "supérieure à 2,5 g/l")
    number = next((t for t in after[:3] if t.norm_ not in COMPARISON_LINKS), None)
    first = number.idx if number is not None else cue.end
    threshold = [m for m in mentions if m.start == first and m.family in THRESHOLD_FAMILIES]
    # "si prise de poids > 2 kg en 3 jours": the time the threshold is measured over, no course
    over = [
        m
        for m in mentions
        if m.family == "bounds"
        and threshold
        and _WITHIN.fullmatch(doc.text, max(t.end for t in threshold), m.start) is not None
    ]
    if over:
        limit = max(limit, over[0].end)
    kept = [
        m
        for m in mentions
        if m not in threshold
        and m not in over
        # "si glycémie post-prandiale > 1,20 g/l", "if fasting glucose > 7": the test's name, no moment
        and not (opener.idx <= m.start < cue.start and m.family in ("as_needed", "when"))
    ]
    if any(0 <= opener.idx - hold.end <= 2 for hold in holds or ()):
        return sorted(kept, key=lambda m: m.start), []
    if for_patient_group(doc, opener, cue, limit):
        regimen, group = group_regimen(doc, kept, opener, limit)
        return regimen, [group]
    reason = doc.text[opener.idx + len(opener.text) : limit].strip(" ,;:")
    kept.append(
        Mention("as_needed", opener.idx, limit, "orders.condition", (("as_needed", True), ("as_needed.reason", reason)))
    )
    return sorted(kept, key=lambda m: m.start), []


_WITHIN = re.compile(r"\s*(?:en|in|within|sur|over)\s*", re.IGNORECASE)
GROUP_DAYS = {"weekend": ("sat", "sun"), "weekdays": DAYS[:5], "mwf": ("mon", "wed", "fri"), "tth": ("tue", "thu")}


def _days_taken(doc, mentions: list[Mention], cues: list[Cue]) -> list[Mention]:
    """Day mentions after an exception word become the days taken: the days named just before
    them (with no dose in between), else the seven, minus the exceptions. ``week-end`` /
    ``en semaine`` / ``lun-ven`` become day mentions of their own. Other day mentions stay as
    they are (``1 cp du lundi au vendredi et 1/2 cp le samedi``: two Dosages)."""
    groups = [
        Mention("dow", c.start, c.end, "orders.days", tuple(("dow", d) for d in GROUP_DAYS[c.kind]))
        for c in cues
        if c.kind in GROUP_DAYS
    ] + _hyphen_ranges(doc)
    # never the days of an instruction ("dispense daily Mon-Sat": the pick-up days)
    groups = [g for g in groups if not any(m.family == "instruction" and m.start <= g.start < m.end for m in mentions)]
    if groups:  # a group replaces the day mentions it spans ("lun-ven": a range, not two days)
        mentions = [
            m
            for m in mentions
            if not (m.family == "dow" and any(g.start <= m.start and m.end <= g.end for g in groups))
        ]
        mentions = sorted(mentions + groups, key=lambda m: m.start)
    excepted_days = [m for m in mentions if m.family == "dow" and _after_exception(doc, m.start)]
    for excepted in excepted_days:
        before = [m for m in mentions if m.end <= excepted.start]
        positive = next((m for m in reversed(before) if m.family in ("dow", "dose")), None)
        if positive is not None and positive.family != "dow":
            positive = None  # a dose stands between: the exception has no named days before it
        taken = (_days_of(positive) if positive is not None else set(DAYS)) - _days_of(excepted)
        anchor = positive or excepted
        merged = Mention(
            "dow",
            anchor.start,
            excepted.end,
            "orders.days",
            tuple(("dow", d) for d in DAYS if d in taken),
            anchor.group,
        )
        mentions = sorted(
            [m for m in mentions if m is not excepted and m is not positive] + [merged], key=lambda m: m.start
        )
        doses = [m.start for m in mentions if m.family == "dose" and m.start < excepted.start]
        run = [m for m in excepted_days if m.start <= excepted.start and not any(d >= m.end for d in doses)]
        mentions = _dose_of_excepted_days(doc, mentions, excepted, tuple(i for m in run for i in m.items))
    return mentions


def _dose_of_excepted_days(doc, mentions: list[Mention], excepted: Mention, days: tuple) -> list[Mention]:
    """``1 cp le soir sauf le mercredi : 1/2 cp``, ``1 tab daily except Wed - half a tab``, ``sauf
    mardi et vendredi 1/2 cp``: a dose right after the exception (nothing, a ``:`` / ``-`` / ``=``
    between) is those days' dose; it takes the excepted days (``days``: every day of the
    exception, not only the last) and the events before when it has none, as any days-only dose."""
    following = next((m for m in mentions if m.start >= excepted.end), None)
    if following is None or following.family != "dose":
        return mentions
    gap, value = doc.text[excepted.end : following.start], following.get("dose.low")
    if gap.strip() not in ("", ":", "-", "=", "–") or not gap.strip() and (gap != " " or not value or value > 4):
        return mentions  # a comma may start the next dose of every day ("sauf le dimanche, 2 cp le matin")
    if following is mentions[-1] and doc.text.count(" - ") >= 2 and isinstance(value, int) and value >= 5:
        return mentions  # "… except Saturday - 24 tablet": a dm+d list's quantity column (steps/packs.py)
    taken = Mention("dow", following.start, following.end, "orders.excepted_dose", days, following.group)
    return sorted([*mentions, taken], key=lambda m: m.start)


def _hyphen_ranges(doc) -> list[Mention]:
    """``lun-ven``, ``mon-fri``, ``Mon - Fri``: a range of days, both ends included."""
    words = list(doc_words(doc))
    if not any(t.text in ("-", "–", "to") for t in words):
        return []  # no range without its dash (most lines): no day read
    days = [token_value(t, "lex_day_of_week") for t in words]
    found = []

    def day(i: int):
        return days[i] if 0 <= i < len(days) else None

    for i in range(len(words) - 2):
        a, dash, b = words[i], words[i + 1], words[i + 2]
        first, last = day(i), day(i + 2)
        in_a_list = day(i - 2) and words[i - 1].text == "-" or day(i + 4) and words[i + 3].text == "-"
        if first and last and dash.text in ("-", "–", "to") and not in_a_list:  # not lun-mer-ven
            found.append(
                Mention("dow", a.idx, b.idx + len(b.text), "orders.days", (("dow.from", first), ("dow.to", last)))
            )
    return found


def _days_of(mention: Mention) -> set[str]:
    days = set(mention.all("dow"))
    start, end = mention.get("dow.from"), mention.get("dow.to")
    if start in DAYS and end in DAYS:
        a, b = DAYS.index(start), DAYS.index(end)
        days |= set(DAYS[a : b + 1]) if a <= b else set(DAYS[a:] + DAYS[: b + 1])
    return days


def _after_exception(doc, start: int) -> bool:
    """Whether an exception word stands before char ``start``, over function words and days."""
    before = [t for t in doc_tokens(doc) if t.idx < start and not t.is_space][::-1][:12]  # "sauf lun, mar, jeu et sam"
    for token in before:
        if token.norm_ in EXCEPT:
            return True
        if token.text in (".", ";"):  # "… except Wednesdays. On Wednesdays take 0.5": a new sentence
            return False
        if token.norm_ in SKIPPABLE or token_value(token, "lex_day_of_week"):
            continue
        return False
    return False


# --- medications ------------------------------------------------------------------------------

STATUS = {"stop": "stopped", "hold": "on-hold", "replaced": "stopped"}


def _strength_not_dose(med: Medication, text: str | None = None) -> Medication:
    """``Suspendre Xarelto 20 mg``, ``ARRÊT DU TEMESTA 1 mg``, ``Discontinue: simvastatin 20 MG
    Oral Tablet``: in a stop / hold / do-not-give order, or one to take as directed, a lone mass
    after the name with nothing else (no timing; in an order that is not given, ``text``, a
    route the product's form follows is the product's) names the product (its strength), never
    a dose to give."""
    if med.strengths or len(med.dosages) != 1 or not med.name:  # no name, no product to hold it: a dose
        return med
    (dosage,) = med.dosages
    dose = dosage.dose
    if dose is None or dose.high is not None or dimension(dose.low.unit) not in STRENGTH_DIMENSIONS:
        return med
    alone = (  # a route may be the product's ("simvastatin 20 MG Oral Tablet")
        dosage.timing == Timing()
        and not dosage.as_needed
        and (dosage.route is None or (text is not None and _product_route(dosage, text)))
        and dosage.max_per_period is None
        and dosage.max_per_administration is None
    )
    if not alone:
        return med
    return replace(med, strengths=(dose.low,), dosages=())


_PRODUCT_FORM = re.compile(r"\s*(?:tablets?|capsules?|solution|suspension|liquid|film)\b", re.IGNORECASE)


def _product_route(dosage, text: str) -> bool:
    """``simvastatin 20 MG Oral Tablet``: the route word the product's form follows."""
    ends = [source.end for source in dosage.sources if source.field == "route"]
    return bool(ends) and all(_PRODUCT_FORM.match(text, end) for end in ends)


def apply_orders(
    medications: list[Medication], cues: list[Cue], text: str, span, clean: str
) -> tuple[list[Medication], list[Issue]]:
    """Status, do-not-perform and titration instructions on the medication each cue concerns,
    each with its warning (linked to the medication). ``text`` is the caller's, ``clean`` the
    squeezed one (the cues' offsets), ``span`` maps the second to the first."""
    medications, issues = list(medications), []
    conditions = [c for c in cues if c.kind == "comparison"]
    if len(conditions) > 1:  # a sliding scale: each dose has its own threshold (one reason is kept)
        start, end = span(conditions[1].start, conditions[1].end)
        issues.append(Issue("warning", "business-rule", Warnings.W022.format(span=text[start:end]), start, end))
    for cue in cues:
        if cue.kind in READ_RIGHT:
            continue
        start, end = span(cue.start, cue.end)
        index = _medication_of(medications, start, end, text)
        med = medications[index] if index is not None else None
        words = text[start:end]
        if cue.kind == "replaced":  # "Tritace …, remplacer par Coversyl": the drug before, if no order of its own
            index = replaced_medication(medications, start, end, text)
            if index is None:
                continue  # a planned relay (both taken in turn), a drug already stopped: nothing to say
            med = medications[index]
        if cue.kind in (*STATUS, "do_not") and index is not None and med is not None:
            status = STATUS.get(cue.kind, "do not perform")
            listed = _header_list(medications, text, start, end)  # "STOP taking these medications: a; b"
            for each in listed or [
                index,
                *_joined_after(medications, index, text),
            ]:  # "Suspendre Coversyl et Aldactone"
                changed = _strength_not_dose(medications[each], text)
                changed = (
                    replace(changed, status=status) if cue.kind in STATUS else replace(changed, do_not_perform=True)
                )
                medications[each] = changed
                issues.append(
                    Issue("warning", "business-rule", Warnings.W020.format(span=words, status=status), start, end, each)
                )
        elif cue.kind == "titration":
            # the clause's end is found in the squeezed text, where the cue's offsets are
            clause = text[start : span(cue.start, _clause_end(clean, cue.end))[1]].strip(" ,;")
            if index is not None and med is not None:
                # the phase it is written in ("… puis 1 cp le soir, puis augmenter de 25 mg …": the
                # last one before it), else every Dosage; never repeated on earlier phases
                before = [d.sequence for d in med.dosages if d.start <= start]
                phase = max(before) if before else None
                medications[index] = replace(
                    med,
                    dosages=tuple(
                        replace(d, additional_instructions=d.additional_instructions + (clause,))
                        if phase is None or d.sequence == phase
                        else d
                        for d in med.dosages
                    ),
                )
            issues.append(Issue("warning", "business-rule", Warnings.W021.format(span=clause), start, end, index))
        else:  # conditional stop, cycle, exception naming no day
            if cue.kind == "unheld" and index is not None and _AS_DIRECTED.match(words):
                medications[index] = _strength_not_dose(medications[index])  # "4 MG tablet as directed"
            issues.append(Issue("warning", "business-rule", Warnings.W022.format(span=words), start, end, index))
    return medications, issues


_AS_DIRECTED = re.compile(r"as directed|follow", re.IGNORECASE)
_JOIN_GAP = re.compile(  # never ";": a new item ("… d'IBUPROFENE ni d'ASPIRINE", "ibuprofen or aspirin")
    r"[\s,&+]*(?:\b(?:et|and|ni|nor|or|ou)\b)?[\s,&+]*(?:\b(?:d'|de |the ))?", re.IGNORECASE
)


_HEADER_TAIL = re.compile(r"[^\d:;.,]{0,40}:")  # "STOP taking these medications:", "Arrêter :"


def _header_list(medications: list[Medication], text: str, start: int, end: int) -> list[int]:
    """``STOP taking these medications: aspirin 325 MG tablet; naproxen 220 MG tablet``, ``HOLD:
    a; b``: an order opening the line and ending in a colon heads a list; it names every drug
    after the colon (the second was an active order with a dose). [] when it is no header."""
    if text[:start].strip() or not (tail := _HEADER_TAIL.match(text, end)):
        return []
    line_end = text.find("\n", tail.end())  # the list ends with its line ("ARRÊT : X;\nY …", a rendering)
    line_end = len(text) if line_end < 0 else line_end
    section = _NEW_SECTION.search(text, tail.end(), line_end)  # "…; START: clopidogrel …"
    last = section.start() if section else line_end
    return [i for i, m in enumerate(medications) if m.name_start is not None and tail.end() <= m.name_start < last]


_NEW_SECTION = re.compile(
    r"\b(?:start|begin|continue|resume|restart|change|new|commencer|d[ée]buter|continuer|reprendre|introduire"
    r"|nouveau|nouvelle)\b",
    re.IGNORECASE,
)


def _joined_after(medications: list[Medication], index: int, text: str) -> list[int]:
    """The medications right after ``index`` joined to it by ``,`` / ``et`` / ``and`` / ``+``
    alone (``STOPPED: Lercanidipine 10mg OD, Doxazosin 4mg OD``): one order names them all."""
    joined = []
    for nxt in range(index + 1, len(medications)):
        before, med = medications[nxt - 1], medications[nxt]
        if before.name_end is None or med.name_start is None:
            break
        end = max([before.name_end, *(d.end for d in before.dosages)])
        if end > med.name_start or not _JOIN_GAP.fullmatch(text[end : med.name_start]):
            break
        joined.append(nxt)
    return joined


_CLAUSE_END = re.compile(r"[.;,](?:\s|$)")
_FORM_DOT = re.compile(r"\b(?:tab|tabs|cap|caps|inj|syp|susp|oint|cp|t|c)\.\s*$", re.IGNORECASE)  # "STOP Tab. Ecosprin"


def _medication_of(medications: list[Medication], start: int, end: int, text: str = "") -> int | None:
    """The medication a cue at ``[start, end)`` concerns: the first named after it in the
    same clause (``arrêter le Tahor``), else the last named before it (``Amoxicillin - DO NOT
    GIVE``, ``PREVISCAN 20 MG : arrêter. Relais par PRADAXA …``, ``Telma 40 - discontinue,
    start Telma-AM``: a clause ends between the verb and the next name), else the only one."""
    named = [
        (i, m.name_start, m.name_end)
        for i, m in enumerate(medications)
        if m.name_start is not None and m.name_end is not None
    ]
    after = [(i, name_start) for i, name_start, _ in named if name_start >= end]
    before = [i for i, _, name_end in named if name_end <= start]
    if after and before and _CLAUSE_END.search(_FORM_DOT.sub("", text[end : after[0][1]])):
        return before[-1]
    if after and (not before or after[0][1] - end <= 20):
        return after[0][0]
    if before:
        return before[-1]
    return 0 if medications else None
