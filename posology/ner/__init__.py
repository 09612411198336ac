"""NER step of posology (model wrapper, training)."""
