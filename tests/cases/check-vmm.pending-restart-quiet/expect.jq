[.findings[] | select(.id == "vmm.pending-restart")] | length == 0
