.verdict == "ok"
[.findings[] | select(.id == "estate.unknown")] == []
