.verdict == "blocked"
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .severity == "blocker"
[.findings[] | select(.severity == "blocker") | .id] == ["vmm.encrypted-data-not-retained"]
