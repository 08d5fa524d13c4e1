"""computekg.queries."""
