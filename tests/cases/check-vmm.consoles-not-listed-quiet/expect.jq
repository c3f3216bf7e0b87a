[.findings[] | select(.id == "vmm.consoles-not-listed")] | length == 0
