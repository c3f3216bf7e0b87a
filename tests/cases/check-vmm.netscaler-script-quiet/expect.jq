[.findings[] | select(.id == "vmm.netscaler-script")] | length == 0
