[.findings[] | select(.id == "vmm.domain-member")] | length == 1
.findings[] | select(.id == "vmm.domain-member") | .severity == "blocker"
.findings[] | select(.id == "vmm.domain-member") | .servers == ["VMM01"] and .waivable == true
.verdict == "blocked"
