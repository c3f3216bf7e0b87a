(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.id == "vmm.library-share")] | length == 0
