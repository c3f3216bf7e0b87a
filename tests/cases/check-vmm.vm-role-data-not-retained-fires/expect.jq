[.findings[] | select(.id == "vmm.vm-role-data-not-retained")] | length == 1
.findings[] | select(.id == "vmm.vm-role-data-not-retained") | .severity == "blocker"
.verdict == "blocked"
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 1
