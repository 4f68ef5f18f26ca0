"""data: (to be built)."""
