"""`impact health`: every web address of the valid entries checked, failures confirmed on a later run, stale
entries listed; the reports and the tracking issue's text (.github/workflows/health.yml posts it)."""
