[.findings[] | select(.id == "cm.current-branch-baseline")] | length == 0
