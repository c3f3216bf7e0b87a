.findings[] | select(.id == "vmm.domain-member") | .waived.reason == "workgroup lab"
