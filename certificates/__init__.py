"""Certificates: the one registry, PDFs with a QR code, delivery by e-mail, verification.

Other apps issue through `certificates.issuing.issue_certificate` (accreditation passes
`subject` instead of an event) and never write Certificate rows themselves.
"""
