.verdict == "warnings"
[.findings[] | select(.severity == "blocker")] | length == 0
[.findings[] | select(.severity == "warning" and .waived == null)] | length == 1
