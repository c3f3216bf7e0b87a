[.findings[] | select(.id == "vmm.wsman-limits")] | length == 1
.findings[] | select(.id == "vmm.wsman-limits") | (.detail | contains("facts.wsman.max_concurrent_operations_per_user"))
