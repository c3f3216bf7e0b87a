[.findings[] | select(.id == "estate.unknown")] == []
.verdict == "ok"
