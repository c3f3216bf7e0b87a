.verdict == "blocked"
.findings[] | select(.id == "vmm.domain-member" and .component == "vmm-lab") | .waived.reason == "workgroup lab"
.findings[] | select(.id == "vmm.domain-member" and .component == "vmm-prod") | .waived == null
