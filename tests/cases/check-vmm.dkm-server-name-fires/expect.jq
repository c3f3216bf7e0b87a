[.findings[] | select(.id == "vmm.dkm-server-name")] | length == 1
.findings[] | select(.id == "vmm.dkm-server-name") | .severity == "warning"
.findings[] | select(.id == "vmm.dkm-server-name") | (.detail | contains("VMM02"))
[.findings[] | select(.id == "vmm.remote-upgrade-unsupported" or .id == "vmm.encrypted-data-not-retained")] | length == 0
