"""autograd (being built)."""
