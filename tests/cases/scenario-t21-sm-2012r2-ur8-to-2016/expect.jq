# facts: BLOCK (UR9+); ordo: path.update-rollup resolved by the plan's rollup step (resolved_by), so exit 1
.findings[] | select(.id == "path.update-rollup") | .severity == "blocker" and (.detail | contains("2012 R2 UR9"))
.findings[] | select(.id == "path.update-rollup") | (.resolved_by | length >= 1)
