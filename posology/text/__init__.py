"""text step of posology."""
