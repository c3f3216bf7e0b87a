[.findings[] | select(.id == "vmm.remote-upgrade-unsupported")] | length == 1
