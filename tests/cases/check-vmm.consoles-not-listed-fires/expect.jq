[.findings[] | select(.id == "vmm.consoles-not-listed")] | length == 1
.findings[] | select(.id == "vmm.consoles-not-listed") | .severity == "info"
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
