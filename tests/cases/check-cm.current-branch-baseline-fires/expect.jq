[.findings[] | select(.id == "cm.current-branch-baseline")] | length == 1
.findings[] | select(.id == "cm.current-branch-baseline") | .severity == "info"
.findings[] | select(.id == "cm.current-branch-baseline") | .hop == {"from": "2012 R2 SP1", "to": "current_branch"}
