# cli.md's example: vmm.remote-upgrade-unsupported names the management server it concerns
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .servers | index("VMM01") != null
