.verdict == "warnings"
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .severity == "warning"
[.findings[] | select(.severity == "blocker")] | length == 0
