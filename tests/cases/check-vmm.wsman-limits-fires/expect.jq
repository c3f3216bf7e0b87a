.verdict == "warnings"
[.findings[] | select(.id == "vmm.wsman-limits")] | length == 1
.findings[] | select(.id == "vmm.wsman-limits") | .severity == "warning" and .waivable == true and .component == "vmm"
.findings[] | select(.id == "vmm.wsman-limits") | .hop == {"from": "2019", "to": "2022"}
.findings[] | select(.id == "vmm.wsman-limits") | (.detail | contains("facts.wsman.max_connections") and contains("299"))
.findings[] | select(.id == "vmm.wsman-limits") | [.remediation[].type] | index("command") != null
