# a waived blocker still appears, marked waived, and no longer blocks: exit 1 instead of 2
.verdict == "warnings"
[.findings[] | select(.id == "vmm.domain-member")] | length == 1
.findings[] | select(.id == "vmm.domain-member") | .severity == "blocker" and .servers == ["VMM01"]
.findings[] | select(.id == "vmm.domain-member") | .waived == {"reason": "workgroup lab, joined before production", "expires": "2027-01-31"}
