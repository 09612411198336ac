"""All messages of posology, with stable codes, and the small exception hierarchy.

>>> Errors.E001.format(limit=10)
'[E001] The text is longer than the limit of 10 characters.'
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] The text is longer than the limit of {limit} characters."
    E002 = "[E002] The text is empty."
    E003 = "[E003] The text is not valid text (binary or undecodable content)."
    E004 = "[E004] Unknown FHIR version {version!r}: use 'R4' or 'R5'."
    E005 = "[E005] Unknown engine {engine!r}: use 'rules', 'ner' or 'hybrid'."
    E006 = "[E006] Invalid rule file {path}: {detail}"
    E007 = "[E007] Rule {rule!r} example {example!r} did not give the expected fields: {detail}"
    E008 = "[E008] Input record {number} is not valid: {detail}"
    E009 = "[E009] The FHIR output failed validation: {detail}"
    E010 = "[E010] Code {code!r} is not in the value set {valueset}."
    E011 = "[E011] {path}: code {code!r} is not in the value set {valueset}."
    E012 = "[E012] {path}: {value!r} is not a valid {kind}."


class Warnings:
    W001 = "[W001] No posology was understood in this text."
    W002 = "[W002] Text not understood: {span!r}"
    W003 = "[W003] The {engine!r} engine is not available yet; the rules engine was used."
    W004 = "[W004] Ambiguous {what}: {span!r} was not structured."
    W005 = "[W005] Drug name {name!r} could not be linked to a code."
    W006 = "[W006] No drug name was found in this text."
    W007 = "[W007] {span!r} was read as {concept} by the linker (score {score:.2f}): please check."
    W008 = "[W008] {span!r} was read as {field} by the NER model only (no rule): please check."
    W010 = "[W010] {span!r} was read as {word!r} (a misspelling inside a span the NER model found): please check."
    W009 = "[W009] {span!r} was not structured: a {field} must be a whole number of at least 1."
    W011 = (
        "[W011] {span!r} was read as {field} by the NER model, but its numbers cannot be a {field} "
        "(0, negative, or a slot above 9): not structured."
    )
    W012 = (
        "[W012] {span!r} is a bare number the NER model read as a {field}, with nothing else of a "
        "posology on the line: not structured."
    )


class PosologyError(Exception):
    """Base class of the errors posology raises on purpose."""


class InputError(PosologyError, ValueError):
    """The caller's input cannot be structured at all (too long, not text, bad option)."""


class RuleError(PosologyError):
    """A rule file is invalid or a rule's example fails."""


class FHIRValidationError(PosologyError):
    """The engine built a FHIR resource that is invalid: always a bug of posology."""
