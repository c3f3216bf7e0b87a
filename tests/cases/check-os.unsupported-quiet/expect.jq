(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.id == "os.unsupported")] | length == 0
