# ORDO_NOW is 2026-11-22: a waiver is valid through its expiry day
[.findings[] | select(.id == "estate.waiver-expired")] | length == 0
.findings[] | select(.id == "vmm.domain-member") | .waived == {"reason": "workgroup lab, joined before production", "expires": "2026-11-22"}
.verdict == "warnings"
