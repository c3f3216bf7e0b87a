.verdict == "blocked"
[.findings[] | select(.id == "vmm.ha-requirements")] | length == 1
.findings[] | select(.id == "vmm.ha-requirements") | .severity == "blocker" and .waivable == false
.findings[] | select(.id == "vmm.ha-requirements") | (.detail | contains("dpapi"))
