.verdict == "ok"
[.findings[] | select(.id == "vmm.remote-upgrade-unsupported" or .id == "vmm.encrypted-data-not-retained")] | length == 0
