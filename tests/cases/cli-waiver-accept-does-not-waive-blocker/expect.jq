.verdict == "blocked"
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .waived == null
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .waived != null
