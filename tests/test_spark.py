"""posology.spark in Spark local mode: a small DataFrame gets its ``bundle`` column."""

from __future__ import annotations

import json
import sys

import pytest
from pyspark.sql import SparkSession

from posology import spark as posology_spark
from posology.errors import InputError

ROWS = [
    (1, "Doliprane 1000 mg 1 cp 3x/j si douleur", "Patient/1"),
    (2, "Tab. Dolo 650mg 1-0-1 x 5 days", "Patient/2"),
    (3, "1 cp le matin", None),
    (4, None, "Patient/4"),
]


@pytest.fixture(scope="module")
def session():
    # local[1]: one Python worker (this interpreter), reused for every partition, loads the engine once
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("posology-test")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def df(session):
    return session.createDataFrame(ROWS, "id long, text string, patient string").repartition(2)


def requests(bundle_json: str) -> list[dict]:
    bundle = json.loads(bundle_json)
    assert bundle["resourceType"] == "Bundle"
    return [e["resource"] for e in bundle.get("entry", []) if e["resource"]["resourceType"] == "MedicationRequest"]


def test_bundle_column_with_subjects(df):
    out = posology_spark.structure(df, text_col="text", subject_col="patient")
    assert out.columns == ["id", "text", "patient", "bundle"]
    rows = {row["id"]: row for row in out.collect()}
    assert set(rows) == {1, 2, 3, 4}
    (doliprane,) = requests(rows[1]["bundle"])
    assert doliprane["subject"] == {"reference": "Patient/1"}
    assert doliprane["contained"][0]["code"]["text"] == "Doliprane"
    assert doliprane["dosageInstruction"][0]["timing"]["repeat"] == {"frequency": 3, "period": 1, "periodUnit": "d"}
    (dolo,) = requests(rows[2]["bundle"])
    assert dolo["subject"] == {"reference": "Patient/2"}
    assert dolo["dosageInstruction"][0]["timing"]["repeat"]["when"] == ["MORN", "EVE"]
    (morning,) = requests(rows[3]["bundle"])
    assert "reference" not in morning.get("subject", {})  # a null subject: none carried
    assert requests(rows[4]["bundle"]) == []  # a null text: the Bundle says why
    outcome = [e["resource"] for e in json.loads(rows[4]["bundle"])["entry"]][0]
    assert outcome["resourceType"] == "OperationOutcome" and outcome["issue"][0]["code"] == "required"
    assert rows[1]["text"] == ROWS[0][1] and rows[1]["patient"] == "Patient/1"  # input columns untouched


def test_r5_without_subject_column(df):
    out = posology_spark.structure(df.select("text"), fhir_version="R5", engine="rules")
    bundles = [row["bundle"] for row in out.collect()]
    assert len(bundles) == 4
    with_requests = [requests(b) for b in bundles if requests(b)]
    assert len(with_requests) == 3
    assert all("medication" in r[0] and "medicationReference" not in r[0] for r in with_requests)  # R5 shape


def test_bad_arguments_fail_on_the_driver(df):
    with pytest.raises(InputError, match="no column 'texte'"):
        posology_spark.structure(df, text_col="texte")
    with pytest.raises(InputError, match="E004"):
        posology_spark.structure(df, fhir_version="R3")
    with pytest.raises(InputError, match="already exists"):
        posology_spark.structure(df, bundle_col="text")
