.verdict == "ok"
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 0
