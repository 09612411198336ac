"""All messages of posology, with stable codes, and the small exception hierarchy.

One catalogue: E0xx the library, the command line and the service; E1xx the NER model and its
training corpus (``training/``). Every error posology raises on purpose carries one of these.

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
    E013 = "[E013] {path} is not a text file (NUL bytes in its first 64 KiB); give --encoding if it is UTF-16."
    E014 = "[E014] The output {output} is the input file: refusing to overwrite it."
    E015 = "[E015] Cannot read {path}: {reason}."
    E016 = "[E016] {path} has no {column!r} column (columns: {columns}); name it with --text-column."
    E017 = "[E017] Reading .parquet needs pyarrow: pip install 'posology[spark]' (or pip install pyarrow)."
    E018 = (
        "[E018] The partial output {partial} does not match the input (record {number} is {expected!r} in "
        "the input, {found!r} in the partial): delete it or run with --no-resume."
    )
    E019 = "[E019] Unknown encoding {encoding!r}."
    E020 = "[E020] posology failed on this record ({detail}): a bug, please report it."
    E021 = "[E021] Interrupted: the records done so far are in {partial}; run the same command again to resume."
    E022 = "[E022] Cannot write {path}: {reason}."
    E023 = "[E023] Unknown rendering language {lang!r}: use 'fr' or 'en'."
    E024 = (
        "[E024] Cannot render a {kind}: give a StructureResult, a Prescription, Medication or Dosage, "
        "or a FHIR Bundle, MedicationRequest or Dosage dict."
    )
    E025 = "[E025] A worker process died ({detail}); the records done so far are in {partial}: run again to resume."
    E026 = "[E026] --workers must be 0 (one per core) or more."
    E027 = "[E027] Unknown index methods {unknown}: use some of {methods}."
    E028 = "[E028] Unknown {what} {name!r}: use 'ngram', 'embedding' or 'combined'."
    E029 = "[E029] No linking index in {directory}: {rebuild}."
    E030 = "[E030] The linking index in {directory} is stale: {table} changed since it was built; {rebuild}."
    E031 = "[E031] The linking index file {path} is missing or altered; {rebuild}."
    E032 = "[E032] No {method!r} index in {directory} (built: {built}); {rebuild} --methods {method}."
    E033 = "[E033] {file} has {vectors} vectors for {rows} rows; {rebuild}."
    E034 = "[E034] The {method!r} index was built with {built}, the installed embedder is {installed}; {rebuild}."
    E035 = "[E035] Unknown concept types {unknown}: use some of {types}."
    E036 = "[E036] A token with ALT takes its FIELD from each alternative."
    E037 = "[E037] Every pattern token needs a FIELD."
    E038 = "[E038] Unknown LEX type {unknown}."
    E039 = "[E039] The posology data folder {name!r} is missing from the installation."
    E040 = "[E040] Give exactly one of 'text' or 'texts'."
    E041 = "[E041] posology.spark.structure: no column {column!r} in {columns}."
    E042 = "[E042] posology.spark.structure: the column {column!r} already exists."
    E043 = "[E043] Unknown unit key {key!r}."
    E044 = "[E044] {from_key!r} and {to_key!r} are quantities of different kinds: they never convert."
    E045 = "[E045] A batch holds at most {limit} texts, not {count}."
    E046 = "[E046] The engine failed on this input."
    E047 = "[E047] The operation takes exactly one 'text' parameter (valueString), not {count}."
    E048 = "[E048] No file {name!r} here."
    # E1xx: the NER model and its training corpus
    E101 = "[E101] {where}: the {label} span {span!r} does not fall on token boundaries of {text!r}."
    E102 = "[E102] {where}: unknown label {label!r} (labels: {labels})."
    E103 = "[E103] {where}: unbalanced markup in {line!r}."
    E104 = "[E104] The NER model in {path} cannot be loaded: {detail}"
    E105 = "[E105] {where}: overlapping spans {first!r} and {second!r}."
    E106 = "[E106] {where}: duplicate of {first}: {text!r}."


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
    W020 = "[W020] {span!r}: the order is {status}, not a plain active order: please check."
    W021 = (
        "[W021] {span!r} is an open titration: only the starting dose is structured, the rule is an "
        "additional instruction: please check."
    )
    W022 = (
        "[W022] {span!r} cannot be held by the Dosage fields (a cycle, a daily total with no split, an "
        "exception naming no day, a conditional stop, a time FHIR has no code for): please check."
    )
    W023 = "[W023] {span!r}: {problem}: please check."
    W024 = "[W024] {span!r} was read as part of the drug name {name!r}, not as a timing: please check."
    W011 = (
        "[W011] {span!r} was read as {field} by the NER model, but its numbers cannot be a {field} "
        "(0, negative, or a slot above 9): not structured."
    )
    W012 = (
        "[W012] {span!r} is a bare number the NER model read as a {field}, with nothing else of a "
        "posology on the line: not structured."
    )
    W013 = "[W013] {count} byte(s) of this record are not valid {encoding}: read as {fallback}, please check."
    W014 = "[W014] {count} character(s) of this record cannot be encoded (lone surrogates): replaced with U+FFFD."
    W015 = "[W015] {path} is not plain UTF-8: read as {encoding}."
    W016 = "[W016] Resuming {partial}: {done} records already written{dropped}."


class PosologyError(Exception):
    """Base class of the errors posology raises on purpose."""


class InputError(PosologyError, ValueError):
    """The caller's input cannot be structured at all (too long, not text, bad option)."""


class RuleError(PosologyError):
    """A rule file is invalid or a rule's example fails."""


class FHIRValidationError(PosologyError):
    """The engine built a FHIR resource that is invalid: always a bug of posology."""


class NerError(PosologyError, ValueError):
    """The NER model cannot be loaded (a broken install), or a line of its training corpus is invalid."""
