.verdict == "blocked"
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .severity == "blocker" and .waived == null
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 1
