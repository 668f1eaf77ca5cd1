"""Reports and printed documents shared by several areas (fonts for PDFs …)."""
