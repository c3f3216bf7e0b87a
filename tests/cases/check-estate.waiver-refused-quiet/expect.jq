[.findings[] | select(.id == "estate.waiver-refused")] | length == 0
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .waived == {"reason": "we will re-enter the settings", "expires": "2027-06-30"}
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .waived == null
