# ORDO_NOW is 2026-11-22: the waiver expired yesterday
.verdict == "blocked"
[.findings[] | select(.id == "estate.waiver-expired")] | length == 1
.findings[] | select(.id == "estate.waiver-expired") | .severity == "warning" and .component == "vmm"
.findings[] | select(.id == "estate.waiver-expired") | (.detail | contains("2026-11-21") and contains("vmm.domain-member"))
.findings[] | select(.id == "vmm.domain-member") | .waived == null and .severity == "blocker"
