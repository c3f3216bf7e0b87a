.verdict == "warnings"
[.findings[] | select(.id == "path.update-rollup-recommended")] | length == 1
.findings[] | select(.id == "path.update-rollup-recommended") | .severity == "warning" and .waivable == true and .component == "orch"
.findings[] | select(.id == "path.update-rollup-recommended") | .hop == {"from": "2019 UR2", "to": "2022"}
.findings[] | select(.id == "path.update-rollup-recommended") | (.detail | contains("2019 UR3"))
[.findings[] | select(.id == "path.update-rollup")] | length == 0
