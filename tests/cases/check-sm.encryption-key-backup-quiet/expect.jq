[.findings[] | select(.id == "sm.encryption-key-backup")] | length == 0
