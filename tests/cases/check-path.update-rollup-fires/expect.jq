# cli.md: the plan applies the missing rollup first, the finding lists that step in resolved_by, and a resolved blocker exits 1
[.findings[] | select(.id == "path.update-rollup")] | length == 1
.findings[] | select(.id == "path.update-rollup") | .severity == "blocker" and .component == "vmm"
.findings[] | select(.id == "path.update-rollup") | .hop == {"from": "2012 R2 UR8", "to": "2016"}
.findings[] | select(.id == "path.update-rollup") | (.detail | contains("2012 R2 UR9"))
.findings[] | select(.id == "path.update-rollup") | (.resolved_by | length >= 1 and all(type == "number"))
.verdict == "planned"
[.findings[] | select(.id == "path.none")] | length == 0
