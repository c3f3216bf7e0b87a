[.findings[] | select(.id == "om.duplicate-mp-aliases")] | length == 1
.findings[] | select(.id == "om.duplicate-mp-aliases") | .severity == "warning"
.findings[] | select(.id == "om.duplicate-mp-aliases") | .hop == {"from": "2019 UR3", "to": "2022"}
[.findings[] | select(.id == "path.update-rollup-recommended")] | length == 0
