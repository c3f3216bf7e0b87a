[.findings[] | select(.id == "vmm.host-os-needs-update-rollup")] | length == 1
.findings[] | select(.id == "vmm.host-os-needs-update-rollup") | .severity == "warning"
.findings[] | select(.id == "vmm.host-os-needs-update-rollup") | .servers == ["HV01"]
[.findings[] | select(.id == "os.unsupported")] | length == 0
