[.findings[] | select(.id == "sm.in-place-only")] | length == 1
.findings[] | select(.id == "sm.in-place-only") | .severity == "blocker"
.findings[] | select(.id == "sm.in-place-only") | .waivable == false and (.detail | contains("side_by_side"))
