# facts: BLOCK until UR9; ordo: the plan applies UR9 first and path.update-rollup lists that step (resolved_by), so exit 1
[.findings[] | select(.id == "path.update-rollup")] | length == 1
.findings[] | select(.id == "path.update-rollup") | .hop == {"from": "2012 R2 UR8", "to": "2016"} and (.detail | contains("2012 R2 UR9"))
.findings[] | select(.id == "path.update-rollup") | (.resolved_by | length >= 1)
.verdict == "planned"
