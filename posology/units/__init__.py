"""units step of posology."""
