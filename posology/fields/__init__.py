"""fields step of posology."""
