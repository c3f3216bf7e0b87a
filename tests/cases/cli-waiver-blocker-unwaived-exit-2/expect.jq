.verdict == "blocked"
.findings[] | select(.id == "vmm.domain-member") | .waived == null
