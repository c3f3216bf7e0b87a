[.findings[] | select(.id == "vmm.host-os-needs-update-rollup")] | length == 0
