.verdict == "ok"
[.findings[] | select(.severity != "info")] | length == 0
.findings[] | select(.id == "cm.current-branch-baseline") | .hop == {"from": "2012 R2 SP1", "to": "current_branch"}
[.findings[] | select(.id == "cm.top-down")] | length == 1
