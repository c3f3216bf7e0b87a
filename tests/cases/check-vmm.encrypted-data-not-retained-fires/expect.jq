.verdict == "blocked"
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 1
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .severity == "blocker" and .waivable == true and .waived == null
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .hop == {"from": "2012 R2 UR9", "to": "2016"}
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | (.detail | contains("svc-vmm-b"))
[.findings[] | select(.id == "vmm.remote-upgrade-unsupported")] | length == 0
