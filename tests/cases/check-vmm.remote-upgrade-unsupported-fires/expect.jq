.verdict == "blocked"
[.findings[] | select(.id == "vmm.remote-upgrade-unsupported")] | length == 1
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .severity == "blocker" and .waivable == false and .component == "vmm"
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .hop == {"from": "2012 R2 UR9", "to": "2016"}
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | (.detail | contains("VMM02") and contains("facts.key_management"))
.findings[] | select(.id == "vmm.remote-upgrade-unsupported") | .sources | index("SystemCenterDocs/Upgrading-to-VMM-in-System-Center-2016.md") != null
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 1
