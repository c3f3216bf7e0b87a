[.findings[] | select(.id == "sm.encryption-key-backup")] | length == 1
.findings[] | select(.id == "sm.encryption-key-backup") | .severity == "warning"
