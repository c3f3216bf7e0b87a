.verdict == "ok"
[.findings[] | select(.id == "path.intermediate")] | length == 0
