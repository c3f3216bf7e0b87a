.verdict == "blocked"
[.findings[] | select(.severity == "blocker" and .waived == null and (.resolved_by | length) == 0)] | length == 1
[.findings[] | select(.severity == "blocker" and .waived != null)] | length == 1
