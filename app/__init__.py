"""computekg.app."""
