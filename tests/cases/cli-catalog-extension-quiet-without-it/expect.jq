(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"]) and ([.findings[] | select(.id != "estate.unknown")] | length == 0)
