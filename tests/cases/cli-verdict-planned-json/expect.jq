.verdict == "planned"
[.findings[] | select(.severity == "blocker" and .waived == null and (.resolved_by | length) == 0)] | length == 0
[.findings[] | select(.severity == "blocker" and (.resolved_by | length) > 0)] | length == 2
has("steps") | not
