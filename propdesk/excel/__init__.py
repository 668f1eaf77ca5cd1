"""Excel (xlsx) import and export."""
