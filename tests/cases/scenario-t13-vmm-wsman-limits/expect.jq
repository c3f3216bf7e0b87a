.verdict == "warnings"
.findings[] | select(.id == "vmm.wsman-limits") | .severity == "warning" and (.detail | contains("1500") and contains("300"))
[.findings[] | select(.severity == "blocker")] | length == 0
