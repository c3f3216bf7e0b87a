.verdict == "blocked"
[.findings[] | select(.id == "estate.waiver-refused")] | length == 1
.findings[] | select(.id == "estate.waiver-refused") | .waivable == false and .component == "vmm"
.findings[] | select(.id == "estate.waiver-refused") | (.detail | contains("vmm.remote-upgrade-unsupported"))
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .waived == null
