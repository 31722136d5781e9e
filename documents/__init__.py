"""Helpers for the files people exchange with the system: PDFs (fonts, text in every script),
spreadsheets (CSV/XLSX with typed cells, written safely), downloads and the upload gate.
No models, no project imports."""
