"""Helpers for the files people exchange with the system: PDFs (fonts, text in every script),
spreadsheets (CSV/XLSX written safely) and the upload gate. No models, no project imports."""
