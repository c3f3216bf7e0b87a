.verdict == "blocked"
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .severity == "blocker" and .waived == null and (.detail | contains("upgrade.service_account = 'LocalSystem'"))
