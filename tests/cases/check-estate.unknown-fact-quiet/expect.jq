[.findings[] | select(.id == "estate.unknown-fact")] | length == 0
[.findings[] | select(.id == "vmm.wsman-limits")] | length == 1
