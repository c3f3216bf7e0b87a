# facts: BLOCK for the direct hop (conflict C3); ordo plans 2016 -> 2019 -> 2022 (path.intermediate, om.2022-from-2019-only)
[.findings[] | select(.id == "path.none")] | length == 0
.findings[] | select(.id == "path.intermediate") | (.detail | contains("2016 -> 2019 -> 2022"))
[.findings[] | select(.id == "om.2022-from-2019-only")] | length == 1
# the 2019 -> 2022 hop starts at 2019 without a rollup: UR3 is recommended, and duplicate aliases must go
.findings[] | select(.id == "path.update-rollup-recommended") | .hop == {"from": "2019", "to": "2022"}
[.findings[] | select(.severity == "blocker")] | length == 0
