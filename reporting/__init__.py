"""Gender balance and programme dashboards: figures, filters, exports and views."""
