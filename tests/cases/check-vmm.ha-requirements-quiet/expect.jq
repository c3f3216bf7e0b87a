.verdict == "ok"
[.findings[] | select(.id == "vmm.ha-requirements")] | length == 0
