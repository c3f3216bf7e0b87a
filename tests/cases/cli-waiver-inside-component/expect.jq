.verdict == "warnings"
.findings[] | select(.id == "vmm.domain-member") | .waived == {"reason": "workgroup lab", "expires": "2027-01-31"}
