"""Spark: ``posology.spark.structure(df)`` adds a ``bundle`` column (FHIR JSON) to a DataFrame.

    from posology.spark import structure
    out = structure(df, text_col="text", subject_col="patient", fhir_version="R4")

Runs with ``mapInPandas``: each Arrow batch of rows is structured in the executor's Python
worker. The engine is built once per worker process and kept (``posology.get_engine``'s
module-level cache); Spark reuses its Python workers (``spark.python.worker.reuse``, on by
default), so a worker loads it once, not once per batch. The executors need posology
installed (``pip install posology[spark]``, or the wheel shipped with ``--py-files``, see
README). Needs the ``spark`` extra (pyspark, pandas, pyarrow).

A null or empty text gives a Bundle whose OperationOutcome says the text is empty, never a
failed task; a null subject gives a Bundle without one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import posology
from posology.errors import Errors, InputError

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["structure"]


def structure(
    df: DataFrame,
    text_col: str = "text",
    subject_col: str | None = None,
    fhir_version: str = "R4",
    engine: str = posology.DEFAULT_ENGINE,
    bundle_col: str = "bundle",
) -> DataFrame:
    """``df`` with one more string column, ``bundle_col``: each row's Bundle as FHIR JSON.

    ``subject_col`` names a column of references (``Patient/123``) written as each
    MedicationRequest's subject. Options are checked here, on the driver (InputError).
    """
    from pyspark.sql.types import StringType, StructField, StructType

    version, engine = posology._check_options(fhir_version, engine)
    for column in (text_col, subject_col):
        if column is not None and column not in df.columns:
            raise InputError(Errors.E041.format(column=column, columns=df.columns))
    if bundle_col in df.columns:
        raise InputError(Errors.E042.format(column=bundle_col))
    schema = StructType(df.schema.fields + [StructField(bundle_col, StringType(), True)])

    def add_bundles(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield with_bundles(batch, text_col, subject_col, version, engine, bundle_col)

    return df.mapInPandas(add_bundles, schema=schema)


def with_bundles(
    batch: pd.DataFrame, text_col: str, subject_col: str | None, version: str, engine: str, bundle_col: str
) -> pd.DataFrame:
    """One pandas batch plus its Bundles (runs on the executors).

    >>> import pandas as pd
    >>> out = with_bundles(pd.DataFrame({"text": ["1 cp le matin"]}), "text", None, "R4", "rules", "bundle")
    >>> '"when": ["MORN"]' in out["bundle"][0]
    True
    """
    subjects = batch[subject_col] if subject_col is not None else [None] * len(batch)
    pairs = zip(batch[text_col], subjects, strict=True)
    bundles = [bundle_json(text, subject, version, engine) for text, subject in pairs]
    return batch.assign(**{bundle_col: bundles})


def bundle_json(text: object, subject: object, version: str, engine: str) -> str:
    text = text if isinstance(text, str) else ""  # null → the "text is empty" OperationOutcome
    subject = subject if isinstance(subject, str) and subject else None
    return posology.structure(text, fhir_version=version, engine=engine, subject=subject).json()
