.verdict == "ok"
[.findings[] | select(.id == "path.none")] | length == 0
[.findings[] | select(.severity != "info")] | length == 0
