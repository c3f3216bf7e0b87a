[.findings[] | select(.id == "vmm.reserved-name")] | length == 1
