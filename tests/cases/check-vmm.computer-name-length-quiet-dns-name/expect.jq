[.findings[] | select(.id == "vmm.computer-name-length")] | length == 0
