"""What the app's pages share: the store connection, cached questions, the graph widget, evidence, entity search.

Presentation only: every answer comes from `computekg.queries` (names from `computekg.loaders`).
"""
