.verdict == "blocked"
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 1
