[.findings[] | select(.id == "vmm.computer-name-length")] | length == 1
.findings[] | select(.id == "vmm.computer-name-length") | .severity == "blocker"
.findings[] | select(.id == "vmm.computer-name-length") | (.detail | contains("VMMSERVERLAB0001"))
