[.findings[] | select(.id == "sm.in-place-only")] | length == 0
