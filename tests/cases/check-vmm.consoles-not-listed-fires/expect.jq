[.findings[] | select(.id == "vmm.consoles-not-listed")] | length == 1
.findings[] | select(.id == "vmm.consoles-not-listed") | .severity == "info"
.verdict == "ok"
