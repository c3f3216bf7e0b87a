.verdict == "ok"
[.findings[] | select(.id == "path.update-rollup")] | length == 0
