.verdict == "ok"
[.findings[] | select(.id == "vmm.wsman-limits")] | length == 0
