[.findings[] | select(.id == "vmm.domain-member")] | length == 0
