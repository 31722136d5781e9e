"""What every other app shares: reference data (regions, countries, languages, organisations),
people, users' roles and preferences, sign-in lockouts, the audit trail and the privacy hooks.

The lowest application layer: it imports no other app of the project (only `documents`).
Higher apps extend it through hooks, never by being imported from here: `privacy.person_erased`
(scrub copies of a person's data) and `sections` (what the person page shows about them).
"""
