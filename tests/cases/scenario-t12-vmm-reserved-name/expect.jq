.verdict == "blocked"
.findings[] | select(.id == "vmm.reserved-name") | .severity == "blocker" and (.detail | contains("HV-SCVMM-01"))
