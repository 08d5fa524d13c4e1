"""Importers of published datasets, one module per format (`epoch`, `eto`), each giving a `DatasetLayer`."""
