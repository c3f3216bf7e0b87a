[.findings[] | select(.id == "vmm.reserved-name")] | length == 0
