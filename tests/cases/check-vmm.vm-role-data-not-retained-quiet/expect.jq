[.findings[] | select(.id == "vmm.vm-role-data-not-retained")] | length == 0
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .severity == "blocker"
