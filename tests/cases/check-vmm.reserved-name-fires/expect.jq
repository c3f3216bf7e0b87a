[.findings[] | select(.id == "vmm.reserved-name")] | length == 1
.findings[] | select(.id == "vmm.reserved-name") | .severity == "blocker"
.findings[] | select(.id == "vmm.reserved-name") | .waivable == false
.findings[] | select(.id == "vmm.reserved-name") | (.detail | contains("HV-SCVMM-01"))
