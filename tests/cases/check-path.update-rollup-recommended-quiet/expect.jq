.verdict == "ok"
[.findings[] | select(.id == "path.update-rollup-recommended")] | length == 0
