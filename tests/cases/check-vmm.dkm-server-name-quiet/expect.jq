[.findings[] | select(.id == "vmm.dkm-server-name")] | length == 0
