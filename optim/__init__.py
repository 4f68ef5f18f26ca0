"""optim: (to be built)."""
