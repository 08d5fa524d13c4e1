"""computekg.graph."""
