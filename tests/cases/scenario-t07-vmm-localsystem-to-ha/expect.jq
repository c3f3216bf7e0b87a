.verdict == "blocked"
.findings[] | select(.id == "vmm.ha-requirements") | .severity == "blocker" and .waivable == false
