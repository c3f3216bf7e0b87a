.verdict == "blocked"
[.findings[] | select(.id == "vmm.remote-upgrade-unsupported")] | length == 0
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 1
