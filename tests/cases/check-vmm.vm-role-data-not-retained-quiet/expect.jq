[.findings[] | select(.id == "vmm.vm-role-data-not-retained")] | length == 0
