.verdict == "ok"
[.findings[] | select(.id == "sql.unsupported")] | length == 0
