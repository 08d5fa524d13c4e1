"""computekg.loaders."""
