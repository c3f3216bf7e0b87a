[.findings[] | select(.id == "vmm.hosts-not-listed")] | length == 0
