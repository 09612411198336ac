"""matching step of posology."""
