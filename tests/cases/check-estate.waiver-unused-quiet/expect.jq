[.findings[] | select(.id == "estate.waiver-unused")] | length == 0
.findings[] | select(.id == "vmm.domain-member") | .waived.reason == "workgroup lab, joined before production"
