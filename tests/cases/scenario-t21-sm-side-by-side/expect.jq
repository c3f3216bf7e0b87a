.verdict == "blocked"
.findings[] | select(.id == "sm.in-place-only") | .severity == "blocker" and .waivable == false
