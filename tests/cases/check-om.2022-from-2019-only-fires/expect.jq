[.findings[] | select(.id == "om.2022-from-2019-only")] | length == 1
.findings[] | select(.id == "om.2022-from-2019-only") | .severity == "info"
.findings[] | select(.id == "path.intermediate") | (.detail | contains("2016 -> 2019 -> 2022"))
# the second hop starts at 2019 without a rollup: UR3 or later is recommended before 2022
[.findings[] | select(.id == "path.update-rollup-recommended")] | length == 1
