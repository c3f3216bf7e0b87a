[.findings[] | select(.id == "vmm.hosts-not-listed")] | length == 1
.findings[] | select(.id == "vmm.hosts-not-listed") | .severity == "info"
.verdict == "ok"
