"""nn: (to be built)."""
