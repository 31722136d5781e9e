"""Accredited Customs Experts and their accreditation workflow (see the accreditation issue)."""
